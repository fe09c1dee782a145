import { useId, useState } from 'react';
import { useApp } from '../store/use-app';

/** Open a log by its path on the computer running hlk-assist. */
export function OpenLogForm() {
  const openLog = useApp((s) => s.openLog);
  const opening = useApp((s) => s.logOpening);
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
      <label htmlFor={id}>Open a log on the computer running hlk-assist (its full path, or a path in the runs folder)</label>
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
      </div>
    </form>
  );
}
