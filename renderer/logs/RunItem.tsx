import type { CollectionView } from '../../shared/collection/progress';
import { formatBytes } from '../components/byte-format';
import { ProgressBar } from '../components/ProgressBar';
import { AbsoluteAndRelativeTime } from '../components/RelativeTime';
import { useApp } from '../store/use-app';
import { useShallow } from 'zustand/react/shallow';
import { missingFiles, phaseWords, runWords } from './run-words';
import { RunAnalysis } from './RunAnalysis';
import { RunFiles } from './RunFiles';

function bytesText(copied: number, total: number): string {
  const percent = total > 0 ? Math.floor((copied / total) * 100) : 0;
  return `${formatBytes(copied)} of ${formatBytes(total)} (${percent} %)`;
}

/** "12.0 MB of 30.1 MB (39 %) · 3 of 20 files", or that there is no list of files yet. */
function progressText(bytes: { copied: number; total: number }, files: { complete: number; total: number }): string {
  if (files.total === 0) return 'no files listed yet';
  return `${bytesText(bytes.copied, bytes.total)} · ${files.complete} of ${files.total} files`;
}

/** One collection run: its state in words, overall, per machine and per file progress, cancel or resume, and its files. */
export function RunItem({ view, newest }: { view: CollectionView; newest: boolean }) {
  const cancelRun = useApp((s) => s.cancelRun);
  const resumeRun = useApp((s) => s.resumeRun);
  const request = useApp((s) => s.collectionRequest);
  const showFiles = useApp((s) => s.runFilesShown[view.run] ?? newest);
  const showRunFiles = useApp((s) => s.showRunFiles);
  const words = runWords(view);
  const connected = new Set(useApp(useShallow((s) => (s.lab?.machines ?? []).filter((m) => m.state === 'connected').map((m) => m.name))));
  const running = view.state === 'running';
  const resumable = view.state === 'interrupted' || view.state === 'cancelled';
  const busy = request.doing !== null;
  return (
    <li className={`run tone-edge-${words.tone}`} data-testid={`run-${view.run}`} data-state={view.state}>
      <div className="run__head">
        <h3 className="run__title">
          <span className={`badge run__badge tone-${words.tone}`}>{words.label}</span> <span className="mono">{view.run}</span>
        </h3>
        <div className="run__buttons">
          {running && (
            <button type="button" className="button" disabled={busy} onClick={() => void cancelRun(view.run)} data-testid={`run-cancel-${view.run}`}>
              Cancel<span className="visually-hidden"> collection {view.run}</span>
            </button>
          )}
          {resumable && (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void resumeRun(view.run)}
              data-testid={`run-resume-${view.run}`}
            >
              Resume<span className="visually-hidden"> collection {view.run}</span>
            </button>
          )}
          <button
            type="button"
            className="button"
            aria-expanded={showFiles}
            onClick={() => showRunFiles(view.run, !showFiles)}
            data-testid={`run-files-${view.run}`}
          >
            {showFiles ? 'Hide files' : 'Show files'}
          </button>
        </div>
      </div>
      <p className="run__detail">
        {words.detail}. <span className="muted">Lab “{view.lab}”, started </span>
        <AbsoluteAndRelativeTime iso={view.startedAt} />
      </p>
      <ProgressBar
        value={view.bytes.copied}
        max={view.bytes.total}
        done={view.state === 'finished'}
        label={`Collection ${view.run}, all machines`}
        text={progressText(view.bytes, view.files)}
        testId={`run-progress-${view.run}`}
      />
      <ul className="run__machines">
        {view.machines.map((m) => {
          const missing = missingFiles(m.files);
          const phase =
            m.phase === 'finished' && missing
              ? { label: `finished, not collected: ${missing}`, tone: 'warn' }
              : m.phase === 'waiting' && connected.has(m.name)
                ? // Connected already: the collector is about to start on it, not waiting for a connection.
                  { label: 'starting', tone: 'busy' }
                : phaseWords[m.phase];
          return (
            <li key={m.name} className="run__machine" data-testid={`run-machine-${view.run}-${m.name}`} data-phase={m.phase}>
              <span className="run__machine-name">{m.name}</span>
              <span className={`tone-${phase.tone}`}>{phase.label}</span>
              {m.detail && <span className="muted run__machine-detail">{m.detail}</span>}
              <ProgressBar
                value={m.bytes.copied}
                max={m.bytes.total}
                done={m.phase === 'finished'}
                label={`Collection from ${m.name}`}
                text={progressText(m.bytes, m.files)}
              />
              {m.notFound.length > 0 && (
                <ul className="run__not-found tone-warn" aria-label={`Not found on ${m.name}`} data-testid={`run-not-found-${view.run}-${m.name}`}>
                  {m.notFound.map((n) => (
                    <li key={n.what}>
                      Not found: <span className="mono">{n.what}</span> <span className="muted">({n.problem})</span>
                    </li>
                  ))}
                </ul>
              )}
              {m.current.length > 0 && (
                <ul className="run__current" aria-label={`Copying now from ${m.name}`}>
                  {m.current.map((f) => (
                    <li key={f.remotePath}>
                      <span className="mono run__file">{f.remotePath}</span>
                      <ProgressBar value={f.copied} max={f.size} done={false} label={`Copying ${f.remotePath}`} text={bytesText(f.copied, f.size)} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {view.zip && (
        <p className="run__zip">
          Zip: <span className="mono selectable">{view.zip.path}</span> <span className="muted">({formatBytes(view.zip.size)})</span>
        </p>
      )}
      {view.problem && (
        <p className="notice notice--bad" role="alert">
          {view.problem}
        </p>
      )}
      <p className="run__folder muted">
        Folder: <span className="mono selectable">{view.folder}</span>
      </p>
      {!running && <RunAnalysis view={view} />}
      {showFiles && <RunFiles view={view} />}
    </li>
  );
}
