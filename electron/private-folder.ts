import { chmod, mkdir } from 'node:fs/promises';

/**
 * Makes the app's data folder its user's alone (0700): it holds the journal of the pass, collected logs
 * and the pinned host keys, which other users of the computer have no business reading or changing. An
 * existing folder made 0755 by an earlier version is tightened too. Windows keeps a user's AppData
 * private by its ACLs; the mode bits mean nothing there.
 */
export async function makePrivateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(path, 0o700);
}
