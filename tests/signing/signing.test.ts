import { afterAll, describe, expect, test } from 'vitest';
import { DRIVER_STORE_FOLDER, SUBMISSION_FOLDER } from '../../electron/practice-lab/practice-driver-packages';
import { serviceLab, until, type ServiceLab } from '../setup/service-lab';

/**
 * The signing report and the attestation cabinet through the api, over SSH to the practice lab: a
 * consistent package has no findings; the broken lab's package (a binary rebuilt after signing, a file the
 * catalog does not cover, an INF naming another catalog) and a client without the test certificate each
 * produce their finding with what to do; the cabinet lists what goes in and what stays out; the pass report
 * carries both.
 */

const labs: ServiceLab[] = [];
async function open(scenario: 'ready' | 'broken'): Promise<ServiceLab> {
  const s = await serviceLab({ scenario });
  labs.push(s);
  await s.settled();
  return s;
}
afterAll(async () => {
  for (const s of labs) await s.close();
});

describe('the signing report', () => {
  test('ready: the submission package and every installed copy are consistent and test signed', async () => {
    const s = await open('ready');
    const state = await s.call('signing.state', {});
    expect(state.defaults).toEqual({ machine: 'controller', folder: SUBMISSION_FOLDER, outputFolder: 'C:\\HLK\\Attestation', cabName: 'tap0901-amd64.cab', storedInf: 'oemvista.inf' });
    const submission = await s.call('signing.read', { machine: 'controller', folder: SUBMISSION_FOLDER });
    expect(submission.error).toBeNull();
    // The controller keeps the package but does not run it: the test certificate it does not trust is a warning there.
    expect(submission.findings.map((f) => [f.severity, f.file])).toEqual([
      ['warn', 'tap0901.cat'],
      ['warn', 'tap0901.sys'],
    ]);
    expect(submission.signers).toBe('test signed');
    expect(submission.driverVersion).toBe('9.24.6.601');
    expect(submission.report?.inf).toEqual({ file: 'OemVista.inf', driverVer: '06/02/2021,9.24.6.601', catalogFiles: [{ key: 'CatalogFile', file: 'tap0901.cat' }] });
    expect(submission.report?.catalog).toMatchObject({ file: 'tap0901.cat', status: 'Valid', missing: [] });
    expect(submission.report?.files.map((f) => [f.path, f.signature?.status ?? null, f.hash === f.catalogHash])).toEqual([
      ['OemVista.inf', null, true],
      ['tap0901.cat', 'UnknownError', true],
      ['tap0901.sys', 'UnknownError', true],
    ]);
    const installed = await s.call('signing.read', { machine: 'client1', storedInf: 'oemvista.inf' });
    expect(installed.report?.folder).toBe(DRIVER_STORE_FOLDER);
    expect(installed.findings).toEqual([]);
    expect(installed.report?.files.map((f) => f.signature?.status ?? null)).toEqual([null, 'Valid', 'Valid']);
    // The same files as the package for the submission.
    expect(installed.report?.files.map((f) => f.hash)).toEqual(submission.report?.files.map((f) => f.hash));
    // Journaled (the controller's warnings are not problems).
    for (const folder of [SUBMISSION_FOLDER, DRIVER_STORE_FOLDER]) {
      await until(() => s.pushed('journal').find((e) => e.kind === 'submission' && e.text === `signing report of ${folder}: 0 problem(s), test signed`), `the report of ${folder} journaled`);
    }
  });

  test('broken: each problem of the package found, with what to do', async () => {
    const s = await open('broken');
    const submission = await s.call('signing.read', { machine: 'controller', folder: SUBMISSION_FOLDER });
    const byFile = submission.findings.filter((f) => f.severity === 'fail').map((f) => [f.severity, f.file, f.text]);
    expect(byFile).toEqual([
      ['fail', 'OemVista.inf', 'CatalogFile = tap0901-amd64.cat, but the folder has no such file (its catalog is tap0901.cat).'],
      ['fail', 'README.txt', 'README.txt is not in the catalog.'],
      ['fail', 'tap0901.sys', 'tap0901.sys changed after the catalog was made (its hash is not the one the catalog records).'],
      ['fail', 'tap0901.sys', "tap0901.sys's signature does not match its contents: it changed after it was signed."],
    ]);
    for (const f of submission.findings) expect(f.todo.length).toBeGreaterThan(10);
    expect(submission.report?.catalog?.status).toBe('ValidationFailed');

    // client2 lacks the test certificate: its copy's signatures end in a root it does not trust.
    const client2 = await s.call('signing.read', { machine: 'client2', storedInf: 'oemvista.inf' });
    expect(client2.findings.map((f) => [f.file, f.todo])).toEqual([
      ['tap0901.cat', "Import the test certificate into this machine's Root and TrustedPublisher stores (Readiness offers it)."],
      ['tap0901.sys', "Import the test certificate into this machine's Root and TrustedPublisher stores (Readiness offers it)."],
    ]);
    expect(client2.findings[0]?.text).toContain('UnknownError: A certificate chain processed, but terminated in a root certificate which is not trusted');

    const missing = await s.call('signing.read', { machine: 'controller', folder: 'C:\\No\\Such' });
    expect(missing.report).toBeNull();
    expect(missing.error?.message).toBe('There is no folder C:\\No\\Such on this machine.');

    // Both in the pass report.
    const md = (await s.call('report.export', { format: 'markdown' })).text;
    expect(md).toContain('## Driver signing');
    expect(md).toContain(`controller: ${SUBMISSION_FOLDER.replace(/\\/g, '\\\\')}, read `);
    expect(md).toContain('| tap0901.sys | ');
    expect(md).toContain('hash differs | HashMismatch |');
    expect(md).toContain('| fail | README.txt | README.txt is not in the catalog. |');
  });
});

describe('the attestation cabinet', () => {
  test('the INF and binaries go in under the package folder, the catalog stays out; the report lists it', async () => {
    const s = await open('ready');
    const cab = await s.call('signing.attestation', { machine: 'controller', folder: SUBMISSION_FOLDER, outputFolder: 'C:\\HLK\\Attestation', cabName: 'tap0901-amd64.cab' });
    expect(cab.error).toBeNull();
    expect(cab.cab?.files.map((f) => [f.source, f.destination])).toEqual([
      ['OemVista.inf', 'OemVista\\OemVista.inf'],
      ['tap0901.sys', 'OemVista\\tap0901.sys'],
    ]);
    expect(cab.cab?.leftOut).toEqual([{ path: 'tap0901.cat', reason: 'Microsoft signs the package with a catalog of its own' }]);
    expect(cab.cab?.ddf).toContain('.Set CabinetNameTemplate=tap0901-amd64.cab\r\n');
    expect(cab.cab?.ddf).toContain(`.Set DestinationDir=OemVista\r\n"${SUBMISSION_FOLDER}\\OemVista.inf"\r\n"${SUBMISSION_FOLDER}\\tap0901.sys"\r\n`);
    expect(cab.cab?.cabPath).toBe('C:\\HLK\\Attestation\\tap0901-amd64.cab');
    expect(cab.cab?.cabBytes).toBeGreaterThan(100);

    const inside = await s.call('signing.attestation', { machine: 'controller', folder: SUBMISSION_FOLDER, outputFolder: `${SUBMISSION_FOLDER}\\out`, cabName: 'x.cab' });
    expect(inside.cab).toBeNull();
    expect(inside.error?.message).toContain('is inside the driver folder');

    await s.call('signing.attestation', { machine: 'controller', folder: SUBMISSION_FOLDER, outputFolder: 'C:\\HLK\\Attestation', cabName: 'tap0901-amd64.cab' });
    const html = (await s.call('report.export', { format: 'html' })).text;
    expect(html).toContain('Attestation cabinet C:\\HLK\\Attestation\\tap0901-amd64.cab on controller');
    expect(html).toContain('<td>OemVista\\tap0901.sys</td>');
  });
});
