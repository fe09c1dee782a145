import type { LabFile } from '../lab/lab-file';
import type { Machine } from '../machines/machine';
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
