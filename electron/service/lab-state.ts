import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * The lab's id in the data folder: a practice lab's scenario ("practice-lab-fresh"), or the lab's name and a
 * hash of its file's full path. Each lab and each practice scenario keeps its own checklist progress,
 * tapdiag state and journal under it.
 */
export function labIdFor(source: 'practice' | 'file', name: string, path: string | null): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'lab';
  if (source === 'practice' || path === null) return slug;
  return `${slug}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 8)}`;
}

/** The files a lab keeps under its id in the data folder. */
export function labStatePaths(dataDir: string, id: string): { journal: string; checklists: string; tapdiag: string; history: string } {
  return {
    history: join(dataDir, 'history', `${id}.json`),
    journal: join(dataDir, 'journal', `${id}.jsonl`),
    checklists: join(dataDir, 'checklists', `${id}.json`),
    tapdiag: join(dataDir, 'tapdiag', `${id}.json`),
  };
}

/**
 * Forgets a practice scenario's last run: its simulated machines start new at every start, so progress,
 * tapdiag settings and a journal of machines that no longer exist would only mislead.
 */
export async function forgetLabState(dataDir: string, id: string): Promise<void> {
  await Promise.all(Object.values(labStatePaths(dataDir, id)).map((path) => rm(path, { force: true })));
}
