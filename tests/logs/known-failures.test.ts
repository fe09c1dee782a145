import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { knownFailures } from '../../shared/knowledge/index';
import { analyzeLogFile } from '../../electron/logs/analysis/analyze-log';
import { fixture } from './fixtures';

/**
 * Every known failure against a sample log written for this test: other machines, paths, GUIDs, counts and
 * times than the documents' examples, so a signature that only matched the example would fail here.
 */
interface Case {
  file: string;
  /** The matching lines a finding keeps (the first five), in order. */
  lines: number[];
  /** How many lines match, when more than the finding keeps. */
  count?: number;
  /** A piece of the first matching line, to make clear which line that is. */
  firstLineHas: string;
  /** Where the first line sits, for logs with structure. */
  context?: string;
}

const cases: Record<string, Case> = {
  testCertificateNotTrusted: {
    file: 'setupapi/untrusted-test-certificate/setupapi.dev.log',
    lines: [59, 62],
    firstLineHas: 'Error 0x800b0109: A certificate chain processed',
    context: '[Setup Import Driver Package - D:\\drops\\tap-windows6-hlk\\amd64\\OemVista.inf] started 2024/03/14 09:12:40.118',
  },
  driverPackageWithoutCatalog: {
    file: 'setupapi/unsigned-package/setupapi.dev.log',
    lines: [24],
    firstLineHas: 'does not contain a catalog file',
    context: '[Device Install (DiInstallDriver) - C:\\dev\\tap6\\dist\\amd64\\OemVista.inf] started 2024/06/18 10:21:09.642',
  },
  catalogDoesNotCoverFile: {
    file: 'setupapi/unsigned-package/setupapi.dev.log',
    lines: [36],
    firstLineHas: "catalog name '' were found",
    context: '[Device Install (DiInstallDriver) - C:\\dev\\tap6\\dist\\amd64\\OemVista.inf] started 2024/06/18 10:21:09.642',
  },
  noCompatibleDriver: {
    file: 'setupapi/wrong-architecture/setupapi.dev.log',
    lines: [59, 62, 64, 84, 87],
    firstLineHas: 'Selecting driver failed(0xe0000228)',
    context: '[Device Install (UpdateDriverForPlugAndPlayDevices) - tap0901] started 2024/05/02 16:41:07.532',
  },
  deviceInstallFailed: {
    file: 'setupapi/wrong-architecture/setupapi.dev.log',
    lines: [67, 104],
    firstLineHas: '[Exit status: FAILURE(0xe0000228)]',
    context: '[Device Install (UpdateDriverForPlugAndPlayDevices) - tap0901] started 2024/05/02 16:41:07.532',
  },
  staleDriveMapping: { file: 'hlk/WttEa.log', lines: [7, 10], firstLineHas: 'Error: 0x800704c3, Multiple connections' },
  controllerNameNotResolved: { file: 'hlk/WttEa.log', lines: [4], firstLineHas: 'winsockerror code of 11001' },
  hlkDuplicateDatabaseKey: {
    file: 'hlk/schedule-2c-priority.log',
    lines: [4],
    firstLineHas: "Cannot insert duplicate key row in object 'dbo.ScheduleJobRole'",
  },
  ndisTestBinariesMissing: {
    file: 'hlk/fault-handling-task.log',
    // Every line is kept, so the viewer marks all seven (the last two name ndprot60, which the first five do not).
    lines: [15, 18, 20, 22, 25, 27, 30],
    firstLineHas: 'ntndis62\\ndprot62.sys',
  },
  openvpnLinkDownAfterFaultHandling: {
    file: 'openvpn/fault-handling-peer.log',
    lines: [10, 16, 17, 18],
    firstLineHas: 'TUN/TAP I/O operation aborted',
  },
  e2ePerfLinkSpeed: { file: 'hlk/e2eperf-client.log', lines: [6], firstLineHas: 'ERROR: Support Adapter must be' },
  addressChangeTiming: {
    file: 'openvpn/address-change-server.log',
    lines: [8, 9, 10],
    firstLineHas: 'unknown unicast destination [00:ff:3a:c2:91:5e], flood',
  },
  packetTransmissionTooSlow: {
    file: 'hlk/send-receive.log',
    lines: [9, 13],
    firstLineHas: 'Expected minimum of 2850 packets but we received 2613 packets',
  },
  packetsReordered: { file: 'hlk/reordered-packets.log', lines: [11, 12], firstLineHas: 'Out of order indication on open 3' },
  protocolDriverBreakpoint: {
    file: 'hlk/reordered-packets.log',
    lines: [13],
    firstLineHas: '3 total breakpoints were hit',
  },
  kernelBreakpointWithoutDebugger: {
    file: 'bugcheck/system-events.txt',
    lines: [32],
    firstLineHas: 'The bugcheck was: 0x0000007e (0xffffffff80000003',
  },
  verifierLeakedPool: {
    file: 'bugcheck/kd-analyze-leaked-pool.txt',
    lines: [24, 50],
    firstLineHas: 'Arg1: 0000000000000062, A driver has forgotten to free its pool allocations',
  },
  verifierUserHandleAsKernel: {
    file: 'bugcheck/system-events.txt',
    lines: [21],
    firstLineHas: 'The bugcheck was: 0x000000c4 (0x00000000000000f6',
  },
  hvciExecutablePool: {
    file: 'hvci/DeviceGuardCheckLog-0514101233.txt',
    lines: [28],
    firstLineHas: 'execute pool type count: 12',
    context: 'module legacyfilt.sys',
  },
  hvciExecutablePageProtection: {
    file: 'hvci/DeviceGuardCheckLog-0514101233.txt',
    lines: [30],
    firstLineHas: 'execute page protection count: 2',
    context: 'module vdiskflt.sys',
  },
  hvciExecutableMdlMapping: {
    file: 'hvci/DeviceGuardCheckLog-0514101233.txt',
    lines: [32],
    firstLineHas: 'execute page mapping count: 7',
    context: 'module mapper64.sys',
  },
  hvciWritableExecutableSection: {
    file: 'hvci/DeviceGuardCheckLog-0514101233.txt',
    lines: [23],
    firstLineHas: 'execute-write section count: 1',
    context: 'module ovpnagent.sys',
  },
  hvciSectionAlignment: {
    file: 'hvci/DeviceGuardCheckLog-0514101233.txt',
    lines: [14, 26],
    firstLineHas: 'Section Alignment Failures:             4',
    context: 'module tap0901.sys',
  },
  hvciUnsupportedRelocs: {
    file: 'hvci/DeviceGuardCheckLog-0514101233.txt',
    lines: [34],
    firstLineHas: 'unsupported relocs count: 1',
    context: 'module oldcodec.sys',
  },
  hvciIatInExecutableSection: {
    file: 'hvci/DeviceGuardCheckLog-0514101233.txt',
    lines: [36],
    firstLineHas: 'iat in executable section count: 1',
    context: 'module mergedsec.sys',
  },
  attestationSignatureValidationFailed: {
    file: 'signing/signature-rejected/UniversalLog.txt',
    lines: [3],
    firstLineHas: 'Preparation failed: SignatureValidationFailed',
  },
  attestationArchitectureNotInInf: {
    file: 'signing/architecture-mismatch/UniversalLog.txt',
    lines: [3],
    firstLineHas: 'does not have NTx86 decorated model sections',
  },
};

/** The failures the corpus of public failure reports (log-corpus.test.ts) expects somewhere. */
const inCorpus = new Set(
  (JSON.parse(readFileSync(fixture('corpus/corpus.json'), 'utf8')) as { expect: string[] }[]).flatMap((entry) => entry.expect),
);

describe('every known failure on a realistic sample', () => {
  it('has a sample for each entry of the knowledge base, here or in the corpus of public reports', () => {
    const without = knownFailures.filter((failure) => !cases[failure.id] && !inCorpus.has(failure.id));
    expect(without.map((failure) => failure.id)).toEqual([]);
  });

  for (const failure of knownFailures.filter((known) => cases[known.id])) {
    it(`${failure.id}: found on the right lines`, async () => {
      const sample = cases[failure.id];
      const analysis = await analyzeLogFile(fixture(sample.file));
      const finding = analysis.findings.find((f) => f.failureId === failure.id);
      expect(finding, `${failure.id} in ${sample.file}`).toBeDefined();
      expect(finding!.lines.map((l) => l.line)).toEqual(sample.lines);
      expect(finding!.lineCount).toBe(sample.count ?? sample.lines.length);
      expect(finding!.line).toBe(sample.lines[0]);
      expect(finding!.lines[0].text).toContain(sample.firstLineHas);
      expect(finding!.lines[0].context).toBe(sample.context ?? null);
      expect(finding!.remedy.startsWith(failure.remedy.replace(/\{driver\}[\s\S]*/, ''))).toBe(true);
      // A fix that needs values from the lines is offered only where the lines give them (tested below).
      if (!failure.fix?.paramFromLines) expect(finding!.fix).toEqual(failure.fix ?? null);
    });
  }
});

describe('logs of passes that went well', () => {
  const healthy = [
    'setupapi/clean/setupapi.dev.log',
    'openvpn/peer-to-peer-ok.log',
    'hlk/ndistest-passed.log',
    'hvci/DeviceGuardCheckLog-compatible.txt',
  ];
  for (const file of healthy) {
    it(`${file}: no finding`, async () => {
      const analysis = await analyzeLogFile(fixture(file));
      expect(analysis.lines).toBeGreaterThan(9);
      expect(analysis.findings).toEqual([]);
    });
  }
});

describe('findings of one log', () => {
  it('keeps each failure once, with the lines that show it, in order of first line', async () => {
    const analysis = await analyzeLogFile(fixture('bugcheck/system-events.txt'));
    // The general "rebooted from a bugcheck" gives way on lines whose code a more specific entry explains.
    expect(analysis.findings.map((f) => [f.failureId, f.line])).toEqual([
      ['verifierUserHandleAsKernel', 21],
      ['kernelBreakpointWithoutDebugger', 32],
    ]);
  });

  it('fits the remedy to the driver the log names: tap-windows6 advice only for tap-windows6', async () => {
    const tap = await analyzeLogFile(fixture('setupapi/wrong-architecture/setupapi.dev.log'));
    const other = await analyzeLogFile(fixture('corpus/signing/setupapi.arm64-x64-package.log'));
    const tapFinding = tap.findings.find((f) => f.failureId === 'noCompatibleDriver')!;
    const otherFinding = other.findings.find((f) => f.failureId === 'noCompatibleDriver')!;
    expect(tapFinding.driver).toBe('OemVista.inf');
    expect(tapFinding.remedy).toContain('tapinstall install OemVista.inf tap0901');
    expect(otherFinding).toMatchObject({ driver: 'cvnic.inf', architecture: 'arm64', windows: '10.0.22631' });
    expect(otherFinding.remedy).toContain('(cvnic.inf)');
    expect(otherFinding.remedy).toContain('decorated for arm64');
    expect(otherFinding.remedy).not.toMatch(/tap0901|tapinstall/);
    expect(otherFinding.meaning).toContain('In this log: the driver it names is cvnic.inf; architecture arm64; Windows 10.0.22631.');
  });

  it('holds a warning back while a following line may show the step succeeded', async () => {
    const benign = await analyzeLogFile(fixture('corpus/warnings/setupapi.benign-untrusted-root-then-success.log'));
    const real = await analyzeLogFile(fixture('corpus/signing/setupapi.tap-untrusted-test-root.log'));
    expect(benign.findings).toEqual([]);
    expect(real.findings.map((f) => f.failureId)).toEqual(['testCertificateNotTrusted', 'deviceInstallFailed']);
  });

  it('explains the error codes on a finding line', async () => {
    const analysis = await analyzeLogFile(fixture('setupapi/wrong-architecture/setupapi.dev.log'));
    const failed = analysis.findings.find((f) => f.failureId === 'deviceInstallFailed')!;
    expect(failed.lines.map((l) => l.codes.map((c) => c.name))).toEqual([
      ['ERROR_NO_COMPAT_DRIVERS'],
      ['ERROR_NO_DRIVER_SELECTED'],
    ]);
    expect(failed.lines[1].context).toBe('[Device Install (Hardware initiated) - ROOT\\NET\\0002] started 2024/05/02 16:41:07.702');
  });

  it('gives a fix the values its lines name: the drive letters of the Unavailable mappings net use lists', async () => {
    const listing = await analyzeLogFile(fixture('hlk/net-use.txt'));
    const stale = listing.findings.find((f) => f.failureId === 'staleDriveMapping')!;
    expect(stale.lines.map((l) => l.line)).toEqual([7, 9]);
    expect(stale.fix).toEqual({ operation: 'shares.removeMappings', params: { localPaths: ['T:', 'V:'] }, title: 'Delete the drive mapping T:, V:' });
    // The execution agent's log names no drive: the finding explains, but has nothing to delete.
    const agent = await analyzeLogFile(fixture('hlk/WttEa.log'));
    expect(agent.findings.find((f) => f.failureId === 'staleDriveMapping')!.fix).toBeNull();
  });
});
