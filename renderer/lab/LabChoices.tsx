import { useId, useState } from 'react';
import { practiceEngines, practiceScenarios, type PracticeEngine, type PracticeScenario } from '../../shared/practice-scenarios';
import { ConfirmDialog } from '../components/ConfirmDialog';
import type { LabChoice } from '../store/lab-slice';
import { useApp } from '../store/use-app';

const scenarioWords: Record<PracticeScenario, { title: string; about: string }> = {
  ready: { title: 'Ready', about: 'Everything a tap-windows6 pass needs is in place: learn the screens.' },
  fresh: { title: 'Fresh', about: 'Windows and the HLK controller installed, nothing on the clients prepared yet: rehearse the setup.' },
  broken: { title: 'Broken', about: "The OpenVPN wiki's failures spread over the machines: rehearse finding and fixing them." },
  running: { title: 'Running', about: 'A pass under way, with a test that hangs, one that fails and a client that drops out: rehearse babysitting it.' },
};

const engineWords: Record<PracticeEngine, { title: string; about: string }> = {
  model: { title: 'The practice lab\'s model', about: 'Starts in a second or two.' },
  powershell: {
    title: 'The real scripts in PowerShell',
    about: 'What will run on the lab, on a stand-in for Windows and HLK. Takes up to a minute to start; needs PowerShell on this computer.',
  },
};

function describe(choice: LabChoice): string {
  if (choice.kind === 'file') return choice.path;
  const scripts = choice.engine === 'powershell' ? ', real scripts' : '';
  return `the practice lab (${scenarioWords[choice.scenario].title.toLowerCase()}${scripts})`;
}

/**
 * The ways to open a lab: the practice lab in one of its scenarios, or the operator's lab file. With a
 * lab open (`openLabName`), picking one asks first: opening another closes it.
 */
export function LabChoices({ openLabName }: { openLabName: string | null }) {
  const openLab = useApp((s) => s.openLab);
  const opening = useApp((s) => s.opening);
  const openError = useApp((s) => s.openError);
  const [path, setPath] = useState('');
  const [engine, setEngine] = useState<PracticeEngine>('model');
  const [confirming, setConfirming] = useState<LabChoice | null>(null);
  const id = useId();
  const choose = (choice: LabChoice) => {
    if (openLabName === null) void openLab(choice);
    else setConfirming(choice);
  };
  return (
    <>
      <div className="first__choices">
        <section className="choice" aria-labelledby={`${id}-practice`}>
          <h2 id={`${id}-practice`}>Practice lab</h2>
          <p>
            A simulated HLK lab on this computer: a controller, two clients and a support machine, reached over real SSH.
            Everything works as with real machines, and nothing you do here can harm one.
          </p>
          <fieldset className="engines" disabled={opening !== null}>
            <legend>What answers the machines</legend>
            {practiceEngines.map((e) => (
              <label key={e} className="engine">
                <input type="radio" name={`${id}-engine`} value={e} checked={engine === e} onChange={() => setEngine(e)} data-testid={`practice-engine-${e}`} />
                <span>
                  <strong>{engineWords[e].title}.</strong> {engineWords[e].about}
                </span>
              </label>
            ))}
          </fieldset>
          <ul className="scenarios">
            {practiceScenarios.map((scenario) => {
              const starting = opening?.kind === 'practice' && opening.scenario === scenario;
              return (
                <li key={scenario} className="scenario">
                  <button
                    type="button"
                    className={scenario === 'ready' ? 'button button--primary' : 'button'}
                    disabled={opening !== null}
                    onClick={() => choose({ kind: 'practice', scenario, engine })}
                    data-testid={`start-practice-${scenario}`}
                  >
                    {starting ? 'Starting…' : `Start: ${scenarioWords[scenario].title.toLowerCase()}`}
                  </button>
                  <span>{scenarioWords[scenario].about}</span>
                </li>
              );
            })}
          </ul>
        </section>
        <section className="choice" aria-labelledby={`${id}-file`}>
          <h2 id={`${id}-file`}>Your lab</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (path.trim()) choose({ kind: 'file', path: path.trim() });
            }}
          >
            <label htmlFor={`${id}-path`}>Path of the lab file (JSON) on the computer running hlk-assist</label>
            <div className="first__row">
              <input
                id={`${id}-path`}
                className="mono"
                type="text"
                spellCheck={false}
                value={path}
                placeholder="lab.json"
                onChange={(e) => setPath(e.target.value)}
                data-testid="lab-file-path"
              />
              <button type="submit" className="button" disabled={opening !== null || !path.trim()} data-testid="open-lab-file">
                {opening?.kind === 'file' ? 'Opening…' : 'Open'}
              </button>
            </div>
          </form>
        </section>
      </div>
      {openError && (
        <div className="notice notice--bad first__error" role="alert" data-testid="open-error">
          <p>
            <strong>The lab did not open.</strong> {openLabName === null ? 'Nothing was changed' : `${openLabName} is still open`}; fix
            the problem and try again.
          </p>
          <pre className="mono selectable first__error-text">{openError}</pre>
        </div>
      )}
      {confirming && openLabName !== null && (
        <ConfirmDialog
          title={`Close “${openLabName}” and open ${describe(confirming)}?`}
          confirmLabel="Close it and open"
          confirmTestId="switch-lab-confirm"
          cancelTestId="switch-lab-cancel"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void openLab(confirming);
          }}
        >
          <p>
            hlk-assist disconnects from the machines of “{openLabName}” and stops watching them. A log collection that is
            running is stopped; it can be resumed from Logs later. Nothing on the machines is changed.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
