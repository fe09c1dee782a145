import { useId, useState } from 'react';
import type { MachineView } from '../../shared/lab';
import { useApp } from '../store/use-app';

/**
 * Asks for the machine's password and hands it to hlk-assist. The field is emptied as soon as it is
 * sent; the page never stores it.
 */
export function PasswordConnect({ machine, action }: { machine: MachineView; action: string }) {
  const connectMachine = useApp((s) => s.connectMachine);
  const busy = useApp((s) => s.machineRequests[machine.name]?.doing === 'connect');
  const [password, setPassword] = useState('');
  const id = useId();
  return (
    <form
      className="password"
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        if (!password) return;
        const sent = password;
        setPassword('');
        void connectMachine(machine.name, sent);
      }}
    >
      <label htmlFor={id}>
        Password for <span className="mono">{machine.user}@{machine.host}</span>
      </label>
      <div className="password__row">
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid={`machine-${machine.name}-password`}
        />
        <button type="submit" className="button button--primary" disabled={!password || busy}>
          {action}
        </button>
      </div>
      <p className="hint">hlk-assist keeps it in memory to reconnect after reboots, and never writes it down.</p>
    </form>
  );
}
