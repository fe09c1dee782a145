import type { MachineView } from '../../shared/lab';
import { AbsoluteAndRelativeTime } from '../components/RelativeTime';
import { useApp } from '../store/use-app';

/** The machine came back with a new boot time: runtime state such as tapdiag settings is gone. */
export function RebootNotice({ machine, rebootedAt }: { machine: MachineView; rebootedAt: string }) {
  const acknowledgeReboot = useApp((s) => s.acknowledgeReboot);
  const busy = useApp((s) => s.machineRequests[machine.name]?.doing === 'acknowledge');
  return (
    <div className="notice notice--warn reboot" data-testid={`machine-${machine.name}-rebooted`}>
      <p>
        <span className="badge badge--warn">Rebooted</span> at <AbsoluteAndRelativeTime iso={rebootedAt} />. Runtime state
        such as tapdiag link and 802.1Q settings is lost: apply it again before the next test.
      </p>
      <button type="button" className="button" disabled={busy} onClick={() => void acknowledgeReboot(machine.name)}>
        Acknowledge<span className="visually-hidden"> the reboot of {machine.name}</span>
      </button>
    </div>
  );
}
