import type { LinkcheckView, TapdiagLink, TapdiagMachineView, TapdiagQ, TapdiagStatusView } from '../../shared/tapdiag/views';
import type { Tone } from '../lab/connection-states';

/** The driver's tapdiag endpoint, in words: whether /link and /setq can work. */
export const endpointWords: Record<TapdiagStatusView['endpoint'], { text: string; tone: Tone }> = {
  open: { text: 'open: /link and /setq work', tone: 'good' },
  closed: { text: 'closed: enable tapdiag (it restarts the TAP adapter); if it stays closed, this driver was built without tapdiag', tone: 'bad' },
  'no-adapter': { text: 'there is no TAP adapter on this machine', tone: 'bad' },
  unknown: { text: 'not known: tapdiag.exe is missing', tone: 'warn' },
};

export function linkWords(link: TapdiagLink): string {
  return link === 'on' ? 'plugged in (link on)' : 'unplugged (link off)';
}

export const qWords: Record<TapdiagQ, string> = {
  on: 'on (802.1Q tags handled)',
  off: 'off (the driver’s default)',
  always: 'always (every frame tagged)',
};

/** The TAP adapter's link as Windows reports it: what the test sees (down after tapdiag /link:off, or while OpenVPN is stopped). */
export function mediaWords(mediaConnectionState: string): { text: string; tone: Tone; down: boolean } {
  const down = mediaConnectionState.toLowerCase() !== 'connected';
  return down ? { text: 'link down (disconnected)', tone: 'warn', down } : { text: 'link up (connected)', tone: 'good', down };
}

/** Why tapdiag's buttons cannot work now, from its last status; null when they can (or nothing was read yet). */
export function tapdiagBlocked(status: TapdiagStatusView | null): { link: string | null; enable: string | null } {
  if (!status) return { link: null, enable: null };
  if (!status.toolFound) return { link: 'copy tapdiag.exe to the machine first', enable: 'copy tapdiag.exe to the machine first' };
  if (status.endpoint === 'no-adapter') return { link: 'there is no TAP adapter', enable: 'there is no TAP adapter' };
  if (status.endpoint !== 'open') return { link: 'enable tapdiag first: the driver’s endpoint is closed', enable: null };
  return { link: null, enable: null };
}

/** What was set, for a sentence: "link off and 802.1Q on". */
export function setWords(view: Pick<TapdiagMachineView, 'link' | 'q'>): string {
  return [...(view.link !== null ? [`link ${view.link}`] : []), ...(view.q !== null ? [`802.1Q ${view.q}`] : [])].join(' and ');
}

/** Where the walk is: "Step 3 of 6, round 1". */
export function linkcheckProgressText(view: LinkcheckView): string {
  if (view.outcome === 'done') return `Done after ${view.cycle} ${view.cycle === 1 ? 'round' : 'rounds'}`;
  if (view.outcome === 'cancelled') return 'Cancelled';
  return `Step ${view.current ?? view.steps.length} of ${view.steps.length}, round ${view.cycle}`;
}
