import type { SigningStateView } from '../../shared/signing/views';
import type { SliceCreator } from './app-state';
import { ask } from './ask';

/** The driver package's signing reports and the attestation cabinet, as the Signing page shows them. */
export interface SigningSlice {
  signing: SigningStateView | null;
  signingRequest: { doing: string | null; startedAt: number | null; error: string | null };
  loadSigning(): Promise<void>;
  /** Reads a folder on the machine, or the driver store's copy of the INF. */
  readSigning(machine: string, where: { folder: string } | { storedInf: string }): Promise<void>;
  buildAttestationCab(p: { machine: string; folder: string; outputFolder: string; cabName: string; includeSymbols: boolean }): Promise<void>;
}

export const createSigningSlice: SliceCreator<SigningSlice> = (set, get, { connection }) => {
  const api = connection.api;
  const run = async (doing: string, send: () => Promise<{ ok: true } | { ok: false; message: string }>) => {
    if (get().signingRequest.doing) return;
    set({ signingRequest: { doing, startedAt: Date.now(), error: null } });
    const answer = await send();
    const state = answer.ok ? await ask(api, 'signing.state', {}) : null;
    set({
      ...(state?.ok ? { signing: state.result } : {}),
      signingRequest: { doing: null, startedAt: null, error: answer.ok ? null : answer.message },
    });
  };
  return {
    signing: null,
    signingRequest: { doing: null, startedAt: null, error: null },
    loadSigning: async () => {
      const answer = await ask(api, 'signing.state', {});
      if (answer.ok) set({ signing: answer.result });
      else set((s) => ({ signingRequest: { ...s.signingRequest, error: answer.message } }));
    },
    readSigning: (machine, where) => run(`reading the signatures on ${machine}`, () => ask(api, 'signing.read', { machine, ...where })),
    buildAttestationCab: (p) => run(`building the attestation cabinet on ${p.machine}`, () => ask(api, 'signing.attestation', p)),
  };
};
