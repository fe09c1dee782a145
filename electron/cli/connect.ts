import type { Machine } from '../machines/machine';

/** States a machine stays in until someone acts: it connected, or it cannot without the operator. */
const SETTLED = new Set(['connected', 'auth-failed', 'host-key-changed', 'needs-password']);

/**
 * Connects the machines and waits until each is connected (with its facts read) or cannot be (refused
 * credentials or host key, a password to type), or the time is up. `settled` is how the machines'
 * `changed` callbacks reach this wait.
 */
export function connectAll(machines: Machine[], timeoutMs: number, settled: Set<() => void>): Promise<void> {
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
    for (const m of machines) m.connect();
    check();
  });
}
