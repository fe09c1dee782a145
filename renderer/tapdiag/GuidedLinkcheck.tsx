import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LinkcheckStepView, LinkcheckView } from '../../shared/tapdiag/views';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ProgressBar } from '../components/ProgressBar';
import { formatClock } from '../components/time-format';
import { actionOperations } from '../operations/action-operations';
import { ConfirmedActionButton } from '../operations/ConfirmedActionButton';
import { useApp } from '../store/use-app';
import { linkcheckProgressText } from './tapdiag-words';

const methodWords: Record<LinkcheckView['method'], string> = {
  tapdiag: 'tapdiag /link:off and /link:on',
  service: 'stopping and starting the OpenVPN service (the wiki’s other way)',
};

const stepMark: Record<LinkcheckStepView['state'], string> = { done: '✓', current: '➜', failed: '✕', pending: '·' };

function StartForm() {
  const clients = useApp(useShallow((s) => (s.lab?.machines ?? []).filter((m) => m.role === 'client').map((m) => m.name)));
  const [chosen, setChosen] = useState<string | null>(null);
  const [method, setMethod] = useState<LinkcheckView['method']>('tapdiag');
  const machineName = chosen ?? clients[0] ?? null;
  const machine = useApp((s) => s.lab?.machines.find((m) => m.name === machineName));
  const doing = useApp((s) => s.linkcheckRequest.doing);
  const startLinkcheck = useApp((s) => s.startLinkcheck);
  const id = useId();
  if (clients.length === 0) return <p className="muted">This lab has no client: LinkCheck runs on a client.</p>;
  return (
    <div className="linkcheck__start">
      <label htmlFor={`${id}-machine`}>
        Client that runs LinkCheck{' '}
        <select id={`${id}-machine`} value={machineName ?? ''} onChange={(e) => setChosen(e.target.value)} data-testid="linkcheck-machine">
          {clients.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="linkcheck__methods">
        <legend>Unplug the cable by</legend>
        {(['tapdiag', 'service'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name={`${id}-method`} checked={method === m} onChange={() => setMethod(m)} data-testid={`linkcheck-method-${m}`} /> {methodWords[m]}
          </label>
        ))}
      </fieldset>
      <ConfirmedActionButton
        label="Start the guided LinkCheck"
        testId="linkcheck-start"
        disabled={doing || machine?.state !== 'connected'}
        runsOn={machine}
        title={`Guide LinkCheck on ${machineName}?`}
        confirmLabel="Start the guide"
        facts={[
          ['What it does', `Walks LinkCheck’s message boxes with you, one step at a time. Each unplug and plug runs only when you press its step’s button, by ${methodWords[method]}.`],
          ['When', 'Start it once the test runs and its first message box is on the screen of the client, or about to be.'],
        ]}
        operations={actionOperations.linkcheck[method]}
        onRun={() => void startLinkcheck(machineName!, method)}
      />
    </div>
  );
}

function CurrentStep({ view }: { view: LinkcheckView }) {
  const doing = useApp((s) => s.linkcheckRequest.doing);
  const advance = useApp((s) => s.advanceLinkcheck);
  const step = view.current !== null ? view.steps[view.current - 1] : undefined;
  if (!step) return null;
  return (
    <div className={`linkcheck__now linkcheck__now--${step.state}`} data-testid="linkcheck-current" data-kind={step.kind} data-n={step.n}>
      <p className="linkcheck__instruction">{step.text}</p>
      {step.state === 'failed' && (
        <p className="notice notice--bad" role="alert">
          It did not work: {step.error}
        </p>
      )}
      {doing && (
        <p className="tone-busy" role="status">
          <progress className="fix__progress" aria-label="Doing the step" /> Doing it…
        </p>
      )}
      <div className="linkcheck__buttons">
        {step.kind === 'decide' ? (
          <>
            <button type="button" className="button button--large" disabled={doing} onClick={() => void advance(true)} data-testid="linkcheck-again-yes">
              Yes: unplug again (another round)
            </button>
            <button type="button" className="button button--large button--primary" disabled={doing} onClick={() => void advance(false)} data-testid="linkcheck-again-no">
              No: LinkCheck is done
            </button>
          </>
        ) : (
          <button type="button" className="button button--large button--primary" disabled={doing} onClick={() => void advance()} data-testid="linkcheck-advance">
            {step.kind === 'action' ? (step.state === 'failed' ? 'Try again' : 'Do it now') : 'Done: next step'}
          </button>
        )}
      </div>
    </div>
  );
}

/** The guided LinkCheck: LinkCheck's message boxes ask to unplug and plug the cable, possibly twice; this walks them one step at a time. */
export function GuidedLinkcheck() {
  const view = useApp((s) => s.linkcheck);
  const doing = useApp((s) => s.linkcheckRequest.doing);
  const error = useApp((s) => s.linkcheckRequest.error);
  const cancel = useApp((s) => s.cancelLinkcheck);
  const running = view?.outcome === 'running';
  const [asking, setAsking] = useState(false);
  const done = view ? view.steps.filter((s) => s.state === 'done').length : 0;
  return (
    <section className="linkcheck" aria-labelledby="linkcheck-title" data-testid="linkcheck" data-outcome={view?.outcome ?? 'none'}>
      <h3 id="linkcheck-title" className="linkcheck__title">
        Guided LinkCheck{view && <span className="muted"> · {view.machine}, by {view.method === 'tapdiag' ? 'tapdiag' : 'the OpenVPN service'}</span>}
      </h3>
      <p className="hint">
        NDISTest 6.5 LinkCheck asks in message boxes on the client to unplug the cable and plug it back in, possibly twice. Follow the boxes here: press
        each step’s button when the box asks for it.
      </p>
      {view && (
        <ProgressBar value={done} max={view.steps.length} done={view.outcome !== 'running'} label="Guided LinkCheck" text={linkcheckProgressText(view)} testId="linkcheck-progress" />
      )}
      {running ? <CurrentStep view={view} /> : <StartForm />}
      {error && (
        <p className="notice notice--bad" role="alert">
          {error}
        </p>
      )}
      {view && (
        <ol className="linkcheck__steps">
          {view.steps.map((s) => (
            <li key={s.n} className={`linkcheck__step linkcheck__step--${s.state}`} data-state={s.state}>
              <span aria-hidden="true" className="linkcheck__mark">
                {stepMark[s.state]}
              </span>{' '}
              {s.text}
              {s.at && s.state !== 'pending' && <span className="muted"> · {formatClock(new Date(s.at))}</span>}
              <span className="visually-hidden"> ({s.state})</span>
            </li>
          ))}
        </ol>
      )}
      {view?.plugError && (
        <p className="notice notice--bad" role="alert" data-testid="linkcheck-still-unplugged">
          Cancelled, but the cable on {view.machine} is still unplugged: {view.plugError}. Plug it back in with tapdiag’s “On (plug in)” on{' '}
          {view.machine} or by starting its OpenVPN service.
        </p>
      )}
      {running && (
        <button type="button" className="button" disabled={doing} onClick={() => (view.unplugged ? setAsking(true) : void cancel())} data-testid="linkcheck-cancel">
          Cancel the guided LinkCheck
        </button>
      )}
      {asking && view && (
        <ConfirmDialog
          title={`Cancel the guided LinkCheck and plug the cable back in on ${view.machine}?`}
          confirmLabel={`Plug back in and cancel`}
          confirmTestId="linkcheck-cancel-confirm"
          cancelTestId="linkcheck-cancel-keep"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void cancel();
          }}
        >
          <p>
            The cable on {view.machine} is unplugged now ({view.method === 'tapdiag' ? 'tapdiag /link:off' : 'its OpenVPN service stopped'}): its VPN carries
            nothing. Cancelling first {view.method === 'tapdiag' ? 'runs tapdiag /link:on' : 'starts the OpenVPN service again'} on {view.machine}.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
