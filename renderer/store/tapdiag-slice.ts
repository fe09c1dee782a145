import type { LinkcheckView, TapdiagLink, TapdiagOutcome, TapdiagQ, TapdiagView } from '../../shared/tapdiag/views';
import type { SliceCreator } from './app-state';
import { ask, type Answer } from './ask';

/** A tapdiag request from this window that hlk-assist refused or could not answer (its own failures are in the view). */
export interface TapdiagRequest {
  doing: string | null;
  error: string | null;
}

/** tapdiag on the clients and the support machine, and the guided LinkCheck. */
export interface TapdiagSlice {
  tapdiag: TapdiagView | null;
  linkcheck: LinkcheckView | null;
  tapdiagRequests: Record<string, TapdiagRequest>;
  linkcheckRequest: { doing: boolean; error: string | null };
  /** Why the last change of the auto re-apply setting failed. */
  autoReapplyError: string | null;
  /** Reads tapdiag's status on the machine: the tool, the registry value, the endpoint, the TAP adapter's link. */
  readTapdiag(machine: string): Promise<void>;
  enableTapdiag(machine: string): Promise<void>;
  /** Sets the link, then reads the status so the TAP adapter's media state shows what the driver did. */
  setTapdiagLink(machine: string, link: TapdiagLink): Promise<void>;
  setTapdiagQ(machine: string, mode: TapdiagQ): Promise<void>;
  reapplyTapdiag(machine: string): Promise<void>;
  setAutoReapply(enabled: boolean): Promise<void>;
  startLinkcheck(machine: string, method: LinkcheckView['method']): Promise<void>;
  /** Does the current step; `again` answers the end of a round. */
  advanceLinkcheck(again?: boolean): Promise<void>;
  cancelLinkcheck(): Promise<void>;
}

export const createTapdiagSlice: SliceCreator<TapdiagSlice> = (set, get, { connection, feed }) => {
  const api = connection.api;
  const setRequest = (machine: string, request: TapdiagRequest) => set((s) => ({ tapdiagRequests: { ...s.tapdiagRequests, [machine]: request } }));
  /** One tapdiag request per machine; the answer's view arrives as the pushed `tapdiag` event too. */
  const request = async (machine: string, doing: string, send: () => Promise<Answer<'tapdiag.setLink'>>): Promise<TapdiagOutcome | null> => {
    if (get().tapdiagRequests[machine]?.doing) return null;
    setRequest(machine, { doing, error: null });
    const answer = await send();
    setRequest(machine, { doing: null, error: answer.ok ? null : answer.message });
    return answer.ok ? answer.result : null;
  };
  const readTapdiag = async (machine: string) => {
    await request(machine, 'reading tapdiag\u2019s status', () => ask(api, 'tapdiag.refresh', { machine }));
  };
  const linkcheckRequest = async (send: () => Promise<Answer<'linkcheck.advance'>>) => {
    if (get().linkcheckRequest.doing) return;
    set({ linkcheckRequest: { doing: true, error: null } });
    const answer = await send();
    if (answer.ok) feed.linkcheck(answer.result);
    set({ linkcheckRequest: { doing: false, error: answer.ok ? null : answer.message } });
  };
  return {
    tapdiag: null,
    linkcheck: null,
    tapdiagRequests: {},
    linkcheckRequest: { doing: false, error: null },
    autoReapplyError: null,
    readTapdiag,
    enableTapdiag: async (machine) => {
      await request(machine, 'enabling tapdiag', () => ask(api, 'tapdiag.enable', { machine }));
    },
    setTapdiagLink: async (machine, link) => {
      // hlk-assist reads tapdiag's status again after the change: its answer carries the adapter's link.
      await request(machine, `tapdiag /link:${link}`, () => ask(api, 'tapdiag.setLink', { machine, link }));
    },
    setTapdiagQ: async (machine, mode) => {
      await request(machine, `tapdiag /setq:${mode}`, () => ask(api, 'tapdiag.setQ', { machine, mode }));
    },
    reapplyTapdiag: async (machine) => {
      const outcome = await request(machine, 'applying the settings again', () => ask(api, 'tapdiag.reapply', { machine }));
      if (outcome?.ok) await readTapdiag(machine);
    },
    setAutoReapply: async (enabled) => {
      const answer = await ask(api, 'tapdiag.setAutoReapply', { enabled });
      if (answer.ok) feed.tapdiag(answer.result);
      set({ autoReapplyError: answer.ok ? null : answer.message });
    },
    startLinkcheck: (machine, method) => linkcheckRequest(() => ask(api, 'linkcheck.start', { machine, method })),
    advanceLinkcheck: (again) => linkcheckRequest(() => ask(api, 'linkcheck.advance', again === undefined ? {} : { again })),
    cancelLinkcheck: () => linkcheckRequest(() => ask(api, 'linkcheck.cancel', {})),
  };
};
