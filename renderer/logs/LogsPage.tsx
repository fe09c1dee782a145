import { LogViewer } from '../viewer/LogViewer';
import { useApp } from '../store/use-app';
import { CollectionView } from './CollectionView';

/** Logs: collect them from the machines, and read them. */
export function LogsPage() {
  const view = useApp((s) => s.logsView);
  const showLogsView = useApp((s) => s.showLogsView);
  const logName = useApp((s) => s.log?.name ?? null);
  return (
    <div className="logs" data-testid="logs-page">
      <nav className="subpages" aria-label="Logs">
        <button type="button" className="subpages__tab" aria-current={view === 'collection' ? 'page' : undefined} onClick={() => showLogsView('collection')} data-testid="logs-collection">
          Collection
        </button>
        <button type="button" className="subpages__tab" aria-current={view === 'viewer' ? 'page' : undefined} onClick={() => showLogsView('viewer')} data-testid="logs-viewer">
          Log viewer{logName && <span className="muted"> · {logName}</span>}
        </button>
      </nav>
      {view === 'collection' ? <CollectionView /> : <LogViewer />}
    </div>
  );
}
