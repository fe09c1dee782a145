import { memo } from 'react';
import { RelativeTime } from '../components/RelativeTime';
import { MachineQuickActions } from '../machine-actions/MachineQuickActions';
import { MachineActions } from '../operations/MachineActions';
import { useApp } from '../store/use-app';
import { AuthFailed } from './AuthFailed';
import { connectionStates } from './connection-states';
import { connectionDetailWords } from './connection-words';
import { HostKeyChanged } from './HostKeyChanged';
import { MachineButtons } from './MachineButtons';
import { MachineFacts } from './MachineFacts';
import { MachineRuns } from './MachineRuns';
import { machineAnchor } from './machine-anchor';
import { PasswordConnect } from './PasswordConnect';
import { RebootNotice } from './RebootNotice';
import { ConnectionStateIcon } from './ConnectionStateIcon';

const roleWords = { controller: 'HLK controller', client: 'HLK client', support: 'Support machine' };

/** One lab machine: who it is, whether we reach it, what it is, and what can be done on it. */
export const MachineCard = memo(function MachineCard({ name }: { name: string }) {
  const machine = useApp((s) => s.lab?.machines.find((m) => m.name === name));
  const requestError = useApp((s) => s.machineRequests[name]?.error ?? null);
  if (!machine) return null;
  const look = connectionStates[machine.state];
  const titleId = `${machineAnchor(name)}-title`;
  return (
    <section
      id={machineAnchor(name)}
      className={`machine tone-edge-${look.tone}`}
      aria-labelledby={titleId}
      data-testid={`machine-${name}`}
    >
      <header className="machine__head">
        <div className="machine__who">
          <h2 id={titleId} className="machine__name">
            {name}
          </h2>
          <span className="machine__role">{roleWords[machine.role]}</span>
        </div>
        <MachineButtons machine={machine} />
        <span className="machine__endpoint mono">
          {machine.user}@{machine.host}:{machine.port}
        </span>
      </header>

      <p className={`machine__state tone-${look.tone}`}>
        <ConnectionStateIcon state={machine.state} />
        <strong data-testid={`machine-${name}-state`} data-state={machine.state}>
          {look.label}
        </strong>
        <span className="muted">
          {' '}
          <RelativeTime iso={machine.stateSince} phrasing="for" />
        </span>
        {machine.stateDetail && <span className="machine__detail"> — {connectionDetailWords(machine.stateDetail)}</span>}
      </p>

      {requestError && (
        <p className="notice notice--bad" role="alert">
          {requestError}
        </p>
      )}
      {machine.rebootedAt && <RebootNotice machine={machine} rebootedAt={machine.rebootedAt} />}
      {machine.state === 'needs-password' && <PasswordConnect machine={machine} action="Connect" />}
      {machine.state === 'auth-failed' && <AuthFailed machine={machine} />}
      {machine.state === 'host-key-changed' && machine.hostKeyMismatch && (
        <HostKeyChanged machine={machine} mismatch={machine.hostKeyMismatch} />
      )}

      <MachineFacts machine={machine} />
      <MachineRuns machine={machine} />
      {machine.hostKey && (
        <p className="machine__hostkey muted">
          Host key <span className="mono selectable">{machine.hostKey.fingerprint}</span> ({machine.hostKey.keyType})
        </p>
      )}
      <MachineQuickActions machine={machine} />
      <MachineActions machine={machine} />
    </section>
  );
});
