import type { AuthMethod, MachineView } from '../../shared/lab';
import { useApp } from '../store/use-app';
import { PasswordConnect } from './PasswordConnect';

function refused(auth: AuthMethod): string {
  switch (auth) {
    case 'agent':
      return 'the keys in the SSH agent';
    case 'key':
      return 'the key file named in the lab file';
    case 'password':
      return 'the password';
    default:
      return 'the credentials';
  }
}

/** The machine refused the credentials: say so plainly and offer to try again. */
export function AuthFailed({ machine }: { machine: MachineView }) {
  const connectMachine = useApp((s) => s.connectMachine);
  const busy = useApp((s) => s.machineRequests[machine.name]?.doing === 'connect');
  return (
    <div className="notice notice--bad" role="group" aria-label={`${machine.name}: authentication failed`}>
      <p>
        <strong>{machine.name} refused {refused(machine.auth)}</strong> for the user{' '}
        <span className="mono">{machine.user}</span>. hlk-assist does not retry on its own: repeated failures can lock the account.
      </p>
      {machine.auth === 'password' ? (
        <PasswordConnect machine={machine} action="Connect again" />
      ) : (
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void connectMachine(machine.name)}>
          Connect again
        </button>
      )}
    </div>
  );
}
