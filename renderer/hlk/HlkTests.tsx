import { useId, useMemo, useState } from 'react';
import type { HlkMachineRef, HlkTestView } from '../../shared/hlk/views';
import { AbsoluteAndRelativeTime, RelativeTime } from '../components/RelativeTime';
import { formatDuration } from '../components/time-format';
import { actionOperations } from '../operations/action-operations';
import { ConfirmedActionButton } from '../operations/ConfirmedActionButton';
import { useApp } from '../store/use-app';
import { testCountsText, testStateLooks } from './hlk-words';
import { timingLooks } from './pass-words';
import { TestStateIcon } from './TestStateIcon';
import { useController } from './use-controller';

const watchChoices = [5, 30, 120, 600];

function Machines({ refs }: { refs: readonly HlkMachineRef[] }) {
  if (refs.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {refs.map((m, i) => (
        <span key={m.name}>
          {i > 0 && ', '}
          <span className="mono">{m.name}</span>
          {m.labMachine && <span className="muted"> ({m.labMachine})</span>}
        </span>
      ))}
    </>
  );
}

function roleMachines(t: HlkTestView, role: string): HlkMachineRef[] {
  return t.roles.filter((r) => r.role.toLowerCase() === role).flatMap((r) => r.machines);
}

/** A failed test's task log, one click away: from the newest collection run that holds it. */
function TaskLogButton({ test, machine }: { test: HlkTestView; machine: string }) {
  const openTaskLog = useApp((s) => s.openTaskLog);
  const [looking, setLooking] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button--small"
        disabled={looking}
        onClick={() => {
          setLooking(true);
          setMissing(null);
          void openTaskLog(machine, test.name).then((reason) => {
            setLooking(false);
            setMissing(reason);
          });
        }}
        data-testid={`hlk-task-log-${test.id}`}
      >
        {looking ? 'Looking for its task log…' : 'Open its task log'}
        <span className="visually-hidden"> ({test.name}, from {machine})</span>
      </button>
      {missing && (
        <p className="hint tone-warn" role="status" data-testid={`hlk-task-log-missing-${test.id}`}>
          No task log to open: {missing}.
        </p>
      )}
    </>
  );
}

/** Expected time, how long it has run or waited, and whether it is late, hanging or stuck (with what to look at). */
function Timing({ test }: { test: HlkTestView }) {
  const t = test.timing;
  const look = t.verdict ? timingLooks[t.verdict] : null;
  return (
    <>
      {t.expectedMs !== null ? (
        <span title={`from ${t.basis}`}>expected {formatDuration(t.expectedMs)}</span>
      ) : (
        <span className="muted">no estimate</span>
      )}
      {t.elapsedMs !== null && (
        <span>
          {' '}
          · {test.state === 'queued' ? 'waiting' : 'running'} {formatDuration(t.elapsedMs)}
        </span>
      )}
      {look && t.verdict !== 'on time' && (
        <p className={`tone-${look.tone}`}>
          <strong>{look.label}</strong>
          {t.advice && <>: {t.advice}</>}
        </p>
      )}
    </>
  );
}

function TestRow({ test, busy }: { test: HlkTestView; busy: boolean }) {
  const controller = useController();
  const rerunTest = useApp((s) => s.rerunTest);
  const showChecklist = useApp((s) => s.showChecklist);
  const look = testStateLooks[test.state];
  const client = test.multiMachine ? roleMachines(test, 'client') : test.targetMachines;
  const support = roleMachines(test, 'support');
  const when = test.latest?.completedAt ?? test.latest?.startedAt ?? test.latest?.scheduledAt ?? null;
  const settled = test.state !== 'queued' && test.state !== 'running';
  return (
    <tr
      className={`htest htest--${test.state.replace(' ', '-')}`}
      data-testid={`hlk-test-${test.id}`}
      data-state={test.state}
      data-result={settled && test.latest?.completedAt ? (test.earlierResult ? 'earlier' : 'current') : 'none'}
    >
      <td>
        <span className="htest__name">{test.name}</span>
        {test.warnings.map((w) => (
          <p key={w} className="tone-warn htest__warning">
            {w}
          </p>
        ))}
        {test.remedy && (
          <div className="htest__remedy" data-testid={`hlk-remedy-${test.id}`}>
            <p>
              <strong>Known remedy:</strong> {test.remedy.text}
            </p>
            {test.remedy.knownFailures.length > 0 && (
              <ul className="hsection__list">
                {test.remedy.knownFailures.map((f) => (
                  <li key={f.id}>
                    <strong>{f.title}:</strong> {f.remedy}
                  </li>
                ))}
              </ul>
            )}
            <button type="button" className="button button--small" onClick={() => showChecklist(test.remedy!.checklist)}>
              Open its checklist
            </button>
          </div>
        )}
      </td>
      <td className={`tone-${look.tone} htest__state`}>
        <TestStateIcon state={test.state} /> <strong>{look.label}</strong>
        {settled && test.latest?.completedAt && (
          <span className="htest__when" data-testid={`hlk-test-when-${test.id}`}>
            <br />
            {test.earlierResult ? (
              <span className="badge tone-warn" title="It completed before hlk-assist first read this project: the machines or the driver may have changed since.">
                earlier result
              </span>
            ) : (
              <span className="badge">this session</span>
            )}{' '}
            <span className="muted">completed</span> <AbsoluteAndRelativeTime iso={test.latest.completedAt} />
          </span>
        )}
      </td>
      <td>
        <Machines refs={client} />
      </td>
      <td>{test.multiMachine ? <Machines refs={support} /> : <span className="muted">one machine</span>}</td>
      <td data-testid={`hlk-timing-${test.id}`} data-verdict={test.timing.verdict ?? ''}>
        <Timing test={test} />
      </td>
      <td>
        {test.runs} {when && <span className="muted">· <RelativeTime iso={when} phrasing="ago" /></span>}
        {test.history && (
          <p className={test.history.flaky ? 'tone-warn' : 'muted'} data-testid={`hlk-history-${test.id}`}>
            {test.history.flaky && <strong>Flaky: </strong>}
            {test.history.text}
          </p>
        )}
      </td>
      <td>
        {test.state === 'failed' && client.find((m) => m.labMachine) && <TaskLogButton test={test} machine={client.find((m) => m.labMachine)!.labMachine!} />}
        {settled && (
          <ConfirmedActionButton
            label="Rerun"
            labelDetail={test.name}
            small
            testId={`hlk-rerun-${test.id}`}
            disabled={busy}
            runsOn={controller}
            title={`Queue ${test.name} again?`}
            confirmLabel="Queue it again"
            facts={[
              ['What it does', 'Queues the test again in HLK; it runs when HLK gets to it.'],
              ...(test.multiMachine ? [['Roles', 'The lab’s support machine in the Support role, so HLK does not pick one by itself.'] as const] : []),
            ]}
            operations={actionOperations.hlkRerunTest}
            onRun={() => void rerunTest(test.id)}
          />
        )}
      </td>
    </tr>
  );
}

/** The project's tests while the pass runs: state, which machine is Client and which Support, the known remedy of a failed one, rerun. */
export function HlkTests() {
  const tests = useApp((s) => s.hlk?.tests ?? null);
  const watchSeconds = useApp((s) => s.hlk?.watchSeconds ?? null);
  const busy = useApp((s) => s.hlkRequest.doing !== null);
  const readTests = useApp((s) => s.readTests);
  const watchTests = useApp((s) => s.watchTests);
  const id = useId();
  // Failed first, then running and queued: what needs the operator on top.
  const sorted = useMemo(() => (tests ? [...tests.tests].sort((a, b) => testStateLooks[a.state].rank - testStateLooks[b.state].rank) : []), [tests]);
  const choices = watchSeconds === null || watchChoices.includes(watchSeconds) ? watchChoices : [...watchChoices, watchSeconds].sort((a, b) => a - b);
  return (
    <section className="hsection" data-testid="hlk-tests">
      <h3 className="hsection__title">Tests</h3>
      <div className="hsection__row">
        <button type="button" className="button" disabled={busy} onClick={() => void readTests()} data-testid="hlk-read-tests">
          Read the tests now
        </button>
        <label htmlFor={id} className="hsection__watch">
          Watch the pass
          <select id={id} value={watchSeconds ?? ''} onChange={(e) => void watchTests(e.target.value === '' ? null : Number(e.target.value))} data-testid="hlk-watch">
            <option value="">no</option>
            {choices.map((s) => (
              <option key={s} value={s}>
                every {formatDuration(s * 1000)}
              </option>
            ))}
          </select>
        </label>
        {tests && (
          <span className="muted">
            read <RelativeTime iso={tests.at} phrasing="ago" />
          </span>
        )}
      </div>
      {!tests ? (
        <p className="muted">Not read yet: open the project first.</p>
      ) : (
        <>
          <p data-testid="hlk-test-counts">
            <strong>{tests.project}</strong>: {testCountsText(tests.counts)}
            {tests.tests.some((t) => t.earlierResult) && (
              <span className="muted">
                {' '}
                · {tests.tests.filter((t) => t.earlierResult).length} of these results are earlier ones, completed before hlk-assist read the project
              </span>
            )}
          </p>
          <div className="htable__scroll">
            <table className="htable">
              <thead>
                <tr>
                  <th scope="col">Test</th>
                  <th scope="col">State</th>
                  <th scope="col">Client</th>
                  <th scope="col">Support</th>
                  <th scope="col">Time</th>
                  <th scope="col">Runs</th>
                  <th scope="col">
                    <span className="visually-hidden">Rerun</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((t) => (
                  <TestRow key={t.id} test={t} busy={busy} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
