import type { MachineView } from '../../shared/lab';
import type { SystemFacts } from '../../shared/operations/system';
import { AbsoluteAndRelativeTime, RelativeTime } from '../components/RelativeTime';

/** `10.0.17763.1879`: the version Windows reports, with the update build revision that winver shows. */
export function windowsVersion(f: SystemFacts): string {
  const [major = '10', minor = '0'] = f.osVersion.split('.');
  return `${major}.${minor}.${f.build}.${f.ubr}`;
}

/** What the machine is: Windows version, processors, hardware, boot, elevation. */
export function MachineFacts({ machine }: { machine: MachineView }) {
  const f = machine.facts;
  const testId = `machine-${machine.name}-facts`;
  if (!f) {
    return (
      <p className="facts facts--none muted" data-testid={testId}>
        No facts read yet: they are read when the machine connects.
      </p>
    );
  }
  const stale = machine.state !== 'connected';
  return (
    <div className={stale ? 'facts facts--stale' : 'facts'} data-testid={testId}>
      <dl className="facts__list">
        <dt>Windows</dt>
        <dd>
          {f.productName} <span className="mono">{windowsVersion(f)}</span>
          <span className="muted">
            {' '}
            · {f.releaseId} · {f.edition}
          </span>
        </dd>
        <dt>Computer</dt>
        <dd className="mono">{f.computerName}</dd>
        <dt>Processors</dt>
        <dd>
          {f.cores} {f.cores === 1 ? 'core' : 'cores'}, {f.logicalProcessors} logical
        </dd>
        <dt>Hardware</dt>
        <dd>
          {f.isVirtual ? 'Virtual' : 'Physical'} <span className="muted">· {f.hardware}</span>
        </dd>
        <dt>Last boot</dt>
        <dd>
          <AbsoluteAndRelativeTime iso={f.lastBootTime} />
        </dd>
        <dt>Reboot pending</dt>
        {f.pendingReboot.length === 0 ? (
          <dd>No</dd>
        ) : (
          <dd className="flag flag--warn">Yes: {f.pendingReboot.join(', ')}</dd>
        )}
        <dt>Elevated</dt>
        {f.elevated ? <dd>Yes, as administrator</dd> : <dd className="flag flag--warn">No: not running as administrator</dd>}
        <dt>PowerShell</dt>
        <dd className="mono">{f.powershellVersion}</dd>
      </dl>
      {machine.factsAt && (
        <p className="facts__when muted">
          Read <RelativeTime iso={machine.factsAt} phrasing="ago" />
          {stale && ' — not connected now, so these may be out of date'}
        </p>
      )}
    </div>
  );
}
