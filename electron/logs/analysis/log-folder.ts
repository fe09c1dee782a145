import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every file under a folder, depth first, in name order so that output is the same on every run. Symbolic
 * links to files are followed; links to folders are not, since a collected run folder can link back into
 * itself.
 */
export async function listFilesUnder(folder: string): Promise<string[]> {
  const files: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await listFilesUnder(path)));
    else if (entry.isFile()) files.push(path);
    else if (entry.isSymbolicLink() && (await stat(path).then((s) => s.isFile(), () => false))) files.push(path);
  }
  return files;
}
