import { open, readFile, stat, unlink } from 'node:fs/promises';

/**
 * A lock shared by every hlk-assist process on one data folder (the app, a web host, a CLI): a file
 * created exclusively beside the file it guards, holding the owner's process id. A lock whose owner is
 * gone (killed with SIGKILL mid-write) is taken over; one still held past the timeout is an error that
 * says which process holds it, never a wait without end.
 */

/** An empty lock file older than this was left by a process that died between creating and filling it. */
const EMPTY_LOCK_STALE_MS = 5000;

export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = await lockOwner(lockPath);
      if (owner === 'gone') {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`${lockPath} is held by another hlk-assist process${owner === 'unknown' ? '' : ` (process ${owner})`} for over ${timeoutMs / 1000} s`);
      }
      await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

/** The live process holding the lock, 'gone' when it is free to take over, 'unknown' when it cannot be told yet. */
async function lockOwner(lockPath: string): Promise<number | 'gone' | 'unknown'> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch {
    return 'unknown'; // released meanwhile: the next attempt takes it
  }
  const pid = Number(text);
  if (text === '' || !Number.isInteger(pid) || pid <= 0) {
    const age = await stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
    return age > EMPTY_LOCK_STALE_MS ? 'gone' : 'unknown';
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH' ? 'gone' : pid;
  }
}
