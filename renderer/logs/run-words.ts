import type { CollectionView, FileCounts, MachineCollectionPhase } from '../../shared/collection/progress';
import type { FileStatus } from '../../shared/collection/manifest';
import type { Tone } from '../lab/connection-states';

export interface Words {
  label: string;
  tone: Tone;
  detail: string;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "1 locked, 2 vanished": the files that will not be in the run, by why. */
export function missingFiles(files: FileCounts): string {
  return [
    files.locked > 0 ? `${files.locked} locked` : null,
    files.vanished > 0 ? `${files.vanished} vanished` : null,
    files.failed > 0 ? `${files.failed} failed` : null,
  ]
    .filter((x) => x !== null)
    .join(', ');
}

/**
 * A run's state in words. Only a finished run whose every file was copied is "Complete": a run with
 * files left, or files that could not be copied, says so.
 */
export function runWords(view: CollectionView): Words {
  const { files } = view;
  const notCollected = files.locked + files.vanished + files.failed;
  switch (view.state) {
    case 'running':
      return { label: 'Collecting', tone: 'busy', detail: `${files.complete} of ${plural(files.total, 'file')} copied so far` };
    case 'finished': {
      const notFound = view.machines.reduce((n, m) => n + m.notFound.length, 0);
      if (notCollected === 0 && notFound > 0) {
        return { label: 'Finished, some not found', tone: 'warn', detail: `all ${plural(files.total, 'file')} found were copied, but ${plural(notFound, 'thing')} asked for ${notFound === 1 ? 'was' : 'were'} not found on the machines (listed below)` };
      }
      return notCollected === 0
        ? { label: 'Complete', tone: 'good', detail: `every one of ${plural(files.total, 'file')} copied` }
        : {
            label: 'Finished with gaps',
            tone: 'warn',
            detail: `${notCollected} of ${plural(files.total, 'file')} not collected (${missingFiles(files)}); the rest copied`,
          };
    }
    case 'interrupted':
      return { label: 'Interrupted', tone: 'bad', detail: `${plural(files.pending, 'file')} not copied yet: resume to copy only those` };
    case 'cancelled':
      return { label: 'Cancelled', tone: 'warn', detail: `${plural(files.pending, 'file')} not copied yet: resume to copy only those` };
  }
}

export const phaseWords: Record<MachineCollectionPhase, { label: string; tone: Tone }> = {
  waiting: { label: 'waiting for the machine to connect', tone: 'warn' },
  preparing: { label: 'preparing on the machine: snapshots, event logs, the list of files', tone: 'busy' },
  copying: { label: 'copying', tone: 'busy' },
  reconnecting: { label: 'connection lost: goes on when the machine is back', tone: 'warn' },
  verifying: { label: 'comparing each copy with the machine’s own hash', tone: 'busy' },
  finished: { label: 'finished', tone: 'good' },
  interrupted: { label: 'interrupted: files left', tone: 'bad' },
  failed: { label: 'failed', tone: 'bad' },
};

export const fileStatusWords: Record<FileStatus, { label: string; tone: Tone; mark: string }> = {
  complete: { label: 'complete', tone: 'good', mark: '✓' },
  partial: { label: 'partial', tone: 'warn', mark: '◐' },
  pending: { label: 'not copied yet', tone: 'off', mark: '○' },
  vanished: { label: 'vanished', tone: 'warn', mark: '∅' },
  locked: { label: 'locked', tone: 'warn', mark: '⊘' },
  failed: { label: 'failed', tone: 'bad', mark: '✕' },
};
