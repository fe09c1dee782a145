import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FixProposal } from '../../shared/readiness/results';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ScriptView } from '../operations/ScriptView';
import { useApp } from '../store/use-app';
import type { ReadinessRow } from './readiness-rows';

/**
 * One fix for a check on every machine that offers it (test signing on three machines is one question, not
 * three): asked once, with each machine, its parameters and the script; the fixes then run side by side, each
 * with its progress in its own cell.
 */
export function FixEverywhere({ row }: { row: ReadinessRow }) {
  const connected = useApp(useShallow((s) => (s.lab?.machines ?? []).filter((m) => m.state === 'connected').map((m) => m.name)));
  const operations = useApp((s) => s.operations);
  const fixCheck = useApp((s) => s.fixCheck);
  const running = useApp((s) => Object.values(s.fixes).some((f) => f.check === row.check.id && f.status === 'running'));
  const [asking, setAsking] = useState(false);
  const fixes = row.cells.flatMap((c): Array<{ machine: string; fix: FixProposal }> =>
    c.applies && c.result && c.result.status !== 'pass' && c.result.fix && connected.includes(c.result.fix.runsOn) ? [{ machine: c.machine, fix: c.result.fix }] : [],
  );
  const operationNames = [...new Set(fixes.map((f) => f.fix.operation))];
  const operation = operationNames.length === 1 ? operations.find((o) => o.name === operationNames[0]) : undefined;
  // Only the same operation everywhere is one question: different fixes are asked one by one in their cells.
  if (fixes.length < 2 || !operation) return null;
  const title = fixes[0]!.fix.title;
  return (
    <>
      <button type="button" className="button button--small button--danger" disabled={running} onClick={() => setAsking(true)} data-testid={`readiness-fix-all-${row.check.id}`}>
        Fix on all {fixes.length}…<span className="visually-hidden"> machines: {row.check.title}</span>
      </button>
      {asking && (
        <ConfirmDialog
          title={`${title} on ${fixes.map((f) => f.fix.runsOn).join(', ')}?`}
          confirmLabel={`Run the fix on all ${fixes.length}`}
          confirmTestId="confirm-fix-all"
          cancelTestId="confirm-fix-all-cancel"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            for (const f of fixes) void fixCheck(f.machine, row.check.id, f.fix);
          }}
        >
          <dl className="confirm__facts" data-testid="confirm-fix-all-facts">
            <dt>Fixes</dt>
            <dd>
              <strong>{row.check.title}</strong>
            </dd>
            <dt>Operation</dt>
            <dd className="mono">{operation.name}</dd>
            {fixes.map((f) => (
              <div key={f.machine} className="confirm__fact">
                <dt>On {f.fix.runsOn}</dt>
                <dd>
                  <pre className="mono selectable confirm__params">{JSON.stringify(f.fix.params, null, 2)}</pre>
                  {f.fix.rebootsMachine ? `Reboots ${f.fix.runsOn} and waits for it.` : f.fix.needsReboot ? `Takes effect after ${f.fix.runsOn} reboots.` : 'No reboot needed.'}
                </dd>
              </div>
            ))}
            <dt>Afterwards</dt>
            <dd>Each machine’s checks run again by themselves; each cell shows how its fix went.</dd>
          </dl>
          <ScriptView script={operation.script} title={operation.title} />
        </ConfirmDialog>
      )}
    </>
  );
}
