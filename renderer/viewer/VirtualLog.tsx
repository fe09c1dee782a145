import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LogFileInfo, LogLine } from '../../shared/logs/viewer';
import { MAX_VIEWER_LINE } from '../../shared/logs/viewer';
import { formatCount } from '../components/byte-format';
import { matchParts } from './highlight';
import { useLogLines } from './use-log-lines';
import { rowWindow, scrollTopForRow, type ListGeometry } from './virtual-window';

/** Every row is this tall (the stylesheet's .line says the same): what makes drawing only the rows in view possible. */
const ROW_HEIGHT = 20;
/** Rows drawn above and below the view, so a short scroll shows text at once. */
const OVERSCAN = 15;

export interface LogMarks {
  /** Lines that match the search. */
  matches: ReadonlySet<number>;
  /** The line the operator jumped to: marked until they jump elsewhere. */
  target: number | null;
  /** Known failures by line. */
  findings: ReadonlyMap<number, string>;
  pattern: RegExp | null;
  /** setupapi.dev.log: its "!" lines (errors and warnings) and "!!!" lines (severe) are coloured. */
  setupapi: boolean;
}

interface VirtualLogProps {
  log: LogFileInfo;
  /** The lines shown, in order, when a filter is on; every line when null. */
  only: readonly number[] | null;
  marks: LogMarks;
  /** Bring this line into view; `seq` makes asking again for the same line count. */
  scrollTo: { line: number; seq: number } | null;
}

const Row = memo(function Row({ n, line, marks }: { n: number; line: LogLine | undefined; marks: LogMarks }) {
  const finding = marks.findings.get(n);
  const classes = ['line'];
  if (marks.matches.has(n)) classes.push('line--match');
  if (marks.target === n) classes.push('line--target');
  if (finding) classes.push('line--finding');
  if (marks.setupapi && line?.text.startsWith('!')) classes.push(line.text.startsWith('!!!') ? 'line--severe' : 'line--bang');
  return (
    <div className={classes.join(' ')} data-testid="log-line" data-line={n} aria-current={marks.target === n ? 'location' : undefined}>
      <span className="line__no">{n}</span>
      <span className="line__mark" title={finding ? `Known failure: ${finding}` : undefined}>
        {finding ? '◆' : ''}
        {finding && <span className="visually-hidden">known failure: {finding}</span>}
      </span>
      {line ? (
        <span className="line__text">
          {matchParts(line.text, marks.pattern).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
          {line.cut && <span className="line__cut"> … (cut: the line is longer than {formatCount(MAX_VIEWER_LINE)} characters)</span>}
        </span>
      ) : (
        <span className="line__text line__text--loading">…</span>
      )}
    </div>
  );
});

/** The log, drawing only the rows in view: smooth with a million lines. */
export function VirtualLog({ log, only, marks, scrollTo }: VirtualLogProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);
  const visibleLines = useRef<number[]>([]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewportHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setViewportHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const [totalLines, setTotalLines] = useState(log.lines);
  const rowCount = only ? only.length : totalLines;
  const geometry: ListGeometry = useMemo(() => ({ rowCount, rowHeight: ROW_HEIGHT, viewportHeight }), [rowCount, viewportHeight]);
  const win = rowWindow(scrollTop, geometry, OVERSCAN);
  const visible = useMemo(() => {
    const lines: number[] = [];
    for (let row = win.start; row < win.end; row++) lines.push(only ? only[row]! : row + 1);
    const before = visibleLines.current;
    // The same lines as last time keep their array, so nothing is fetched again.
    if (before.length === lines.length && before.every((n, i) => n === lines[i])) return before;
    visibleLines.current = lines;
    return lines;
  }, [win.start, win.end, only]);
  const source = useLogLines(log, visible);
  useEffect(() => setTotalLines(source.totalLines), [source.totalLines]);

  useEffect(() => {
    const el = scroller.current;
    if (!el || !scrollTo) return;
    const row = only ? lowerBound(only, scrollTo.line) : scrollTo.line - 1;
    // The view's own height now: on the first jump the measured one may not have been rendered yet.
    el.scrollTop = scrollTopForRow(Math.min(row, Math.max(0, rowCount - 1)), { ...geometry, viewportHeight: el.clientHeight });
    setScrollTop(el.scrollTop);
    // Only a new request moves the view: not a growing log, a resize or a filter.
  }, [scrollTo]);

  return (
    <div className="log" data-testid="log-view">
      {source.error && (
        <p className="notice notice--bad log__error" role="alert">
          {source.error}
        </p>
      )}
      <div
        ref={scroller}
        className="log__scroll mono"
        tabIndex={0}
        role="log"
        aria-label={`${log.name}: ${formatCount(rowCount)} ${only ? 'lines shown' : 'lines'}`}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="log-lines"
        data-rows={rowCount}
      >
        <div className="log__sizer" style={{ height: win.height }}>
          <div className="log__rows" style={{ transform: `translateY(${win.top}px)` }}>
            {visible.map((n) => (
              <Row key={n} n={n} line={source.line(n)} marks={marks} />
            ))}
          </div>
        </div>
      </div>
      {rowCount === 0 && <p className="log__empty muted">{only ? 'No line matches this filter.' : 'The file is empty.'}</p>}
    </div>
  );
}

/** The index of the first number in `sorted` that is at least `n`. */
function lowerBound(sorted: readonly number[], n: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
