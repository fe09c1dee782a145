import type { SigningReportView } from '../../shared/signing/views';
import { StatusIcon } from '../readiness/StatusIcon';

/** A report's verdict as a word and a shape. */
export function verdictOf(r: SigningReportView): { status: 'pass' | 'warn' | 'fail' | 'unknown'; words: string } {
  if (!r.report) return { status: 'unknown', words: 'Could not read' };
  const fails = r.findings.filter((f) => f.severity === 'fail').length;
  if (fails > 0) return { status: 'fail', words: `${fails} problem${fails === 1 ? '' : 's'}` };
  if (r.findings.length > 0) return { status: 'warn', words: 'Consistent, with warnings' };
  return { status: 'pass', words: 'Consistent' };
}

function inCatalog(f: { path: string; hash: string | null; catalogHash: string | null }, catalog: string | undefined): string {
  if (f.path === catalog) return 'the catalog';
  if (f.catalogHash === null) return 'not in it';
  return f.hash === f.catalogHash ? 'yes, same hash' : 'hash differs';
}

/** One machine's signing report: the verdict, what to do, and every file. */
export function SigningReport({ view }: { view: SigningReportView }) {
  const verdict = verdictOf(view);
  const r = view.report;
  return (
    <section className="hlk__section" data-testid={`signing-report-${view.machine}`}>
      <h3>
        <span className={`tone-${verdict.status === 'pass' ? 'good' : verdict.status === 'fail' ? 'bad' : 'warn'}`}>
          <StatusIcon status={verdict.status} /> {verdict.words}
        </span>{' '}
        — {view.machine}: <span className="mono">{r?.folder ?? view.asked}</span>
      </h3>
      {!r && (
        <p className="notice notice--bad" role="alert">
          {view.error?.message}
        </p>
      )}
      {r && (
        <>
          <p>
            INF <strong>{r.inf.file}</strong>, DriverVer <strong>{r.inf.driverVer ?? 'missing'}</strong>, CatalogFile{' '}
            <strong>{r.inf.catalogFiles.map((c) => `${c.key} = ${c.file}`).join(', ') || 'missing'}</strong>; catalog in the folder{' '}
            <strong>{r.catalog?.file ?? 'none'}</strong>; signed by <strong>{view.signers}</strong>.
          </p>
          {view.findings.length > 0 && (
            <ul className="signing__findings" data-testid="signing-findings">
              {view.findings.map((f, i) => (
                <li key={i} className={f.severity === 'fail' ? 'tone-bad' : 'tone-warn'}>
                  <StatusIcon status={f.severity} /> <strong>{f.severity === 'fail' ? 'Problem' : 'Warning'}:</strong> {f.text} <em>What to do:</em> {f.todo}
                </li>
              ))}
            </ul>
          )}
          <table className="hlk__table">
            <thead>
              <tr>
                <th>File</th>
                <th>Bytes</th>
                <th>In the catalog</th>
                <th>Signature</th>
                <th>Signer</th>
              </tr>
            </thead>
            <tbody>
              {r.files.map((f) => (
                <tr key={f.path}>
                  <td className="mono">{f.path}</td>
                  <td>{f.bytes}</td>
                  <td>{inCatalog(f, r.catalog?.file)}</td>
                  <td title={f.signature?.message}>{f.signature?.status ?? '—'}</td>
                  <td>{f.signature?.signer?.subject ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="muted">Read {view.at}</p>
    </section>
  );
}
