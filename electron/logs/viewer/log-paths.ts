import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { RUN_ID } from '../../../shared/collection/values';
import { fileSystemMessage } from '../analysis/analyze-paths';

/** A request about a log that cannot be served as asked: the message says what to do instead. */
export class LogRequestError extends Error {
  constructor(
    readonly code: 'log-file' | 'invalid-request',
    message: string,
  ) {
    super(message);
    this.name = 'LogRequestError';
  }
}

/** A log's real path, and where in the runs folder it is, if it is there. */
export interface LogPlace {
  path: string;
  /** Under the runs folder (in a run or not). */
  inRuns: boolean;
  run: string | null;
  machine: string | null;
  /** The path inside the machine's folder of the run, with `/`, as the manifest lists it. */
  inMachineFolder: string | null;
}

/**
 * Which paths the viewer reads: anything under the runs folder (a path relative to it, or a full one,
 * symbolic links resolved, so `..` or a link cannot lead out), or a full path the operator typed that
 * is a regular file (not a folder, a device or a pipe, which would never end). Folders, for analysis,
 * only under the runs folder.
 */
export async function resolveLogPath(runsDir: string, given: string, allowFolder: boolean): Promise<LogPlace> {
  const relativeToRuns = !isAbsolute(given);
  const candidate = resolve(runsDir, given);
  if (relativeToRuns && !isInside(resolve(runsDir), candidate)) {
    throw new LogRequestError('log-file', `${given} leads out of the runs folder: give a full path for a file elsewhere`);
  }
  let real: string;
  try {
    real = await realpath(candidate);
  } catch (e) {
    throw new LogRequestError('log-file', `${given}: ${fileSystemMessage(e)}`);
  }
  const realRuns = await realpath(runsDir).catch(() => null);
  const inRuns = realRuns !== null && isInside(realRuns, real);
  if (relativeToRuns && !inRuns) {
    throw new LogRequestError('log-file', `${given} leads out of the runs folder through a link: give a full path for a file elsewhere`);
  }
  const facts = await stat(real).catch((e: unknown) => {
    throw new LogRequestError('log-file', `${given}: ${fileSystemMessage(e)}`);
  });
  if (facts.isDirectory()) {
    if (!(allowFolder && inRuns)) {
      throw new LogRequestError(
        'log-file',
        allowFolder ? `${given} is a folder: only folders in the runs folder are read whole; name a file` : `${given} is a folder: name a log file`,
      );
    }
  } else if (!facts.isFile()) {
    throw new LogRequestError('log-file', `${given} is not a regular file (a device, pipe or socket): name a log file`);
  }
  if (!inRuns) return { path: real, inRuns, run: null, machine: null, inMachineFolder: null };
  const parts = relative(realRuns, real).split(sep);
  const run = parts[0] !== undefined && RUN_ID.test(parts[0]) ? parts[0] : null;
  const machine = run !== null && parts.length >= 3 ? parts[1]! : null;
  return { path: real, inRuns, run, machine, inMachineFolder: machine !== null ? parts.slice(2).join('/') : null };
}

function isInside(folder: string, path: string): boolean {
  const r = relative(folder, path);
  return r !== '' && r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r);
}
