import type { LabView } from '../../shared/api';
import type { SliceCreator } from './app-state';
import { ask, type Answer } from './ask';

export type MachineRequestKind = 'connect' | 'disconnect' | 'trust' | 'acknowledge';

/** The operator's last request about one machine: still under way, or why it failed. */
export interface MachineRequest {
  doing: MachineRequestKind | null;
  error: string | null;
}

export interface LabSlice {
  lab: LabView | null;
  opening: 'practice' | 'file' | null;
  /** Why the last attempt to open a lab failed, in full (a bad lab file names the field and the problem). */
  openError: string | null;
  machineRequests: Record<string, MachineRequest>;
  startPractice(): Promise<void>;
  openLabFile(path: string): Promise<void>;
  /** The password, if any, goes to hlk-assist and nowhere else. */
  connectMachine(machine: string, password?: string): Promise<void>;
  disconnectMachine(machine: string): Promise<void>;
  trustPresentedHostKey(machine: string, fingerprint: string): Promise<void>;
  acknowledgeReboot(machine: string): Promise<void>;
}

type MachineAnswer = Answer<'machines.connect'>;

export const createLabSlice: SliceCreator<LabSlice> = (set, get, { connection, feed }) => {
  const api = connection.api;

  const setRequest = (machine: string, request: MachineRequest) =>
    set((s) => ({ machineRequests: { ...s.machineRequests, [machine]: request } }));

  const machineRequest = async (machine: string, doing: MachineRequestKind, send: () => Promise<MachineAnswer>) => {
    setRequest(machine, { doing, error: null });
    const answer = await send();
    if (answer.ok) feed.machine(answer.result);
    setRequest(machine, { doing: null, error: answer.ok ? null : answer.message });
  };

  const openLab = async (opening: 'practice' | 'file', send: () => Promise<Answer<'lab.open'>>) => {
    if (get().opening) return;
    set({ opening, openError: null });
    const answer = await send();
    if (answer.ok) feed.lab(answer.result);
    set({ opening: null, openError: answer.ok ? null : answer.message });
  };

  return {
    lab: null,
    opening: null,
    openError: null,
    machineRequests: {},
    startPractice: () => openLab('practice', () => ask(api, 'lab.startPractice', {})),
    openLabFile: (path) => openLab('file', () => ask(api, 'lab.open', { path })),
    connectMachine: (machine, password) =>
      machineRequest(machine, 'connect', () =>
        ask(api, 'machines.connect', password === undefined ? { machine } : { machine, password }),
      ),
    disconnectMachine: (machine) => machineRequest(machine, 'disconnect', () => ask(api, 'machines.disconnect', { machine })),
    trustPresentedHostKey: (machine, fingerprint) =>
      machineRequest(machine, 'trust', () => ask(api, 'machines.trustPresentedHostKey', { machine, fingerprint })),
    acknowledgeReboot: (machine) =>
      machineRequest(machine, 'acknowledge', () => ask(api, 'machines.acknowledgeReboot', { machine })),
  };
};
