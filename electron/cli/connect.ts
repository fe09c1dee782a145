import { dirname, join } from 'node:path';
import { FileHostKeyStore } from '../lab/host-keys';
import type { LabFile } from '../lab/lab-file';
import { defaultTimings, Machine, type MachineTimings } from '../machines/machine';
import type { MachineView } from '../../shared/lab';
import { makePrivateFolder } from '../private-folder';
import { readinessContext } from '../readiness/context';
import { ReadinessEngine } from '../readiness/engine';
import { defaultDataDir } from '../service/data-dir';
import { keyFileNeedsPassphrase } from '../transport/ssh-link';
import { askSecret, canAskSecrets } from './ask-secret';

/** States a machine stays in until someone acts: it connected, or it cannot without the operator. */
const SETTLED = new Set(['connected', 'auth-failed', 'host-key-changed', 'needs-password']);

/**
 * Connects the machines and waits until each is connected (with its facts read) or cannot be (refused
 * credentials or host key, a password to type), or the time is up. Passwords and key passphrases the
 * operator typed are given by machine name, and held in memory only. `settled` is how the machines'
 * `changed` callbacks reach this wait.
 */
export function connectAll(machines: Machine[], secrets: Map<string, string>, timeoutMs: number, settled: Set<() => void>): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (machines.every((m) => SETTLED.has(m.connectionState) && (m.connectionState !== 'connected' || m.view().facts))) finish();
    };
    const finish = () => {
      clearTimeout(timer);
      settled.delete(check);
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    settled.add(check);
    for (const m of machines) m.connect(secrets.get(m.name));
    check();
  });
}

/**
 * Asks on the terminal for each password machine's password and each encrypted key's passphrase, in
 * lab order. Without a terminal, answers with the sentence that says which machines need one.
 */
export async function askSecrets(machines: LabFile['machines'], command: string): Promise<Map<string, string> | string> {
  const needed: Array<{ name: string; prompt: string }> = [];
  for (const m of machines) {
    if (m.connection !== 'ssh') continue;
    if (m.auth.type === 'password') needed.push({ name: m.name, prompt: `Password for ${m.user}@${m.host} (${m.name}): ` });
    else if (m.auth.type === 'key' && (await keyFileNeedsPassphrase(m.auth.file))) {
      needed.push({ name: m.name, prompt: `Passphrase for the key file ${m.auth.file} (${m.name}): ` });
    }
  }
  const secrets = new Map<string, string>();
  if (needed.length === 0) return secrets;
  if (!canAskSecrets()) {
    const names = needed.map((n) => n.name).join(', ');
    return `${names} ${needed.length === 1 ? 'needs a password or key passphrase' : 'need passwords or key passphrases'}: run hlk-assist ${command} on a terminal to type ${needed.length === 1 ? 'it' : 'them'} (they are never stored)`;
  }
  for (const n of needed) secrets.set(n.name, await askSecret(n.prompt));
  return secrets;
}

/** The lab's machines as a command uses them. */
export interface LabMachines {
  machines: Machine[];
  /** Connects every machine and waits as connectAll does, at most `timeoutMs`. */
  connect(secrets: Map<string, string>, timeoutMs: number): Promise<void>;
  /** Disconnects every machine. */
  close(): void;
}

/**
 * The lab file's machines, their host keys pinned in the data folder (made the user's alone first), with
 * these time limits; `changed` hears every machine's change.
 */
export async function openLabMachines(file: LabFile, timings: MachineTimings, changed: (view: MachineView) => void = () => undefined): Promise<LabMachines> {
  await makePrivateFolder(defaultDataDir());
  const hostKeys = new FileHostKeyStore(join(defaultDataDir(), 'known-hosts.json'));
  const settled = new Set<() => void>();
  const machines = file.machines.map(
    (config) =>
      new Machine(config, {
        hostKeys,
        timings,
        changed: (view) => {
          changed(view);
          for (const s of [...settled]) s();
        },
        record: () => undefined,
      }),
  );
  return {
    machines,
    connect: (secrets, timeoutMs) => connectAll(machines, secrets, timeoutMs, settled),
    close: () => {
      for (const m of machines) m.disconnect();
    },
  };
}

/** What check and prepare work on: the lab's machines and a readiness engine over them. */
export interface ReadinessLab {
  machines: Machine[];
  engine: ReadinessEngine;
  /** Connects every machine and waits as connectAll does. */
  connect(secrets: Map<string, string>): Promise<void>;
  /** Ends the engine and disconnects every machine. */
  close(): void;
}

/**
 * The lab's machines with every time limit of connecting the connect timeout, and a readiness engine
 * that reads the lab file's settings relative to its folder.
 */
export async function openReadinessLab(file: LabFile, labPath: string, connectTimeoutMs: number): Promise<ReadinessLab> {
  // The machines tell the engine of every change, and the engine needs the machines: it is set just below.
  let engine: ReadinessEngine | null = null;
  const timings = { ...defaultTimings, connectTimeoutMs, loopStartTimeoutMs: connectTimeoutMs };
  const lab = await openLabMachines(file, timings, (view) => engine?.machineChanged(view));
  const readiness = new ReadinessEngine({ machines: lab.machines, context: () => readinessContext(file, dirname(labPath)), changed: () => undefined });
  engine = readiness;
  return {
    machines: lab.machines,
    engine: readiness,
    connect: (secrets) => lab.connect(secrets, connectTimeoutMs),
    close: () => {
      readiness.dispose();
      lab.close();
    },
  };
}
