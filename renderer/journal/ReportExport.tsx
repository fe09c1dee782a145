import { CopyButton } from '../components/CopyButton';
import { useApp } from '../store/use-app';

/** Writes the pass report (readiness, checklist progress, tapdiag, HLK, the journal) and says where. */
export function ReportExport() {
  const report = useApp((s) => s.report);
  const exportReport = useApp((s) => s.exportReport);
  return (
    <section className="report" aria-label="Pass report" data-testid="report">
      <div className="report__buttons">
        <span className="report__label">Pass report</span>
        <button type="button" className="button" disabled={report.doing !== null} onClick={() => void exportReport('markdown')} data-testid="report-markdown">
          {report.doing === 'markdown' ? 'Writing…' : 'Export as Markdown'}
        </button>
        <button type="button" className="button" disabled={report.doing !== null} onClick={() => void exportReport('html')} data-testid="report-html">
          {report.doing === 'html' ? 'Writing…' : 'Export as HTML'}
        </button>
      </div>
      <p className="hint">Readiness, checklist progress, tapdiag, HLK and this journal, written into the data folder’s reports/.</p>
      {report.result?.path && (
        <p className="report__written" role="status" data-testid="report-written">
          ✓ Written to <span className="mono selectable">{report.result.path}</span> <CopyButton text={report.result.path} what="path" />
        </p>
      )}
      {report.error && (
        <p className="notice notice--bad" role="alert">
          {report.error}
        </p>
      )}
    </section>
  );
}
