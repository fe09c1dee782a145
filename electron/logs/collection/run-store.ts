import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FORMAT, type CollectionManifest } from '../../../shared/collection/manifest';
import { RUN_ID } from '../../../shared/collection/values';

/**
 * The runs folder: one folder per collection run, named by the UTC time it started, holding
 * manifest.json and a folder per machine.
 */

export const MANIFEST = 'manifest.json';

/** `2024-05-01T10-22-33Z`: an ISO time that every file system accepts as a folder name. */
export function runIdFor(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

/** Makes the folder of a new run, with a suffix if a run started in the same second. */
export async function createRunFolder(runsDir: string, at: Date): Promise<{ run: string; folder: string }> {
  await mkdir(runsDir, { recursive: true });
  const base = runIdFor(at);
  for (let n = 1; n < 1000; n++) {
    const run = n === 1 ? base : `${base}-${n}`;
    const folder = join(runsDir, run);
    try {
      await mkdir(folder);
      return { run, folder };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`too many runs started at ${base}`);
}

export function runFolder(runsDir: string, run: string): string {
  if (!RUN_ID.test(run)) throw new Error(`${run} is not a collection run`);
  return join(runsDir, run);
}

let writes = 0;

/** Writes the manifest whole or not at all: a crash leaves the previous one. */
export async function writeManifest(folder: string, manifest: CollectionManifest): Promise<void> {
  const path = join(folder, MANIFEST);
  const tmp = `${path}.${process.pid}.${++writes}.tmp`;
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, path);
}

export async function readManifest(folder: string): Promise<CollectionManifest> {
  const value = JSON.parse(await readFile(join(folder, MANIFEST), 'utf8')) as CollectionManifest;
  if (value.format !== MANIFEST_FORMAT) throw new Error(`${join(folder, MANIFEST)} is not an hlk-assist collection manifest`);
  return value;
}

/** The runs in the folder, newest first. */
export async function listRunIds(runsDir: string): Promise<string[]> {
  const names = await readdir(runsDir).catch(() => [] as string[]);
  return names.filter((n) => RUN_ID.test(n)).sort().reverse();
}
