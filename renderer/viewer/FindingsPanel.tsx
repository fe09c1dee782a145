import { useState } from 'react';
import type { Finding } from '../../shared/knowledge/findings';
import type { LogFileInfo } from '../../shared/logs/viewer';
import { formatCount } from '../components/byte-format';
import { RunOutcome } from '../operations/RunOutcome';
import type { LogAnalysisState } from '../store/viewer-slice';
import { useApp } from '../store/use-app';
import { ConfirmFindingFix } from './ConfirmFindingFix';

/** Characters of a finding's line shown in the panel; the log beside it has the whole line. */
const SNIPPET = 160;
/** Lines listed in a finding's card until the operator asks for all of them. */
const LINES_SHOWN = 5;

function FindingCard({ finding, log, target, onGo }: { finding: Finding; log: LogFileInfo; target: number | null; onGo(line: number): void }) {
  const operations = useApp((s) => s.operations);
  const machines = useApp((s) => s.lab?.machines ?? []);
  const runOperation = useApp((s) => s.runOperation);
  const [confirming, setConfirming] = useState(false);
  const [ranOn, setRanOn] = useState<string | null>(null);
  const run = useApp((s) => (ranOn ? s.runs[ranOn] : undefined));
  const fix = finding.fix;
  const operation = fix ? operations.find((o) => o.name === fix.operation) : undefined;
  const [allLines, setAllLines] = useState(false);
  const shown = allLines ? finding.lines : finding.lines.slice(0, LINES_SHOWN);
  const notKept = finding.lineCount - finding.lines.length;
  const codes = [...new Map(finding.lines.flatMap((l) => l.codes).map((c) => [c.code, c])).values()];
  return (
    <li className="finding" data-testid={`finding-${finding.failureId}`}>
      <h3 className="finding__title">
        <span aria-hidden="true" className="tone-bad">
          ◆
        </span>{' '}
        {finding.title}
      </h3>
      <p className="finding__count muted">
        Found on {formatCount(finding.lineCount)} {finding.lineCount === 1 ? 'line' : 'lines'}
      </p>
      <ul className="finding__lines">
        {shown.map((l) => (
          <li key={l.line}>
            <button
              type="button"
              className="finding__line"
              aria-current={target === l.line ? 'location' : undefined}
              onClick={() => onGo(l.line)}
              data-testid={`finding-line-${finding.failureId}-${l.line}`}
            >
              <span className="finding__no">Line {formatCount(l.line)}</span>
              <span className="mono finding__snippet">{l.text.length > SNIPPET ? `${l.text.slice(0, SNIPPET)}…` : l.text.trim()}</span>
              {l.context && <span className="finding__context muted">in {l.context}</span>}
            </button>
          </li>
        ))}
      </ul>
      {finding.lines.length > LINES_SHOWN && (
        <button type="button" className="button button--small" onClick={() => setAllLines(!allLines)} data-testid={`finding-all-lines-${finding.failureId}`}>
          {allLines ? `Show the first ${LINES_SHOWN} lines only` : `Show all ${formatCount(finding.lines.length)} lines`}
        </button>
      )}
      <p className="hint">Every line listed is marked in the log, and the “known failures” filter shows them all.</p>
      {notKept > 0 && <p className="hint">…and {formatCount(notKept)} more lines after the first {formatCount(finding.lines.length)}: search the log for them.</p>}
      {codes.length > 0 && (
        <ul className="finding__codes" aria-label="Error codes on these lines">
          {codes.map((c) => (
            <li key={c.code}>
              <span className="mono">{c.code}</span> {c.name}: {c.meaning}
            </li>
          ))}
        </ul>
      )}
      <p className="finding__meaning">{finding.meaning}</p>
      <p className="finding__remedy">
        <strong>What to do:</strong> {finding.remedy}
      </p>
      {fix && (
        <button
          type="button"
          className="button button--danger finding__fix"
          disabled={!operation || run?.status === 'running'}
          title={!operation ? 'Waiting for the list of operations from hlk-assist' : undefined}
          onClick={() => setConfirming(true)}
          data-testid={`finding-fix-${finding.failureId}`}
        >
          Fix: {fix.title}…
        </button>
      )}
      {run && ranOn && fix && run.operation === fix.operation && (
        <RunOutcome run={run} operation={operation} testId={`finding-fix-outcome-${finding.failureId}`} />
      )}
      {confirming && fix && operation && (
        <ConfirmFindingFix
          finding={finding}
          fix={fix}
          operation={operation}
          machines={machines}
          logMachine={log.machine}
          onCancel={() => setConfirming(false)}
          onConfirm={(machine) => {
            setConfirming(false);
            setRanOn(machine);
            void runOperation(machine, fix.operation, fix.params);
          }}
        />
      )}
    </li>
  );
}

/** The known failures this log shows, beside it: each explained, its lines one click away, its fix where it has one. */
export function FindingsPanel({ log, analysis, target, onGo }: { log: LogFileInfo; analysis: LogAnalysisState | null; target: number | null; onGo(line: number): void }) {
  return (
    <aside className="findings" aria-label="Known failures in this log" data-testid="findings">
      <h2 className="findings__title">Known failures</h2>
      {!analysis || analysis.status === 'reading' ? (
        <p className="muted" role="status">
          <progress className="findings__progress" aria-label="Reading the log against the known failures" /> Reading the log against the known
          failures…
        </p>
      ) : analysis.status === 'failed' ? (
        <p className="notice notice--bad" role="alert">
          The log could not be read against the known failures: {analysis.message}
        </p>
      ) : analysis.report.errors.length > 0 ? (
        <p className="notice notice--bad" role="alert">
          {analysis.report.errors.map((e) => e.message).join('; ')}: the findings below may be incomplete.
        </p>
      ) : null}
      {analysis?.status === 'done' &&
        (analysis.report.findings.length === 0 ? (
          <p data-testid="findings-none">
            None of the known failures shows in this log. <span className="muted">That does not prove it clean: the knowledge base knows only the failures it lists.</span>
          </p>
        ) : (
          <ol className="findings__list">
            {analysis.report.findings.map((f) => (
              <FindingCard key={f.failureId} finding={f} log={log} target={target} onGo={onGo} />
            ))}
          </ol>
        ))}
    </aside>
  );
}
