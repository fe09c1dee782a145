import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What the app remembers between starts: only which lab file was open. Never a secret. */
export interface Settings {
  lastLabFile: string | null;
}

export async function readSettings(path: string): Promise<Settings> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<Settings>;
    return { lastLabFile: typeof value.lastLabFile === 'string' ? value.lastLabFile : null };
  } catch {
    // Missing or damaged settings are not worth stopping for: start as on a first run.
    return { lastLabFile: null };
  }
}

export async function writeSettings(path: string, settings: Settings): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`);
  await rename(tmp, path);
}
