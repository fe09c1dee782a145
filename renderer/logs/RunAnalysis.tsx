import { useState } from 'react';
import type { CollectionView } from '../../shared/collection/progress';
import type { Finding } from '../../shared/knowledge/findings';
import type { LogAnalysis } from '../../shared/logs/viewer';
import { formatCount } from '../components/byte-format';
import { useApp } from '../store/use-app';

type Reading = { status: 'reading' } | { status: 'done'; report: LogAnalysis } | { status: 'failed'; message: string };

/** The finding's file as the run holds it: machine, then the path in the machine's folder. */
function placeInRun(view: CollectionView, file: string): { machine: string; inMachine: string } | null {
  const folder = view.folder.replace(/[\\/]+$/, '');
  if (!file.startsWith(folder)) return null;
  const [machine, ...rest] = file.slice(folder.length + 1).split(/[\\/]/);
  return machine && rest.length > 0 ? { machine, inMachine: rest.join('/') } : null;
}

function FindingRow({ view, finding }: { view: CollectionView; finding: Finding }) {
  const openLog = useApp((s) => s.openLog);
  const showLogsView = useApp((s) => s.showLogsView);
  const place = placeInRun(view, finding.file);
  const where = place ? `${place.machine}: ${place.inMachine}` : finding.file;
  return (
    <li className="run-analysis__finding" data-testid={`run-finding-${finding.failureId}`} data-machine={place?.machine ?? ''}>
      <strong>{finding.title}</strong>
      <span className="muted">
        {' '}
        · {formatCount(finding.lineCount)} {finding.lineCount === 1 ? 'line' : 'lines'}
      </span>
      {finding.fix && <span className="muted"> · has a fix</span>}
      <br />
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          showLogsView('viewer');
          void openLog(finding.file, finding.line);
        }}
        data-testid={`run-finding-open-${finding.failureId}-${place?.machine ?? 'file'}`}
      >
        Open line {formatCount(finding.line)}
        <span className="visually-hidden"> of</span>
      </button>{' '}
      <span className="mono selectable">{where}</span>
    </li>
  );
}

/** "Analyze this run": every collected file of every machine read against the known failures, each finding one click from its line. */
export function RunAnalysis({ view }: { view: CollectionView }) {
  const analyzeRun = useApp((s) => s.analyzeRun);
  const [reading, setReading] = useState<Reading | null>(null);
  const analyze = async () => {
    setReading({ status: 'reading' });
    const answer = await analyzeRun(view.run);
    setReading(answer.ok ? { status: 'done', report: answer.result } : { status: 'failed', message: answer.message });
  };
  return (
    <div className="run-analysis" data-testid={`run-analysis-${view.run}`} data-status={reading?.status ?? 'not-read'}>
      <button type="button" className="button" disabled={reading?.status === 'reading'} onClick={() => void analyze()} data-testid={`run-analyze-${view.run}`}>
        {reading ? 'Analyze this run again' : 'Analyze this run'}
        <span className="visually-hidden"> ({view.run})</span>
      </button>
      {reading?.status === 'reading' && <p className="muted">Reading every collected file against the known failures…</p>}
      {reading?.status === 'failed' && (
        <p className="notice notice--bad" role="alert">
          The run could not be analyzed: {reading.message}
        </p>
      )}
      {reading?.status === 'done' && (
        <>
          <p data-testid={`run-analysis-summary-${view.run}`}>
            {reading.report.findings.length === 0
              ? `No known failure in ${formatCount(reading.report.files.length)} files.`
              : `${formatCount(reading.report.findings.length)} known ${reading.report.findings.length === 1 ? 'failure' : 'failures'} in ${formatCount(reading.report.files.length)} files`}
            {reading.report.skipped.length > 0 && <span className="muted"> · {formatCount(reading.report.skipped.length)} files skipped (not text)</span>}
            {reading.report.errors.length > 0 && <span className="tone-bad"> · {formatCount(reading.report.errors.length)} files could not be read</span>}
          </p>
          {reading.report.findings.length > 0 && (
            <ul className="run-analysis__findings">
              {reading.report.findings.map((f) => (
                <FindingRow key={`${f.file}:${f.failureId}`} view={view} finding={f} />
              ))}
            </ul>
          )}
          {reading.report.errors.length > 0 && (
            <ul className="tone-bad">
              {reading.report.errors.map((e) => (
                <li key={e.file}>
                  <span className="mono">{e.file}</span>: {e.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
