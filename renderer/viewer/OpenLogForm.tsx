import { useId, useState } from 'react';
import { useApp } from '../store/use-app';

/** Open a log by its path on the computer running hlk-assist. */
export function OpenLogForm() {
  const openLog = useApp((s) => s.openLog);
  const opening = useApp((s) => s.logOpening);
  const pickLog = useApp((s) => s.pickLog);
  // The desktop app reads a file outside the runs folder only when picked in its file dialog; in a browser the path typed is the pick.
  const hasDialog = useApp((s) => s.servedBy === 'electron');
  const [pickProblem, setPickProblem] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const id = useId();
  return (
    <form
      className="openlog"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) void openLog(path.trim());
      }}
    >
      <label htmlFor={id}>
        {hasDialog
          ? 'Open a log of the runs folder (its path there), or choose any file on this computer'
          : 'Open a log on the computer running hlk-assist (its full path, or a path in the runs folder)'}
      </label>
      <div className="first__row">
        <input
          id={id}
          className="mono"
          type="text"
          spellCheck={false}
          value={path}
          placeholder="/home/operator/hlk/setupapi.dev.log"
          onChange={(e) => setPath(e.target.value)}
          data-testid="log-path"
        />
        <button type="submit" className="button" disabled={opening !== null || !path.trim()} data-testid="log-open">
          {opening !== null ? 'Opening…' : 'Open'}
        </button>
        {hasDialog && (
          <button
            type="button"
            className="button"
            disabled={opening !== null}
            onClick={() => void pickLog().then(setPickProblem)}
            data-testid="log-choose"
          >
            Choose a file…
          </button>
        )}
      </div>
      {pickProblem && (
        <p className="notice notice--bad" role="alert">
          {pickProblem}
        </p>
      )}
    </form>
  );
}
