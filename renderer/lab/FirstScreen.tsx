import { useId, useState } from 'react';
import { useApp } from '../store/use-app';

/** No lab yet: rehearse on the practice lab, or open the operator's lab file. */
export function FirstScreen() {
  const startPractice = useApp((s) => s.startPractice);
  const openLabFile = useApp((s) => s.openLabFile);
  const opening = useApp((s) => s.opening);
  const openError = useApp((s) => s.openError);
  const [path, setPath] = useState('');
  const pathId = useId();
  return (
    <main className="first">
      <h1 className="first__title">No lab is open</h1>
      <div className="first__choices">
        <section className="choice" aria-labelledby={`${pathId}-practice`}>
          <h2 id={`${pathId}-practice`}>Practice lab</h2>
          <p>
            A simulated HLK lab on this computer: a controller, two clients and a support machine, reached over real SSH.
            Everything works as with real machines, and nothing you do here can harm one.
          </p>
          <button
            type="button"
            className="button button--primary button--large"
            disabled={opening !== null}
            onClick={() => void startPractice()}
            data-testid="start-practice"
          >
            {opening === 'practice' ? 'Starting the practice lab…' : 'Start the practice lab'}
          </button>
        </section>
        <section className="choice" aria-labelledby={`${pathId}-file`}>
          <h2 id={`${pathId}-file`}>Your lab</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (path.trim()) void openLabFile(path.trim());
            }}
          >
            <label htmlFor={pathId}>Path of the lab file (JSON) on the computer running hlk-assist</label>
            <div className="first__row">
              <input
                id={pathId}
                className="mono"
                type="text"
                spellCheck={false}
                value={path}
                placeholder="lab.json"
                onChange={(e) => setPath(e.target.value)}
                data-testid="lab-file-path"
              />
              <button type="submit" className="button" disabled={opening !== null || !path.trim()} data-testid="open-lab-file">
                {opening === 'file' ? 'Opening…' : 'Open'}
              </button>
            </div>
          </form>
        </section>
      </div>
      {openError && (
        <div className="notice notice--bad first__error" role="alert" data-testid="open-error">
          <p>
            <strong>The lab did not open.</strong> Nothing was changed; fix the problem and try again.
          </p>
          <pre className="mono selectable first__error-text">{openError}</pre>
        </div>
      )}
    </main>
  );
}
