import type { LabView } from '../../shared/lab';
import type { PracticeEngine, PracticeScenario } from '../../shared/practice-scenarios';
import type { SliceCreator } from './app-state';
import { ask, type Answer } from './ask';

export type MachineRequestKind = 'connect' | 'disconnect' | 'trust' | 'acknowledge';

/** The operator's last request about one machine: still under way, or why it failed. */
export interface MachineRequest {
  doing: MachineRequestKind | null;
  error: string | null;
}

/** What is being opened: a practice lab of one scenario, or the operator's lab file. */
export type LabChoice = { kind: 'practice'; scenario: PracticeScenario; engine: PracticeEngine } | { kind: 'file'; path: string };

export interface LabSlice {
  lab: LabView | null;
  opening: LabChoice | null;
  /** Why the last attempt to open a lab failed, in full (a bad lab file names the field and the problem). */
  openError: string | null;
  machineRequests: Record<string, MachineRequest>;
  /** Starts the practice lab or opens a lab file; an open lab is closed first. */
  openLab(choice: LabChoice): Promise<void>;
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

  const openLab = async (choice: LabChoice) => {
    if (get().opening) return;
    set({ opening: choice, openError: null });
    const answer =
      choice.kind === 'practice'
        ? await ask(api, 'lab.startPractice', { scenario: choice.scenario, engine: choice.engine })
        : await ask(api, 'lab.open', { path: choice.path });
    if (answer.ok) feed.lab(answer.result);
    set({ opening: null, openError: answer.ok ? null : answer.message });
  };

  return {
    lab: null,
    opening: null,
    openError: null,
    machineRequests: {},
    openLab,
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
