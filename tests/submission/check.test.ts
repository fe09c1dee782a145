import { afterAll, describe, expect, test } from 'vitest';
import type { DriverPackageReport } from '../../shared/operations/driver-package';
import { checkSubmission, type SubmissionInputs } from '../../shared/submission/check';
import { serviceLab, type ServiceLab } from '../setup/service-lab';

/** Each finding of the pre-submission check fires on its cause and not without it; then the check on the practice lab over SSH. */

const pkg = (sysHash: string): DriverPackageReport => ({
  folder: 'C:\\p',
  inf: { file: 'OemVista.inf', driverVer: '06/02/2021,9.24.6.601', catalogFiles: [{ key: 'CatalogFile', file: 'tap0901.cat' }] },
  catalog: { file: 'tap0901.cat', hashAlgorithm: 'SHA256', status: 'Valid', missing: [] },
  files: [
    { path: 'OemVista.inf', bytes: 1, hash: 'A', catalogHash: 'A', signature: null },
    { path: 'tap0901.sys', bytes: 1, hash: sysHash, catalogHash: sysHash, signature: null },
  ],
});

const ready: SubmissionInputs = {
  project: 'tap-windows6',
  playlistLoaded: true,
  tests: [{ name: 'LinkCheck', status: 'Passed', filtersApplied: false }],
  productTypes: ['LAN'],
  requiredProductType: 'LAN',
  filtersUpdatedOn: '2026-11-20',
  now: new Date('2026-12-02T12:00:00Z'),
  submitted: pkg('S'),
  clients: [{ machine: 'client1', report: pkg('S'), error: null }],
  hlkClientCount: 3,
};

const ids = (i: SubmissionInputs) => checkSubmission(i).map((f) => f.id);

describe('each finding fires on its cause and not without it', () => {
  test('a ready project has none', () => expect(checkSubmission(ready)).toEqual([]));
  const cases: Array<[string, Partial<SubmissionInputs>]> = [
    ['no-playlist', { playlistLoaded: false }],
    ['test-not-run', { tests: [{ name: 'LinkCheck', status: 'NotRun', filtersApplied: false }] }],
    ['test-failed', { tests: [{ name: 'E2EPerf', status: 'Failed', filtersApplied: false }] }],
    ['filters-old', { filtersUpdatedOn: '2026-01-10' }],
    ['product-type-missing', { productTypes: [] }],
    ['driver-differs', { clients: [{ machine: 'client1', report: pkg('OLD'), error: null }] }],
    ['driver-unreadable', { clients: [{ machine: 'client1', report: null, error: 'not connected' }] }],
    ['too-many-clients', { hlkClientCount: 151 }],
  ];
  for (const [id, change] of cases) {
    test(id, () => {
      const found = checkSubmission({ ...ready, ...change });
      expect(found.map((f) => f.id)).toEqual([id]);
      expect(found[0]!.todo.length).toBeGreaterThan(10);
    });
  }
  test('a failure HLK filters cover is not a finding', () => {
    expect(ids({ ...ready, tests: [{ name: 'E2EPerf', status: 'Failed', filtersApplied: true }] })).toEqual([]);
  });
  test('150 clients is the limit, not over it', () => expect(ids({ ...ready, hlkClientCount: 150 })).toEqual([]));
});

describe('on the practice lab', () => {
  const labs: ServiceLab[] = [];
  afterAll(async () => {
    for (const s of labs) await s.close();
  });
  test('ready: the two tests not run yet and the unknown filter date; the clients run the package to submit', async () => {
    const s = await serviceLab({ scenario: 'ready' });
    labs.push(s);
    await s.settled();
    const result = await s.call('submission.check', {});
    if (!result.ok) throw new Error(result.reason);
    expect(result.ready).toBe(false);
    expect(result.findings.map((f) => [f.id, f.subject])).toEqual([
      ['test-not-run', 'NDISTest 6.5 - [2 Machine] - LinkCheck'],
      ['test-not-run', 'NDISTest 6.0 - [2 Machine] - 2c_Priority'],
      ['filters-old', null],
    ]);
  });
  test('broken: no playlist, failures, no LAN, and the support machine ran another driver', async () => {
    const s = await serviceLab({ scenario: 'broken' });
    labs.push(s);
    await s.settled();
    const result = await s.call('submission.check', {});
    if (!result.ok) throw new Error(result.reason);
    const found = new Set(result.findings.map((f) => f.id));
    for (const id of ['no-playlist', 'test-failed', 'test-not-run', 'product-type-missing', 'driver-differs'] as const) expect(found.has(id), id).toBe(true);
    expect(result.findings.filter((f) => f.id === 'driver-differs').map((f) => f.subject).sort()).toEqual(['client1', 'client2', 'support']);
  });
});
