import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Small JSON state files in the data folder (checklist progress, tapdiag state): written to a temporary
 * file, flushed to disk, then renamed over the old one, so a crash leaves the old or the new file, never
 * half of one.
 */

async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const file = await open(tmp, 'w');
  try {
    await file.writeFile(`${JSON.stringify(value, null, 2)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
}

/** The file's value, or null when it is missing or damaged (then the state starts afresh). */
export async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Writes one after the other, the latest value last, so a burst of changes never reorders on disk. */
export class JsonFileWriter {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  write(value: unknown): Promise<void> {
    const snapshot = JSON.parse(JSON.stringify(value)) as unknown;
    this.chain = this.chain.then(
      () => writeJsonAtomic(this.path, snapshot),
      () => writeJsonAtomic(this.path, snapshot),
    );
    return this.chain;
  }

  /** Resolves once every write asked for so far is on disk (or failed). */
  flush(): Promise<void> {
    return this.chain.catch(() => undefined);
  }
}
