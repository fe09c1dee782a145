import { useEffect, useId, useState } from 'react';
import { formatDuration } from '../components/time-format';
import { useNow } from '../components/use-now';
import { actionOperations } from '../operations/action-operations';
import { ConfirmedActionButton } from '../operations/ConfirmedActionButton';
import { ScriptView } from '../operations/ScriptView';
import { useApp } from '../store/use-app';
import { AttestationResult } from './AttestationResult';
import { SigningReport } from './SigningReport';

function RequestLine() {
  const request = useApp((s) => s.signingRequest);
  const now = useNow();
  if (request.doing && request.startedAt !== null) {
    return (
      <p className="hlk__request tone-busy" role="status" data-testid="signing-request">
        <progress className="hlk__progress" aria-label="Signing request under way" /> {request.doing}… <span className="muted">{formatDuration(now - request.startedAt)}</span>
      </p>
    );
  }
  if (request.error) {
    return (
      <p className="notice notice--bad" role="alert" data-testid="signing-error">
        {request.error}
      </p>
    );
  }
  return null;
}

/** The driver package's signatures, catalog and INF on any lab machine, and the attestation cabinet. */
export function SigningPage() {
  const id = useId();
  const signing = useApp((s) => s.signing);
  const machines = useApp((s) => s.lab?.machines ?? []);
  const operations = useApp((s) => s.operations);
  const busy = useApp((s) => s.signingRequest.doing !== null);
  const loadSigning = useApp((s) => s.loadSigning);
  const readSigning = useApp((s) => s.readSigning);
  const buildCab = useApp((s) => s.buildAttestationCab);
  const [machine, setMachine] = useState('');
  const [folder, setFolder] = useState('');
  const [where, setWhere] = useState<'folder' | 'store'>('folder');
  const [outputFolder, setOutputFolder] = useState('');
  const [cabName, setCabName] = useState('');
  const [symbols, setSymbols] = useState(false);
  const [showScript, setShowScript] = useState(false);
  useEffect(() => {
    void loadSigning();
  }, [loadSigning]);
  const d = signing?.defaults;
  useEffect(() => {
    if (!d) return;
    setMachine((m) => m || d.machine || '');
    setFolder((f) => f || d.folder);
    setOutputFolder((o) => o || d.outputFolder);
    setCabName((c) => c || d.cabName);
  }, [d]);
  const chosen = machines.find((m) => m.name === machine);
  const testMachines = machines.filter((m) => m.role !== 'controller' && m.state === 'connected');
  const reportScript = operations.find((o) => o.name === 'signing.driverReport');
  const read = () => void readSigning(machine, where === 'folder' ? { folder } : { storedInf: d?.storedInf ?? 'oemvista.inf' });
  const readInstalled = async () => {
    for (const m of testMachines) await readSigning(m.name, { storedInf: d?.storedInf ?? 'oemvista.inf' });
  };
  return (
    <div className="hlk signing" data-testid="signing-page">
      <section className="hlk__section" aria-labelledby={`${id}-read`}>
        <h2 id={`${id}-read`}>Signing report</h2>
        <p className="hint">
          Every file of a driver folder against its catalog, the catalog’s and each binary’s signature and signer (test or production), and the
          INF’s DriverVer and CatalogFile. Read the package that will be submitted, and the copy each client installed: they must be the same files.
        </p>
        <div className="signing__form">
          <label htmlFor={`${id}-machine`}>On</label>
          <select id={`${id}-machine`} value={machine} onChange={(e) => setMachine(e.target.value)} data-testid="signing-machine">
            {machines.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name} ({m.role})
              </option>
            ))}
          </select>
          <label>
            <input type="radio" name={`${id}-where`} checked={where === 'folder'} onChange={() => setWhere('folder')} /> the folder
          </label>
          <input
            className="mono"
            aria-label="Driver folder"
            value={folder}
            size={48}
            disabled={where !== 'folder'}
            onChange={(e) => setFolder(e.target.value)}
            data-testid="signing-folder"
          />
          <label>
            <input type="radio" name={`${id}-where`} checked={where === 'store'} onChange={() => setWhere('store')} data-testid="signing-where-store" /> the
            driver store’s copy of {d?.storedInf ?? 'the INF'}
          </label>
        </div>
        <div className="hlk__toolbar">
          <button type="button" className="button button--primary" disabled={busy || chosen?.state !== 'connected'} onClick={read} data-testid="signing-read">
            Read the signatures
          </button>
          <button type="button" className="button" disabled={busy || testMachines.length === 0} onClick={() => void readInstalled()} data-testid="signing-read-installed">
            Read the installed driver on {testMachines.length} client and support machine{testMachines.length === 1 ? '' : 's'}
          </button>
          <button type="button" className="button button--small" aria-expanded={showScript} onClick={() => setShowScript((v) => !v)} data-testid="signing-show-script">
            {showScript ? 'Hide the script' : 'Show the script'}
          </button>
          <RequestLine />
        </div>
        {showScript && reportScript && <ScriptView script={reportScript.script} title={reportScript.title} testId="signing-script" />}
      </section>
      {(signing?.reports ?? []).map((r) => (
        <SigningReport key={`${r.machine} ${r.asked}`} view={r} />
      ))}
      <section className="hlk__section" aria-labelledby={`${id}-cab`}>
        <h2 id={`${id}-cab`}>Attestation signing</h2>
        <p className="hint">
          For a driver signed by Microsoft without an HLK pass: a makecab directive file for the folder and the cabinet it makes, the INF and
          binaries under one folder named after the INF, the old catalog left out (Microsoft signs with its own). Sign the .cab with your EV
          certificate before uploading it to the Hardware Dev Center.
        </p>
        <div className="signing__form">
          <label htmlFor={`${id}-out`}>Write to</label>
          <input id={`${id}-out`} className="mono" value={outputFolder} size={36} onChange={(e) => setOutputFolder(e.target.value)} data-testid="signing-output" />
          <label htmlFor={`${id}-cab-name`}>Cabinet</label>
          <input id={`${id}-cab-name`} className="mono" value={cabName} size={24} onChange={(e) => setCabName(e.target.value)} data-testid="signing-cab-name" />
          <label>
            <input type="checkbox" checked={symbols} onChange={(e) => setSymbols(e.target.checked)} /> include symbols (.pdb)
          </label>
        </div>
        <ConfirmedActionButton
          label="Build the cabinet"
          testId="signing-build-cab"
          disabled={busy || chosen?.state !== 'connected'}
          runsOn={chosen}
          title={`Build ${cabName} on ${machine}?`}
          confirmLabel="Build the cabinet"
          facts={[
            ['From', folder],
            ['Writes', `${outputFolder}\\${cabName} and its .ddf beside it (an earlier one is replaced)`],
          ]}
          params={{ folder, outputFolder, cabName, includeSymbols: symbols }}
          operations={actionOperations.attestationCab}
          onRun={() => void buildCab({ machine, folder, outputFolder, cabName, includeSymbols: symbols })}
        />
        {signing?.attestation && <AttestationResult view={signing.attestation} />}
      </section>
    </div>
  );
}

