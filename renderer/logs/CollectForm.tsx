import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { machinePath } from '../../shared/collection/values';
import { inLabOrder } from '../lab/attention';
import { useApp } from '../store/use-app';

/** One action collects a bundle from every machine, or one: the plan by role, plus the operator's paths. */
export function CollectForm() {
  const names = useApp(useShallow((s) => inLabOrder(s.lab?.machines ?? []).map((m) => m.name)));
  const collectLogs = useApp((s) => s.collectLogs);
  const request = useApp((s) => s.collectionRequest);
  const [machine, setMachine] = useState('');
  const [paths, setPaths] = useState('');
  const [zip, setZip] = useState(false);
  const id = useId();
  const extraPaths = paths
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  // Said here, in words, before hlk-assist would refuse the request with the schema's field names.
  const badPaths = extraPaths.flatMap((p) => {
    const checked = machinePath.safeParse(p);
    return checked.success ? [] : [`${p}: not ${checked.error.issues.map((i) => i.message).join('; ')}`];
  });
  return (
    <form
      className="collect"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void collectLogs({ ...(machine ? { machines: [machine] } : {}), extraPaths, zip });
      }}
    >
      <h2 id={`${id}-title`} className="collect__title">
        Collect logs
      </h2>
      <p className="hint">
        Each machine's logs by its role: setupapi.dev.log, HLK and OpenVPN logs, minidumps, event logs and command snapshots,
        into a new run folder. Nothing on the machines is changed but a temporary folder, removed afterwards.
      </p>
      <label htmlFor={`${id}-machine`}>From</label>
      <select id={`${id}-machine`} value={machine} onChange={(e) => setMachine(e.target.value)} data-testid="collect-machine">
        <option value="">every machine</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n} only
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-paths`}>Also collect (one path per line, on every machine collected)</label>
      <textarea
        id={`${id}-paths`}
        className="mono"
        rows={3}
        spellCheck={false}
        placeholder={'C:\\Program Files\\OpenVPN\\config\\*.ovpn\n%SystemRoot%\\Logs\\CBS'}
        value={paths}
        onChange={(e) => setPaths(e.target.value)}
        data-testid="collect-paths"
      />
      <p className="hint">
        Full paths: <span className="mono">C:\…</span> or <span className="mono">%Variable%\…</span>; <span className="mono">*</span> and{' '}
        <span className="mono">?</span> match names, <span className="mono">\**\</span> any depth of folders, a folder means all its files.
      </p>
      <label className="collect__zip">
        <input type="checkbox" checked={zip} onChange={(e) => setZip(e.target.checked)} data-testid="collect-zip" /> Also make a zip of the run
        when it finishes
      </label>
      {badPaths.length > 0 && (
        <ul className="notice notice--bad" role="alert" data-testid="collect-bad-paths">
          {badPaths.map((b) => (
            <li key={b} className="mono">
              {b}
            </li>
          ))}
        </ul>
      )}
      <button type="submit" className="button button--primary" disabled={request.doing !== null || badPaths.length > 0} data-testid="collect-start">
        {request.doing === 'collect' ? 'Starting…' : machine ? `Collect from ${machine}` : 'Collect from every machine'}
      </button>
      {request.error && (
        <div className="notice notice--bad" role="alert" data-testid="collect-error">
          <p>
            <strong>hlk-assist refused that.</strong>
          </p>
          <pre className="mono selectable first__error-text">{request.error}</pre>
        </div>
      )}
    </form>
  );
}
