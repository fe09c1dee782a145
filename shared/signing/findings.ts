import type { AuthenticodeSignature, DriverPackageReport } from '../operations/driver-package';

/**
 * What a driver package's signing report means for the submission: each problem with what to do about it,
 * and who signed what (a test certificate, Microsoft, or a release certificate of the vendor's own).
 */

export type SignerKind = 'test' | 'microsoft' | 'release';

export interface SigningFinding {
  severity: 'fail' | 'warn';
  /** The file it is about, relative to the folder; null for the package as a whole. */
  file: string | null;
  text: string;
  todo: string;
}

const MICROSOFT_PUBLISHER = /^CN=Microsoft Windows Hardware Compatibility Publisher\b/;

/** A self-signed certificate (the WDK's test certificate is) is a test signer; Microsoft's publisher is the production one. */
export function signerKind(signer: NonNullable<AuthenticodeSignature['signer']>): SignerKind {
  if (MICROSOFT_PUBLISHER.test(signer.subject)) return 'microsoft';
  if (signer.subject === signer.issuer || /WDKTestCert/i.test(signer.subject)) return 'test';
  return 'release';
}

export const signerKindWords: Record<SignerKind, string> = {
  test: 'test signed',
  microsoft: 'Microsoft (production)',
  release: "the vendor's release certificate",
};

/** "06/02/2021,9.24.6.601" → its version, or null when DriverVer is not date,version. */
export function driverVersion(driverVer: string | null): string | null {
  const m = driverVer === null ? null : /^\s*\d{1,2}\/\d{1,2}\/\d{4}\s*,\s*(\d+(\.\d+){3})\s*$/.exec(driverVer);
  return m ? m[1]! : null;
}

const base = (path: string) => path.replace(/^.*\\/, '').toLowerCase();

/**
 * `runsTheDriver`: the machine installs and loads the driver (a client or the support machine), so a
 * signature it cannot trust fails there; elsewhere (the controller keeping the package) it is a warning.
 */
export function signingFindings(report: DriverPackageReport, runsTheDriver: boolean): SigningFinding[] {
  const out: SigningFinding[] = [];
  const add = (severity: SigningFinding['severity'], file: string | null, text: string, todo: string) => out.push({ severity, file, text, todo });
  const remake = 'Make the catalog again over the folder as it is now (Inf2Cat), and sign it.';
  const { inf, catalog } = report;

  if (inf.driverVer === null) add('fail', inf.file, 'The INF has no DriverVer in [Version].', 'Add DriverVer = MM/DD/YYYY,w.x.y.z to [Version], then make the catalog again.');
  else if (driverVersion(inf.driverVer) === null) add('fail', inf.file, `DriverVer is "${inf.driverVer}", not a date and a four-part version.`, 'Write DriverVer as MM/DD/YYYY,w.x.y.z, then make the catalog again.');
  if (inf.catalogFiles.length === 0) add('fail', inf.file, 'The INF names no CatalogFile in [Version]: Windows will not tie the package to a catalog.', 'Add CatalogFile = <name>.cat to [Version], then make the catalog again.');
  const catalogBase = catalog ? base(catalog.file) : null;
  for (const c of inf.catalogFiles) {
    if (!report.files.some((f) => f.path.toLowerCase() === c.file.toLowerCase())) {
      add('fail', inf.file, `${c.key} = ${c.file}, but the folder has no such file${catalog ? ` (its catalog is ${catalog.file})` : ''}.`, `Name the catalog the same in the INF and in the folder${catalogBase ? `: ${c.key} = ${catalog!.file}` : ''}, then make the catalog again (the INF is in it).`);
    }
  }

  if (catalog === null) {
    add('fail', null, 'The folder has no catalog (.cat): nothing covers its files.', 'Make the catalog (Inf2Cat) and sign it with the test certificate (signtool sign).');
  } else {
    for (const f of report.files) {
      if (f.path === catalog.file) continue;
      if (f.catalogHash === null) add('fail', f.path, `${f.path} is not in the catalog.`, `Take it out of the folder, or ${remake.toLowerCase()}`);
      else if (f.hash !== null && f.hash !== f.catalogHash) add('fail', f.path, `${f.path} changed after the catalog was made (its hash is not the one the catalog records).`, remake);
    }
    for (const m of catalog.missing) add('fail', m, `The catalog lists ${m}, which is not in the folder.`, `Put ${m} back, or ${remake.toLowerCase()}`);
  }

  for (const f of report.files) {
    const s = f.signature;
    if (s === null) continue;
    const isCatalog = catalog !== null && f.path === catalog.file;
    if (s.status === 'Valid') continue;
    if (s.status === 'NotSigned') {
      if (isCatalog) add('fail', f.path, 'The catalog is not signed.', 'Sign the catalog (signtool sign /fd sha256) with the test certificate.');
      else add('warn', f.path, `${f.path} carries no signature of its own (the catalog covers it).`, 'Fine for a PnP driver the catalog covers; a boot-start driver needs the .sys signed too (signtool sign).');
    } else if (s.status === 'HashMismatch') {
      add('fail', f.path, `${f.path}'s signature does not match its contents: it changed after it was signed.`, 'Sign it again, then make the catalog again.');
    } else {
      const who = s.signer ? ` (${s.signer.subject})` : '';
      const test = s.signer !== null && signerKind(s.signer) === 'test';
      if (test && !runsTheDriver) {
        add('warn', f.path, `${f.path} is test signed with a certificate this machine does not trust${who}.`, 'Nothing to do on a machine that does not run the driver; the clients and the support machine need the certificate in their Root and TrustedPublisher stores.');
        continue;
      }
      add('fail', f.path, `${f.path}: ${s.status}: ${s.message}${who}`, s.signer && signerKind(s.signer) === 'test' ? 'Import the test certificate into this machine\'s Root and TrustedPublisher stores (Readiness offers it).' : 'Check the signing certificate and its chain on this machine.');
    }
  }
  const signers = new Set(report.files.flatMap((f) => (f.signature?.signer ? [f.signature.signer.thumbprint] : [])));
  if (signers.size > 1) add('warn', null, `The files are signed by ${signers.size} different certificates.`, 'Sign the catalog and the binaries with the same certificate.');
  return out;
}

/** The signers of the package by kind, for the summary line. */
export function signerSummary(report: DriverPackageReport): string {
  const kinds = new Set(report.files.flatMap((f) => (f.signature?.signer ? [signerKindWords[signerKind(f.signature.signer)]] : [])));
  return kinds.size === 0 ? 'nothing signed' : [...kinds].join(', ');
}
