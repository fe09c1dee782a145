import type { MachineView } from '../../shared/lab';
import { useApp } from '../store/use-app';

/** Connect and Disconnect; the password and authentication panels carry their own Connect. */
export function MachineButtons({ machine }: { machine: MachineView }) {
  const connectMachine = useApp((s) => s.connectMachine);
  const disconnectMachine = useApp((s) => s.disconnectMachine);
  const doing = useApp((s) => s.machineRequests[machine.name]?.doing ?? null);
  const connectLabel =
    machine.state === 'idle'
      ? 'Connect'
      : machine.state === 'unreachable'
        ? 'Retry now'
        : machine.state === 'host-key-changed'
          ? 'Check the key again'
          : null;
  return (
    <div className="machine__buttons">
      {connectLabel && (
        <button
          type="button"
          className="button button--primary"
          disabled={doing !== null}
          onClick={() => void connectMachine(machine.name)}
          data-testid={`machine-${machine.name}-connect`}
        >
          {connectLabel}
          <span className="visually-hidden"> {machine.name}</span>
        </button>
      )}
      {machine.state !== 'idle' && (
        <button
          type="button"
          className="button"
          disabled={doing !== null}
          onClick={() => void disconnectMachine(machine.name)}
          data-testid={`machine-${machine.name}-disconnect`}
        >
          Disconnect<span className="visually-hidden"> {machine.name}</span>
        </button>
      )}
    </div>
  );
}
