import { stat } from 'node:fs/promises';
import type { LogAnalysis } from '../../../shared/logs/viewer';
import { analyzeLogFile } from './analyze-log';
import { listFilesUnder } from './log-folder';
import { NotTextError } from './log-text';
import { entryKind } from '../../regular-file';

/**
 * Reads files and folders (walked recursively) against the knowledge base: what `hlk-assist analyze`
 * prints and `logs.analyze` answers. A file named directly must be a text log; inside a folder, files
 * that are not text (dumps, cabinets, traces) are skipped with a note, because collected log folders
 * always hold some. A file that cannot be read is an error: its analysis is missing, not clean.
 */
export async function analyzePaths(paths: readonly string[]): Promise<LogAnalysis> {
  const report: LogAnalysis = { files: [], findings: [], skipped: [], errors: [] };
  for (const path of paths) {
    let files: string[];
    let inFolder: boolean;
    try {
      const facts = await stat(path);
      inFolder = facts.isDirectory();
      // Reading a named pipe or a device never ends: refuse it before opening it.
      if (!inFolder && !facts.isFile()) throw new Error(`${entryKind(facts)}, not a log file`);
      files = inFolder ? await listFilesUnder(path) : [path];
    } catch (e) {
      report.errors.push({ file: path, message: fileSystemMessage(e) });
      continue;
    }
    for (const file of files) {
      try {
        const { findings, ...facts } = await analyzeLogFile(file);
        report.files.push(facts);
        report.findings.push(...findings);
      } catch (e) {
        if (e instanceof NotTextError && inFolder) report.skipped.push({ file, reason: `not a text log: ${e.reason}` });
        else if (e instanceof NotTextError) report.errors.push({ file, message: `not a text log: ${e.reason}` });
        else report.errors.push({ file, message: fileSystemMessage(e) });
      }
    }
  }
  return report;
}

export function fileSystemMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return e instanceof Error ? e.message : String(e);
}
