import { useEffect, useMemo } from 'react';
import type { ReportExport as Report } from '../../shared/journal';
import { CopyButton } from '../components/CopyButton';
import { useApp } from '../store/use-app';

/**
 * In a browser the report's path is on the host, not on this computer: offer the same text as a download.
 * The object URL lives as long as the link that uses it.
 */
function DownloadLink({ result }: { result: Report }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([result.text], { type: result.format === 'html' ? 'text/html' : 'text/markdown' })), [result]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const name = result.path?.split(/[\\/]/).pop() ?? `pass-report.${result.format === 'html' ? 'html' : 'md'}`;
  return (
    <a className="button button--small" href={url} download={name} data-testid="report-download">
      Download to this computer
    </a>
  );
}

/** Writes the pass report (readiness, checklist progress, tapdiag, HLK, the journal) and says where. */
export function ReportExport() {
  const report = useApp((s) => s.report);
  const exportReport = useApp((s) => s.exportReport);
  const servedBy = useApp((s) => s.servedBy);
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
          ✓ Written to <span className="mono selectable">{report.result.path}</span>
          {servedBy === 'web' && ' on the computer hlk-assist runs on'} <CopyButton text={report.result.path} what="path" />{' '}
          {servedBy === 'web' && <DownloadLink result={report.result} />}
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
