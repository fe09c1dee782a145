import { useEffect } from 'react';
import type { CollectionView } from '../../shared/collection/progress';
import type { ManifestFile } from '../../shared/collection/manifest';
import { formatBytes } from '../components/byte-format';
import { useApp } from '../store/use-app';
import { fileStatusWords } from './run-words';

/** While a run collects, its file list is read again this often. */
const LIVE_REFRESH_MS = 2000;

/** Files not collected first: they are what the operator has to act on. */
const statusOrder: Record<ManifestFile['status'], number> = { failed: 0, locked: 1, vanished: 2, partial: 3, pending: 4, complete: 5 };

function problemsFirst(files: readonly ManifestFile[]): ManifestFile[] {
  return files
    .map((file, i) => ({ file, i }))
    .sort((a, b) => statusOrder[a.file.status] - statusOrder[b.file.status] || a.i - b.i)
    .map(({ file }) => file);
}

function FileRow({ run, machine, file }: { run: string; machine: string; file: ManifestFile }) {
  const openLog = useApp((s) => s.openLog);
  const showLogsView = useApp((s) => s.showLogsView);
  const words = fileStatusWords[file.status];
  return (
    <tr data-testid={`run-file-${machine}-${file.localPath}`} data-status={file.status}>
      <td className={`files__status tone-${words.tone}`}>
        <span aria-hidden="true">{words.mark}</span> {words.label}
        {file.status === 'partial' && (
          <span className="muted">
            {' '}
            ({formatBytes(file.copied)} of {formatBytes(file.size)})
          </span>
        )}
      </td>
      <td className="mono selectable files__path">
        {file.remotePath}
        {file.reason && <span className="files__reason">{file.reason}</span>}
      </td>
      <td className="files__size">{formatBytes(file.size)}</td>
      <td>
        {file.status === 'complete' && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              showLogsView('viewer');
              void openLog(`${run}/${machine}/${file.localPath}`);
            }}
            data-testid={`open-file-${machine}-${file.localPath}`}
          >
            Open<span className="visually-hidden"> {file.remotePath} from {machine}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

function FileTable({ run, machine, files }: { run: string; machine: string; files: readonly ManifestFile[] }) {
  return (
    <table className="files__table">
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Path on {machine}</th>
          <th scope="col">Size</th>
          <th scope="col">
            <span className="visually-hidden">Open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <FileRow key={f.localPath} run={run} machine={machine} file={f} />
        ))}
      </tbody>
    </table>
  );
}

/**
 * Every file of a run, by machine, with what became of it: the files not collected first, in full; the
 * complete ones one click away. Only complete files can be opened.
 */
export function RunFiles({ view }: { view: CollectionView }) {
  const state = useApp((s) => s.manifests[view.run]);
  const loadManifest = useApp((s) => s.loadManifest);
  const running = view.state === 'running';
  useEffect(() => {
    void loadManifest(view.run);
    if (!running) return;
    const t = setInterval(() => void loadManifest(view.run), LIVE_REFRESH_MS);
    return () => clearInterval(t);
  }, [view.run, view.state, running, loadManifest]);
  if (!state?.manifest) {
    return <p className="muted">{state?.error ?? 'Reading the list of files…'}</p>;
  }
  return (
    <div className="files" data-testid={`run-files-list-${view.run}`}>
      {state.error && (
        <p className="notice notice--bad" role="alert">
          {state.error}
        </p>
      )}
      {state.manifest.machines.map((m) => {
        const complete = m.files.filter((f) => f.status === 'complete');
        const others = problemsFirst(m.files.filter((f) => f.status !== 'complete'));
        return (
          <section key={m.name} className="files__machine" aria-label={`Files from ${m.name}`}>
            <h4 className="files__title">
              {m.name}{' '}
              <span className="muted">
                · {complete.length} of {m.files.length} files complete
              </span>
              {m.reason && <span className="tone-warn"> · {m.reason}</span>}
            </h4>
            {others.length > 0 && <FileTable run={view.run} machine={m.name} files={others} />}
            {complete.length > 0 && (
              <details className="files__complete">
                <summary data-testid={`run-complete-files-${view.run}-${m.name}`}>
                  {others.length > 0 ? 'The' : 'All'} {complete.length} complete files
                </summary>
                <FileTable run={view.run} machine={m.name} files={complete} />
              </details>
            )}
          </section>
        );
      })}
    </div>
  );
}
