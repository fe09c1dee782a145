import type { MachineView } from '../../shared/lab';
import type { ServiceAction, ServiceGroup } from '../../shared/machine-actions';
import { formatClock, formatDuration } from '../components/time-format';
import { useNow } from '../components/use-now';
import { actionOperations } from '../operations/action-operations';
import { ConfirmedActionButton } from '../operations/ConfirmedActionButton';
import { REBOOT_WAIT_SECONDS, serviceActionTitle, type MachineActionRun } from '../store/machine-actions-slice';
import { RebootButton } from './RebootButton';
import { useApp } from '../store/use-app';

const serviceWhat: Record<ServiceGroup, string> = {
  openvpn: 'OpenVPN’s service as the lab file names it (OpenVPNService, or OpenVPNServiceLegacy): the one that runs, else the one that starts automatically.',
  hlk: 'The HLK services as the lab file names them (HLKSvc on a client; HLKSvc and WTTSvc on the controller).',
};

const actionWhat: Record<ServiceAction, string> = {
  start: 'Starts it if it is not running.',
  stop: 'Stops it.',
  restart: 'Stops it and starts it again.',
};

/** Where a reboot-and-wait is: asked, away, or back and being checked. */
function rebootPhase(run: MachineActionRun, machine: MachineView, elapsed: number): string {
  const back = machine.rebootedAt !== null && Date.parse(machine.rebootedAt) >= run.startedAt;
  if (machine.state === 'connected') return back ? `Back after ${formatDuration(elapsed)}; running its checks again` : 'Asking it to reboot…';
  return `${machine.name} is away: ${formatDuration(elapsed)} so far…`;
}

function RunLine({ run, machine }: { run: MachineActionRun; machine: MachineView }) {
  const now = useNow();
  const dismiss = useApp((s) => s.dismissMachineAction);
  const testId = `machine-${machine.name}-action`;
  if (run.status === 'running') {
    const elapsed = now - run.startedAt;
    return (
      <div className="fix fix--running" role="status" data-testid={testId} data-status="running">
        {/* How long a reboot takes is not known: the bar moves without claiming a share done. */}
        <progress className="fix__progress" aria-label={run.title} />
        {run.kind === 'reboot' ? (
          <p>
            <strong>{rebootPhase(run, machine, elapsed)}</strong>{' '}
            <span className="muted">(waits up to {formatDuration(REBOOT_WAIT_SECONDS * 1000)}; then the checks run again)</span>
          </p>
        ) : (
          <p>
            {run.title}… <span className="muted">{formatDuration(elapsed)}; then the checks run again</span>
          </p>
        )}
      </div>
    );
  }
  return (
    <div className={run.ok ? 'fix fix--good' : 'fix fix--bad'} role={run.ok ? 'status' : 'alert'} data-testid={testId} data-status={run.ok ? 'ok' : 'failed'}>
      <p>
        <strong>
          {run.ok ? '✓' : '✕'} {run.title} {run.ok ? 'done' : 'failed'} at {formatClock(new Date(run.finishedAt))}
        </strong>
      </p>
      {run.lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
      <button type="button" className="button button--small" onClick={() => dismiss(machine.name)}>
        OK
      </button>
    </div>
  );
}

/** The renames the adapter-names check proposed, as a list; what it last read decides, so it may be none. */
function renameWords(params: Record<string, unknown> | undefined): string {
  const renames = Array.isArray(params?.renames) ? (params.renames as Array<{ name: string; newName: string }>) : [];
  if (renames.length === 0) return 'none known yet: the names are checked afresh first, and renamed only if they are wrong';
  return renames.map((r) => `“${r.name}” → “${r.newName}”`).join('; ');
}

/** One-click actions on a machine: its services, its adapter names, reboot and wait. Each asks first, with the script. */
export function MachineQuickActions({ machine }: { machine: MachineView }) {
  const run = useApp((s) => s.machineActions[machine.name]);
  const controlServices = useApp((s) => s.controlServices);
  const applyAdapterNames = useApp((s) => s.applyAdapterNames);
  const namesFix = useApp((s) => s.readiness[machine.name]?.checks.find((c) => c.check === 'adapter-names')?.fix ?? null);
  const m = machine.name;
  const disabled = run?.status === 'running' || machine.state !== 'connected';
  const groups: ServiceGroup[] = machine.role === 'controller' ? ['hlk'] : ['openvpn', 'hlk'];
  return (
    <section className="quick" aria-label={`Machine actions on ${m}`}>
      <h3 className="actions__title">Services and machine</h3>
      {groups.map((g) => (
        <div key={g} className="quick__row">
          <span className="quick__label">{g === 'openvpn' ? 'OpenVPN' : 'HLK services'}</span>
          {(['start', 'stop', 'restart'] as const).map((a) => (
            <ConfirmedActionButton
              key={a}
              small
              label={a === 'start' ? 'Start' : a === 'stop' ? 'Stop' : 'Restart'}
              labelDetail={`${g === 'openvpn' ? 'OpenVPN' : 'the HLK services'} on ${m}`}
              testId={`machine-${m}-${g}-${a}`}
              disabled={disabled}
              runsOn={machine}
              title={`${serviceActionTitle(g, a)} on ${m}?`}
              confirmLabel={`${serviceActionTitle(g, a)} on ${m}`}
              facts={[
                ['Services', serviceWhat[g]],
                ['What it does', actionWhat[a]],
                ...(g === 'openvpn' && a !== 'start' ? [['Meanwhile', `The VPN on ${m} carries nothing until OpenVPN runs again.`] as const] : []),
                ['Afterwards', `The checks of ${m} run again. A script without administrator rights says so.`],
              ]}
              operations={actionOperations.services[a]}
              onRun={() => void controlServices(m, g, a)}
            />
          ))}
        </div>
      ))}
      <div className="quick__row">
        {machine.role !== 'controller' && (
          <ConfirmedActionButton
            small
            label="Rename adapters"
            labelDetail={`on ${m}`}
            testId={`machine-${m}-adapter-names`}
            disabled={disabled}
            runsOn={machine}
            title={`Check the adapter names on ${m}, and rename them if needed?`}
            confirmLabel={`Rename on ${m} if needed`}
            facts={[
              ['What it does', 'Checks the adapter names afresh; when they are not MessageDevice (the LAN adapter to the controller) and SupportDevice0 (the support machine’s TAP adapter), renames them.'],
              ['Why', 'HLK’s LAN tests find their devices by these names; a driver reinstall can lose them. Do it again before a test.'],
              ['Renames', renameWords(namesFix?.params)],
            ]}
            params={namesFix?.params ?? null}
            operations={actionOperations.adapterNames}
            onRun={() => void applyAdapterNames(m)}
          />
        )}
        <RebootButton machine={machine} testId={`machine-${m}-reboot`} disabled={disabled} />
      </div>
      {run && <RunLine run={run} machine={machine} />}
    </section>
  );
}
