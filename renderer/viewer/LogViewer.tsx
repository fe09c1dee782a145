import { useMemo, useState } from 'react';
import type { LogFileInfo } from '../../shared/logs/viewer';
import { formatBytes, formatCount } from '../components/byte-format';
import { useApp } from '../store/use-app';
import { FindingsPanel } from './FindingsPanel';
import { searchPattern } from './highlight';
import { LogFilter, type LineFilter } from './LogFilter';
import { LogSearch } from './LogSearch';
import { OpenLogForm } from './OpenLogForm';
import { useBangLines } from './use-bang-lines';
import { VirtualLog } from './VirtualLog';

const encodingWords = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'windows-1252': 'ANSI (Windows-1252)' } as const;

/** One open log: its facts, search, filter, the lines, and the known failures beside them. */
function OpenLog({ log }: { log: LogFileInfo }) {
  const analysis = useApp((s) => s.logAnalysis);
  const logTarget = useApp((s) => s.logTarget);
  const goToLine = useApp((s) => s.goToLine);
  const closeLog = useApp((s) => s.closeLog);
  const [filter, setFilter] = useState<LineFilter>('all');
  const [matches, setMatches] = useState<ReadonlySet<number>>(new Set());
  const [pattern, setPattern] = useState<RegExp | null>(null);
  const bang = useBangLines(log, filter === 'bang');
  const findings = useMemo(() => {
    const byLine = new Map<number, string>();
    if (analysis?.status === 'done') for (const f of analysis.report.findings) for (const l of f.lines) if (!byLine.has(l.line)) byLine.set(l.line, f.title);
    return byLine;
  }, [analysis]);
  const findingLines = useMemo(() => [...findings.keys()].sort((a, b) => a - b), [findings]);
  const only = filter === 'findings' ? findingLines : filter === 'bang' ? (bang.state?.lines ?? []) : null;
  const target = logTarget?.line ?? null;

  // A line the filter hides is shown with every line around it: the filter goes in the same update as the jump.
  const go = (line: number) => {
    if (only && !only.includes(line)) setFilter('all');
    goToLine(line);
  };

  const setupapi = log.kind === 'setupapi';
  const marks = useMemo(() => ({ matches, target, findings, pattern, setupapi }), [matches, target, findings, pattern, setupapi]);
  return (
    <div className="viewer" data-testid="log-viewer" data-file={log.path}>
      <header className="viewer__head">
        <h2 className="viewer__name">{log.name}</h2>
        <span className="viewer__facts muted">
          {log.machine ? `from ${log.machine}` : 'on this computer'}
          {log.remotePath && (
            <>
              {' '}
              · <span className="mono selectable">{log.remotePath}</span>
            </>
          )}
          {log.run && ` · collected in run ${log.run}`} · {formatCount(log.lines)} lines · {formatBytes(log.bytes)} · {encodingWords[log.encoding]} · {log.kind}
        </span>
        <button type="button" className="button button--small" onClick={closeLog} data-testid="log-close">
          Close the log
        </button>
      </header>
      <div className="viewer__tools">
        <LogSearch
          log={log}
          from={target ?? 1}
          onGo={go}
          onMatches={(found, query) => {
            setMatches(new Set(found));
            setPattern(query ? searchPattern(query.query, query.regex, query.caseSensitive) : null);
          }}
        />
        <LogFilter value={filter} setupapi={setupapi} onChange={setFilter} />
        {filter === 'findings' && analysis?.status === 'done' && (
          <span className="hint">Each known failure keeps its first few lines; search the log for the rest.</span>
        )}
        {filter === 'bang' && bang.state && (
          <span className="hint" data-testid="log-filter-status">
            {bang.state.error ??
              `${formatCount(bang.state.lines.length)} “!” lines${bang.state.nextLine !== null ? ` (the first ${formatCount(bang.state.lines.length)}; more further on)` : ''}`}
            {bang.state.nextLine !== null && (
              <button type="button" className="button button--small" onClick={bang.more}>
                Find more
              </button>
            )}
          </span>
        )}
      </div>
      <div className="viewer__body">
        <VirtualLog log={log} only={only} marks={marks} scrollTo={logTarget} />
        <FindingsPanel log={log} analysis={analysis} target={target} onGo={go} />
      </div>
    </div>
  );
}

/** The log viewer: a log from a collection run or a path the operator gives. */
export function LogViewer() {
  const log = useApp((s) => s.log);
  const error = useApp((s) => s.logError);
  return (
    <div className="viewer-page">
      <OpenLogForm />
      {error && (
        <div className="notice notice--bad" role="alert" data-testid="log-error">
          <p>
            <strong>The log did not open.</strong>
          </p>
          <pre className="mono selectable first__error-text">{error}</pre>
        </div>
      )}
      {log ? (
        <OpenLog key={log.path} log={log} />
      ) : (
        <p className="muted viewer__none">
          No log open. Open a file from a collection run (Collection, Show files, Open), or type the path of a log above.
        </p>
      )}
    </div>
  );
}
