import { useState } from 'react';
import type { CheckInfo, CheckResult } from '../../shared/readiness/results';
import { RelativeTime } from '../components/RelativeTime';
import { fixKey } from '../store/readiness-slice';
import { useApp } from '../store/use-app';
import { statusLooks } from './check-status';
import { ConfirmFixDialog } from './ConfirmFixDialog';
import { FixProgress } from './FixProgress';
import { StatusIcon } from './StatusIcon';

/** One check on one machine: its status in words and shape, what was read, and its one-click fix. */
export function CheckCell({ check, machine, result }: { check: CheckInfo; machine: string; result: CheckResult | null }) {
  const operations = useApp((s) => s.operations);
  const machines = useApp((s) => s.lab?.machines);
  const run = useApp((s) => s.fixes[fixKey(machine, check.id)]);
  const fixing = useApp((s) => s.readiness[machine]?.fixing ?? null);
  const fixCheck = useApp((s) => s.fixCheck);
  const dismissFix = useApp((s) => s.dismissFix);
  const [confirming, setConfirming] = useState(false);
  const testId = `readiness-cell-${machine}-${check.id}`;
  if (!result) {
    return (
      <td className="cell cell--none" data-testid={testId} data-status="not-checked">
        <span className="cell__status tone-off">
          <StatusIcon status="not-checked" /> Not checked yet
        </span>
      </td>
    );
  }
  const look = statusLooks[result.status];
  const fix = result.fix;
  const runsOn = fix ? machines?.find((m) => m.name === fix.runsOn) : undefined;
  const operation = fix ? operations.find((o) => o.name === fix.operation) : undefined;
  const busy = fixing !== null || run?.status === 'running';
  return (
    <td className={`cell cell--${result.status}`} data-testid={testId} data-status={result.status}>
      <span className={`cell__status tone-${look.tone}`}>
        <StatusIcon status={result.status} /> <strong>{look.label}</strong>
      </span>
      <p className={result.status === 'pass' ? 'cell__evidence muted' : 'cell__evidence'}>
        {result.status === 'unknown' ? 'Could not check: ' : ''}
        {result.evidence}
      </p>
      {fix && (
        <button
          type="button"
          className="button button--small button--danger cell__fix"
          disabled={busy || !runsOn || !operation}
          title={!operation ? 'Waiting for the list of operations from hlk-assist' : undefined}
          onClick={() => setConfirming(true)}
          data-testid={`readiness-fix-${machine}-${check.id}`}
        >
          Fix: {fix.title}…<span className="visually-hidden"> ({check.title} on {machine})</span>
        </button>
      )}
      {run && (
        <FixProgress
          run={run}
          onDismiss={() => dismissFix(machine, check.id)}
          testId={`readiness-fix-outcome-${machine}-${check.id}`}
        />
      )}
      <span className="cell__when muted">
        checked <RelativeTime iso={result.checkedAt} phrasing="ago" />
      </span>
      {confirming && fix && runsOn && operation && (
        <ConfirmFixDialog
          check={check}
          result={result}
          fix={fix}
          machine={machine}
          runsOn={runsOn}
          operation={operation}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void fixCheck(machine, check.id, fix);
          }}
        />
      )}
    </td>
  );
}
