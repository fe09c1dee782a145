import type { MachineView } from '../../shared/lab';
import { formatDuration } from '../components/time-format';
import { actionOperations } from '../operations/action-operations';
import { ConfirmedActionButton } from '../operations/ConfirmedActionButton';
import { REBOOT_WAIT_SECONDS } from '../store/machine-actions-slice';
import { useApp } from '../store/use-app';

/** Reboot and wait, after a confirmation with the script: on the machine's card, and where a fix needs a reboot to take effect. */
export function RebootButton({ machine, testId, disabled }: { machine: MachineView; testId: string; disabled: boolean }) {
  const rebootAndWait = useApp((s) => s.rebootAndWait);
  const m = machine.name;
  return (
    <ConfirmedActionButton
      small
      label="Reboot and wait"
      labelDetail={m}
      testId={testId}
      disabled={disabled}
      runsOn={machine}
      title={`Reboot ${m} and wait until it is back?`}
      confirmLabel={`Reboot ${m}`}
      facts={[
        ['What it does', `Reboots ${m}, waits until it answers with a new boot time (up to ${formatDuration(REBOOT_WAIT_SECONDS * 1000)}), then runs its checks again.`],
        ['Lost', 'Runtime state such as tapdiag’s link and 802.1Q settings; a test running on it fails.'],
      ]}
      params={{ delaySeconds: 1 }}
      operations={actionOperations.reboot}
      onRun={() => void rebootAndWait(m)}
    />
  );
}
