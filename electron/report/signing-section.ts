import type { SigningStateView } from '../../shared/signing/views';
import type { Section } from './pass-report';

/** The pass report's signing section: each machine's last signing report and the attestation cabinet. */
export function signingSection(signing: SigningStateView): Section {
  const notes: string[] = [];
  const tables: Section['tables'] = [];
  if (signing.reports.length === 0) notes.push('No driver package was read for its signatures.');
  for (const r of signing.reports) {
    if (!r.report) {
      notes.push(`${r.machine}: ${r.asked} could not be read (${r.at}): ${r.error?.message ?? ''}`);
      continue;
    }
    const fails = r.findings.filter((f) => f.severity === 'fail').length;
    notes.push(
      `${r.machine}: ${r.report.folder}, read ${r.at}: INF ${r.report.inf.file}, DriverVer ${r.report.inf.driverVer ?? 'missing'}, catalog ${r.report.catalog?.file ?? 'none'}, signed by ${r.signers}; ${fails === 0 ? 'no problems' : `${fails} problem(s)`}.`,
    );
    tables.push({
      caption: `${r.machine}: ${r.report.folder}`,
      head: ['File', 'Bytes', 'In the catalog', 'Signature', 'Signer'],
      rows: r.report.files.map((f) => [
        f.path,
        String(f.bytes),
        f.catalogHash === null ? (f.path === r.report!.catalog?.file ? '(the catalog)' : 'no') : f.hash === f.catalogHash ? 'yes, hash matches' : 'yes, hash differs',
        f.signature ? f.signature.status : '',
        f.signature?.signer?.subject ?? '',
      ]),
    });
    if (r.findings.length > 0) {
      tables.push({ caption: `${r.machine}: problems`, head: ['Severity', 'File', 'Problem', 'What to do'], rows: r.findings.map((f) => [f.severity, f.file ?? '', f.text, f.todo]) });
    }
  }
  const a = signing.attestation;
  if (a?.cab) {
    notes.push(`Attestation cabinet ${a.cab.cabPath} on ${a.machine} (${a.cab.cabBytes} bytes, ${a.at}); directive file ${a.cab.ddfPath}.`);
    tables.push({
      caption: 'Attestation cabinet contents',
      head: ['In the cabinet', 'From the folder', 'Bytes'],
      rows: [...a.cab.files.map((f) => [f.destination, f.source, String(f.bytes)]), ...a.cab.leftOut.map((f) => [`(left out: ${f.reason})`, f.path, ''])],
    });
  } else if (a?.error) notes.push(`The attestation cabinet on ${a.machine} failed (${a.at}): ${a.error.message}`);
  return { title: 'Driver signing', notes, tables };
}
