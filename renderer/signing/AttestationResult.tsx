import type { AttestationView } from '../../shared/signing/views';
import { formatBytes } from '../components/byte-format';

/** The cabinet built for attestation signing: where it is, what went in and where, what was left out, and the .ddf. */
export function AttestationResult({ view }: { view: AttestationView }) {
  if (!view.cab) {
    return (
      <p className="notice notice--bad" role="alert" data-testid="signing-cab-error">
        The cabinet could not be built on {view.machine}: {view.error?.message}
      </p>
    );
  }
  const cab = view.cab;
  return (
    <div data-testid="signing-cab">
      <p className="tone-good">
        Built <span className="mono">{cab.cabPath}</span> on {view.machine} ({formatBytes(cab.cabBytes)}). Sign it (signtool sign /fd sha256), then upload it.
      </p>
      <table className="hlk__table">
        <thead>
          <tr>
            <th>In the cabinet</th>
            <th>From the folder</th>
            <th>Bytes</th>
          </tr>
        </thead>
        <tbody>
          {cab.files.map((f) => (
            <tr key={f.destination}>
              <td className="mono">{f.destination}</td>
              <td className="mono">{f.source}</td>
              <td>{f.bytes}</td>
            </tr>
          ))}
          {cab.leftOut.map((f) => (
            <tr key={f.path} className="muted">
              <td>left out: {f.reason}</td>
              <td className="mono">{f.path}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>The directive file {cab.ddfPath}</summary>
        <pre className="script__text mono selectable">{cab.ddf}</pre>
      </details>
    </div>
  );
}
