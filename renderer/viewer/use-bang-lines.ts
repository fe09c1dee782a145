import { useCallback, useEffect, useState } from 'react';
import type { LogFileInfo } from '../../shared/logs/viewer';
import { MAX_SEARCH_MATCHES } from '../../shared/logs/viewer';
import { useApp } from '../store/use-app';

/** setupapi's "!" lines, read in hlk-assist: at most MAX_SEARCH_MATCHES at a time. */
export function useBangLines(log: LogFileInfo, wanted: boolean) {
  const searchLog = useApp((s) => s.searchLog);
  const [state, setState] = useState<{ lines: number[]; nextLine: number | null; error: string | null } | null>(null);
  const load = useCallback(
    async (fromLine: number, before: number[]) => {
      const answer = await searchLog({ file: log.path, query: '^!', regex: true, limit: MAX_SEARCH_MATCHES, fromLine });
      setState(answer.ok ? { lines: [...before, ...answer.result.matches], nextLine: answer.result.nextLine, error: null } : { lines: before, nextLine: null, error: answer.message });
    },
    [log.path, searchLog],
  );
  useEffect(() => {
    if (wanted && state === null) void load(1, []);
  }, [wanted, state, load]);
  const more = () => {
    if (state && state.nextLine !== null) void load(state.nextLine, state.lines);
  };
  return { state, more };
}

