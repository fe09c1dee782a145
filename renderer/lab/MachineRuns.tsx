import type { MachineRole, MachineView } from '../../shared/lab';
import { statusLooks } from '../readiness/check-status';
import { StatusIcon } from '../readiness/StatusIcon';
import { useApp } from '../store/use-app';

/** The readiness checks that say what runs on a machine of each role: its services and the tunnel. */
const runningChecks: Record<MachineRole, ReadonlyArray<{ check: string; label: string }>> = {
  controller: [{ check: 'hlk-controller-services', label: 'HLK services' }],
  client: [
    { check: 'openvpn-service', label: 'OpenVPN' },
    { check: 'hlk-client', label: 'HLK client' },
    { check: 'vpn-ping', label: 'Tunnel peer' },
  ],
  support: [
    { check: 'openvpn-service', label: 'OpenVPN' },
    { check: 'hlk-client', label: 'HLK client' },
    { check: 'vpn-ping', label: 'Tunnel peer' },
  ],
};

/** What runs on the machine, as its last checks read it: so Start, Stop and Restart are not pressed blind. */
export function MachineRuns({ machine }: { machine: MachineView }) {
  const checks = useApp((s) => s.readiness[machine.name]?.checks);
  return (
    <dl className="machine__runs" data-testid={`machine-${machine.name}-runs`}>
      {runningChecks[machine.role].map(({ check, label }) => {
        const result = checks?.find((c) => c.check === check);
        const look = result ? statusLooks[result.status] : null;
        return (
          <div key={check} className="machine__run" data-testid={`machine-${machine.name}-runs-${check}`} data-status={result?.status ?? 'not-checked'}>
            <dt>{label}</dt>
            <dd>
              {result && look ? (
                <>
                  <span className={`tone-${look.tone}`}>
                    <StatusIcon status={result.status} /> {look.label}:
                  </span>{' '}
                  {result.evidence}
                </>
              ) : (
                <span className="muted">
                  <StatusIcon status="not-checked" /> not checked yet
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
