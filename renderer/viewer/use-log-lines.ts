import { useEffect, useRef, useState } from 'react';
import type { LogFileInfo, LogLine } from '../../shared/logs/viewer';
import { useApp } from '../store/use-app';

/** Lines fetched together while scrolling through the whole log. */
const PAGE = 200;
/** Lines the window keeps; older ones are fetched again if scrolled back to. */
const KEPT = 20_000;
/** Fetch only once scrolling pauses this long: dragging the scroll bar over a million lines asks for nothing on the way. */
const SETTLE_MS = 30;

export interface LogLinesSource {
  line(n: number): LogLine | undefined;
  /** Lines in the file, as hlk-assist last said: a growing log gets longer. */
  totalLines: number;
  error: string | null;
}

/**
 * The text of the lines in view, fetched from hlk-assist in pages as they come into view and kept in a
 * bounded cache: the window never holds the whole log.
 */
export function useLogLines(log: LogFileInfo, visible: readonly number[]): LogLinesSource {
  const readLogLines = useApp((s) => s.readLogLines);
  const cache = useRef(new Map<number, LogLine>());
  const asked = useRef(new Set<string>());
  const current = useRef(log);
  const [, setVersion] = useState(0);
  const [totalLines, setTotalLines] = useState(log.lines);
  const [error, setError] = useState<string | null>(null);

  if (current.current !== log) {
    current.current = log;
    cache.current = new Map();
    asked.current = new Set();
  }
  useEffect(() => {
    setTotalLines(log.lines);
    setError(null);
  }, [log]);

  useEffect(() => {
    const missing = visible.filter((n) => !cache.current.has(n));
    if (missing.length === 0) return;
    const timer = setTimeout(() => {
      const contiguous = visible[visible.length - 1]! - visible[0]! + 1 === visible.length;
      const requests = contiguous
        ? [...new Set(missing.map((n) => Math.floor((n - 1) / PAGE)))].map((page) => ({ key: `page:${page}`, params: { file: log.path, from: page * PAGE + 1, count: PAGE } }))
        : [{ key: `lines:${missing.join(',')}`, params: { file: log.path, lines: missing } }];
      for (const { key, params } of requests) {
        if (asked.current.has(key)) continue;
        asked.current.add(key);
        void readLogLines(params).then((answer) => {
          if (current.current !== log) return;
          asked.current.delete(key);
          if (!answer.ok) {
            setError(answer.message);
            return;
          }
          const kept = cache.current;
          for (const l of answer.result.lines) kept.set(l.line, l);
          if (kept.size > KEPT) {
            let drop = kept.size - Math.floor(KEPT * 0.8);
            for (const key of kept.keys()) {
              if (drop-- <= 0) break;
              kept.delete(key);
            }
          }
          setTotalLines(answer.result.totalLines);
          setError(null);
          setVersion((v) => v + 1);
        });
      }
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [log, visible, readLogLines]);

  return { line: (n) => cache.current.get(n), totalLines, error };
}
