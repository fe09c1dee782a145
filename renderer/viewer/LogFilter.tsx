import { useId } from 'react';

export type LineFilter = 'all' | 'findings' | 'bang';

/** Which lines the log shows: all, those with known failures, or setupapi's "!" lines. */
export function LogFilter({ value, setupapi, onChange }: { value: LineFilter; setupapi: boolean; onChange(filter: LineFilter): void }) {
  const id = useId();
  return (
    <label htmlFor={id} className="logfilter">
      Show
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as LineFilter)} data-testid="log-filter">
        <option value="all">every line</option>
        <option value="findings">only lines with known failures</option>
        {setupapi && <option value="bang">only “!” lines (setupapi errors and warnings)</option>}
      </select>
    </label>
  );
}
