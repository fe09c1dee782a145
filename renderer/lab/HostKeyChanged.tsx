import { useState } from 'react';
import type { HostKeyMismatch, MachineView } from '../../shared/lab';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useApp } from '../store/use-app';

/** Where Windows OpenSSH keeps the public host key of this type, to compare at the machine's console. */
function hostKeyFile(keyType: string): string {
  const kind = keyType.includes('ed25519') ? 'ed25519' : keyType.includes('ecdsa') ? 'ecdsa' : 'rsa';
  return `C:\\ProgramData\\ssh\\ssh_host_${kind}_key.pub`;
}

function Fingerprints({ mismatch }: { mismatch: HostKeyMismatch }) {
  return (
    <dl className="fingerprints">
      <dt>Pinned (trusted before)</dt>
      <dd className="mono selectable">{mismatch.pinned}</dd>
      <dt>Presented now</dt>
      <dd className="mono selectable">{mismatch.presented}</dd>
      <dt>Key type</dt>
      <dd className="mono">{mismatch.keyType}</dd>
    </dl>
  );
}

/** The machine answered with another host key than the pinned one: hlk-assist refuses until the operator decides. */
export function HostKeyChanged({ machine, mismatch }: { machine: MachineView; mismatch: HostKeyMismatch }) {
  const trust = useApp((s) => s.trustPresentedHostKey);
  const busy = useApp((s) => s.machineRequests[machine.name]?.doing === 'trust');
  const [confirming, setConfirming] = useState(false);
  const endpoint = `${machine.host}:${machine.port}`;
  return (
    <div className="notice notice--bad" role="group" aria-label={`${machine.name}: host key changed`}>
      <p>
        <strong>
          {machine.name} at <span className="mono">{endpoint}</span> presented a different host key.
        </strong>{' '}
        hlk-assist refused to connect. This happens when the machine was reinstalled, but it can also mean someone else
        is answering at that address.
      </p>
      <Fingerprints mismatch={mismatch} />
      <p className="hint">
        To check, run <span className="mono selectable">ssh-keygen -lf {hostKeyFile(mismatch.keyType)}</span> at the
        machine's own console and compare with "Presented now".
      </p>
      <button type="button" className="button button--danger" disabled={busy} onClick={() => setConfirming(true)}>
        Trust the new key<span className="visually-hidden"> of {machine.name}</span>
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Trust the new host key of ${machine.name}?`}
          confirmLabel="Trust the new key"
          confirmTestId="trust-key-confirm"
          cancelTestId="trust-key-cancel"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void trust(machine.name, mismatch.presented);
          }}
        >
          <p>
            Only if you compared the presented fingerprint with the one the machine shows at its console. From now on
            hlk-assist will connect to <span className="mono">{endpoint}</span> with this key and refuse the old one.
          </p>
          <Fingerprints mismatch={mismatch} />
        </ConfirmDialog>
      )}
    </div>
  );
}
