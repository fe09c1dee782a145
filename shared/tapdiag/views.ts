import type { OperationError } from '../errors';

/**
 * tapdiag as the UI shows it, per client and support machine. tapdiag cannot be asked what link or 802.1Q
 * setting the driver holds, so hlk-assist shows what it last set, in which boot; a reboot since then means
 * the driver has forgotten it ("lost"), and it can be applied again (by itself when the operator asked).
 */

export type TapdiagLink = 'on' | 'off';
export type TapdiagQ = 'on' | 'off' | 'always';

export interface TapdiagStatusView {
  toolPath: string;
  toolFound: boolean;
  registryEnabled: boolean;
  /** open: the driver's tapdiag endpoint answers; closed: not enabled (or restarted) yet, or a driver without it. */
  endpoint: 'open' | 'closed' | 'no-adapter' | 'unknown';
  adapters: Array<{ name: string; status: string; mediaConnectionState: string }>;
  at: string;
}

export interface TapdiagMachineView {
  machine: string;
  /** The link hlk-assist last set with tapdiag, null if none yet. */
  link: TapdiagLink | null;
  /** The 802.1Q handling hlk-assist last set, null if none yet. */
  q: TapdiagQ | null;
  setAt: string | null;
  /** The boot in which it was set (the machine's last boot time then). */
  bootTime: string | null;
  /** The machine rebooted since: the driver no longer holds what was set. */
  lost: boolean;
  lostAt: string | null;
  /** The last tapdiag status read (tool, registry, endpoint), if any. */
  status: TapdiagStatusView | null;
  /** The tapdiag action running now, if any. */
  busy: string | null;
  lastError: OperationError | null;
}

export interface TapdiagView {
  /** Apply the last settings again by itself when a machine comes back from a reboot. */
  autoReapply: boolean;
  machines: TapdiagMachineView[];
}

export type TapdiagOutcome = { ok: true; view: TapdiagMachineView } | { ok: false; error: OperationError; view: TapdiagMachineView };

/**
 * The guided LinkCheck: NDISTest 6.5 LinkCheck asks in message boxes for the cable to be unplugged and
 * plugged back in, possibly twice. Each step is an action hlk-assist performs (tapdiag /link:off, or
 * stopping OpenVPN) or something the operator does and confirms (answer the message box).
 */
export type LinkcheckStepKind = 'action' | 'confirm' | 'decide';

export interface LinkcheckStepView {
  n: number;
  kind: LinkcheckStepKind;
  text: string;
  state: 'pending' | 'current' | 'done' | 'failed';
  at: string | null;
  error: string | null;
}

export interface LinkcheckView {
  machine: string;
  /** tapdiag: /link:off and /link:on; service: stop and start OpenVPN (the wiki's other way). */
  method: 'tapdiag' | 'service';
  cycle: number;
  /** The step to do now (its number), or null when finished. */
  current: number | null;
  steps: LinkcheckStepView[];
  outcome: 'running' | 'done' | 'cancelled';
  /** The guide took the link down and has not brought it back: cancelling plugs the cable back in first. */
  unplugged: boolean;
  /** Why the cable could not be plugged back in when the guide was cancelled (it is still unplugged). */
  plugError: string | null;
}
