import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { JournalKind } from '../../shared/journal';
import { useApp } from '../store/use-app';
import { journalKindGroups } from './journal-kinds';

/** Which machine's entries, and which kinds. */
export function JournalFilters() {
  const filter = useApp((s) => s.journalFilter);
  const setFilter = useApp((s) => s.setJournalFilter);
  const names = useApp(useShallow((s) => (s.lab?.machines ?? []).map((m) => m.name)));
  const id = useId();
  const toggle = (kinds: readonly JournalKind[], on: boolean) => {
    const next = on ? [...new Set([...filter.kinds, ...kinds])] : filter.kinds.filter((k) => !kinds.includes(k));
    void setFilter({ ...filter, kinds: next });
  };
  return (
    <div className="journal__filters">
      <label htmlFor={`${id}-machine`} className="journal__machine">
        Machine
        <select id={`${id}-machine`} value={filter.machine ?? ''} onChange={(e) => void setFilter({ ...filter, machine: e.target.value || null })} data-testid="journal-machine">
          <option value="">every machine and the lab</option>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="journal__kinds">
        <legend className="journal__legend">Show</legend>
        {journalKindGroups.map((g) => (
          <label key={g.id} className="journal__kind">
            <input type="checkbox" checked={g.kinds.every((k) => filter.kinds.includes(k))} onChange={(e) => toggle(g.kinds, e.target.checked)} data-testid={`journal-kind-${g.id}`} />
            {g.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
