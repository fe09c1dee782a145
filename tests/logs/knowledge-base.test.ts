import { describe, expect, it } from 'vitest';
import { knownFailures } from '../../shared/knowledge/index';
import { errorCodeMeaning, explainErrorCodes, knownErrorCodes } from '../../shared/knowledge/error-codes';
import { findOperation } from '../../shared/operations/index';
import { KnowledgeMatcher } from '../../electron/logs/analysis/knowledge-matcher';
import { LiteralAutomaton } from '../../electron/logs/analysis/literal-automaton';

/** The failures the analyzer reports for one line of a log of unknown kind (every failure applies). */
function failuresOnLine(line: string): string[] {
  const matcher = new KnowledgeMatcher(knownFailures, 'text');
  const automaton = new LiteralAutomaton(matcher.needles);
  const needles: number[] = [];
  automaton.scan(line, (needle) => {
    if (!needles.includes(needle)) needles.push(needle);
  });
  return matcher.judge(line, needles).shown.map((match) => match.failure.id);
}

/**
 * One realistic line per signature, in the order of the entry's signatures, each unlike the documents'
 * examples; and lines that look alike but must not match.
 */
const matching: Record<string, string[]> = {
  testCertificateNotTrusted: [
    '!!!  sto:           Failed to import driver package into Driver Store. Error = 0x800B0109',
  ],
  driverPackageWithoutCatalog: [
    '!    sto:                Driver package does not contain a catalog file, but user wants to install anyway.',
  ],
  catalogDoesNotCoverFile: [
    "!    sig:           No installed catalogs matching catalog name 'tap0901.cat' were found that validated the file.",
  ],
  publisherNotTrusted: [
    '!!!  sto:           Driver package failed signature verification. Error = 0xE0000242',
    "!    inf: The publisher of an Authenticode(tm) signed catalog has not yet been established as trusted.",
  ],
  catalogSignatureMissing: [
    'vnet.inf: Fehler beim Hinzufügen des Treibers zum System. Fehler 0xE0000247: Der Treiberpaketkatalog ist nicht signiert.',
    '!!!  sig:           Driver package catalog file does not contain a signature, and Code Integrity is enforced.',
  ],
  certificateWrongUsage: ['!    sig:                Error 0x800b0110: The certificate is not valid for the requested usage.'],
  noCompatibleDriver: ['!!!  dvi:      Error 0xE0000228: There are no compatible drivers for this device.'],
  serviceCannotStart: [
    'libwdi:debug [installer process] [1058] The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
    'installer: Error 1058 while starting the driver service',
    'ControlService Start: The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
  ],
  codeIntegrityBlockedDriver: [
    'Code Integrity determined that a process (System) attempted to load \\Device\\HarddiskVolume2\\Windows\\System32\\drivers\\nicx.sys that did not meet the Microsoft signing level requirements.',
  ],
  codeIntegrityAuditOnly: [
    'Code Integrity determined that a process (System) attempted to load \\Device\\HarddiskVolume2\\Windows\\System32\\drivers\\nicx.sys that did not meet the Enterprise signing level requirements or violated code integrity policy (Policy ID:{00000000-1111-2222-3333-444444444444}). However, due to code integrity auditing policy, the image was allowed to load.',
  ],
  codeIntegrityHashNotFound: [
    'Windows is unable to verify the image integrity of the file \\Device\\HarddiskVolume2\\Windows\\System32\\drivers\\nicx.sys because file hash could not be found on the system.',
  ],
  openvpnNoAdapters: ['2024-05-01 10:00:01 There are no TAP-Windows, Wintun or ovpn-dco adapters on this system.'],
  openvpnAdaptersInUse: ['Thu Sep 15 19:18:04 2016 All TAP-Windows adapters on this system are currently in use.'],
  openvpnAdapterAccessDenied: [
    '2024-05-01 10:00:01 CreateFile failed on tap-windows6 device: \\\\.\\Global\\{0A1B2C3D-0000-4000-8000-00AA11BB22CC}.tap: Access is denied.   (errno=5)',
  ],
  openvpnCannotAcquireTap: ['Fri Oct  2 10:38:06 2020 TUN Error: cannot acquire TAP handle'],
  openvpnRouteAccessDenied: [
    'Wed Nov 21 14:20:56 2018 ROUTE: route addition failed using CreateIpForwardEntry: Access is denied.   [status=5 if_index=24]',
  ],
  openvpnRouteAddFailed: [
    'Wed Nov 21 14:20:57 2018 Route addition via IPAPI failed [adaptive]',
    'Wed Nov 21 14:20:56 2018 ERROR: Windows route add command failed: returned error code 1',
    '2022-11-02 08:00:00 ERROR: route addition failed using service: The object already exists.   [status=5010 if_index=15]',
  ],
  deviceProblemBeforeTest: [
    'Error: Found a device that has a non-zero problem code or is phantom.',
    '       Problem Code=10 (CM_PROB_FAILED_START)',
  ],
  deviceInstallFailed: ['<<<  [Exit status: FAILURE(0xe000022f)]'],
  staleDriveMapping: [
    '1912 2044 2024:11:2 3:5:9:412 Error: 0x800704C3, CRunManager::StartRun()::Could not reach the log share',
    'System error 1219 has occurred. Multiple connections to a server or shared resource by the same user are not allowed.',
    'Unavailable  S:        \\\\hlkctl01.corp.example\\HLKInstall  Microsoft Windows Network',
  ],
  controllerNameNotResolved: [
    '1912 2044 2024:11:2 3:5:1:77 Error: 0x8205aaaf, Error 0x8205aaaf   winsockerror code of 11001',
    '1912 2044 2024:11:2 3:5:1:80 Warning: connect to hlkctl01.corp.example failed: WSAHOST_NOT_FOUND',
  ],
  hlkDuplicateDatabaseKey: [
    "Violation of PRIMARY KEY constraint 'PK_TaskResult'. Cannot insert duplicate key in object 'dbo.TaskResult'.",
  ],
  ndisTestBinariesMissing: [
    'Cause : Failed to Copy File : "\\\\10.20.0.5\\Tests\\x86\\NetHlk\\NDISTest\\bin\\ntndis51\\ndprot51.sys"',
    'Cause : Cannot Find Pattern "\\\\hlkctl01\\Tests\\amd64\\NetHlk\\NDISTest\\bin\\ntndis61\\*.sys"',
    'Failure : Failed to Start the Task "Copy downlevel NDISTest binaries"',
  ],
  openvpnLinkDownAfterFaultHandling: [
    'Mon Oct 07 10:31:12 2024 us=5529 TUN/TAP I/O operation aborted, restarting',
    '2024-10-07 10:31:12 TUN/TAP interface has been stopped, exiting',
    '2024-10-07 10:31:13 read from TUN/TAP [State=AT?c Err=[c:\\openvpn\\tap-windows6\\src\\rxpath.c/471] #O=4 Tx=[12,0,0] Rx=[9,0,0] IrpQ=[1,1,16] PktQ=[0,6,64] InjQ=[0,1,16]]: The device is not ready.   (fd=ffffffffffffffff,code=21)',
    'Mon Oct 07 10:31:14 2024 write to TUN/TAP : Input/output error (code=5)',
  ],
  e2ePerfLinkSpeed: [
    '[03:11:58.004] ERROR: Support Adapter must be connected at a link speed greater than or equal to the Test Adapter',
  ],
  addressChangeTiming: [
    'Thu Oct 10 17:02:44 2024 us=31007 sup01/192.0.2.77:1194 MULTI: unknown unicast destination [02:1a:4b:00:c3:7e], flood',
  ],
  packetTransmissionTooSlow: ['    Expected minimum of 96 packets but we received 95 packets'],
  packetsReordered: ['  Out of order indications: 4', '  Dropped indications = 17'],
  protocolDriverBreakpoint: ['12 total breakpoints were hit in the protocol driver while this test was executing'],
  kernelBreakpointWithoutDebugger: [
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x0000007e (0x0000000080000003, 0xfffff80066a1c2b0, 0xffff9d0c1e7f3a28, 0xffff9d0c1e7f2870).',
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x0000001e (0xffffffff80000003, 0xfffff80471b3a9f0, 0x0000000000000000, 0x0000000000000000).',
    'Arg1: ffffffff80000003, The exception code that was not handled',
  ],
  verifierLeakedPool: [
    'BUCKET_ID:  0xc4_62_LEAKED_POOL_IMAGE_ovpn-dco.sys',
    'Arg1: 00000062, A driver has forgotten to free its pool allocations prior to unloading.',
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x000000c4 (0x00000062, 0x8a1e40c8, 0x8a0d3b50, 0x00000002).',
  ],
  verifierViolation: [
    'FAILURE_BUCKET_ID:  0xc4_f6_VRF_tap0901!Mp_Halt',
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x000000c4 (0x0000000000002004, 0xffffa50c2b3e1000, 0x0000000000000000, 0x0000000000000000).',
    'DRIVER_VERIFIER_DETECTED_VIOLATION (c4)',
  ],
  verifierExecutablePool: [
    'Arg1: 0000000000002000, Code Integrity Issue: The caller specified an executable pool type. (Expected: NonPagedPoolNx)',
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x000000c4 (0x0000000000002000, 0xfffff8066d12a4b0, 0x0000000000000000, 0x0000000054584554).',
    'BUGCHECK_STR:  0xc4_2000',
  ],
  verifierUserHandleAsKernel: [
    'Arg1: 00000000000000f6, Referencing user handle as KernelMode.',
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x000000c4 (0x00000000000000f6, 0x0000000000000a48, 0xffffc60f3e2d1080, 0xfffff8057d1a2b3c).',
    'BUGCHECK_STR:  0xc4_f6',
  ],
  ndisDriverBugcheck: [
    'BUGCODE_NDIS_DRIVER (7c)',
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x0000007c (0x0000000000000025, 0x0000000000000011, 0xffffd78e90fb4fa8, 0x0).',
    'BugCheck 7C, {21, ffff87836ce32850, ffff8783750969b8, 0}',
    'Arg1: 0000000000000014, NDIS_BUGCHECK_WAIT_EVENT_HIGH_IRQL',
  ],
  driverIrqlNotLessOrEqual: [
    'DRIVER_IRQL_NOT_LESS_OR_EQUAL (d1)',
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x000000d1 (0x0000000000000010, 0x0000000000000002, 0x0000000000000000, 0xfffff8012a3b4c5d).',
    'BugCheck D1, {10, 2, 0, fffff8012a3b4c5d}',
    'Bugcheck code 000000D1',
  ],
  irqlNotLessOrEqual: [
    'IRQL_NOT_LESS_OR_EQUAL (a)',
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x0000000a (0x0000000000000047, 0x0000000000000002, 0x0000000000000000, 0xfffff800902bfdbe).',
    'BugCheck A, {47, 2, 0, fffff800902bfdbe}',
  ],
  dpcWatchdogViolation: [
    'DPC_WATCHDOG_VIOLATION (133)',
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x00000133 (0x0000000000000001, 0x0000000000001e00, 0xfffff80651efb320, 0x0).',
    'BugCheck 133, {0, 501, 500, fffff8004c8fb320}',
  ],
  machineRebootedFromBugcheck: [
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x0000009f (0x0000000000000003, 0xffffc50a61b72a10).',
  ],
  hvciExecutablePool: ['          Execute Pool Type Count:                3'],
  hvciExecutablePageProtection: ['\tReason: execute page protection count: 1'],
  hvciExecutableMdlMapping: ['          Execute Page Mapping Count:             22'],
  hvciWritableExecutableSection: ['          Execute-Write Section Count:            1'],
  hvciSectionAlignment: ['\tReason: section alignment failures:             31'],
  hvciUnsupportedRelocs: ['          Unsupported Relocs Count:               6'],
  hvciIatInExecutableSection: ['          IAT in Executable Section Count:        1'],
  attestationSignatureValidationFailed: ['Status: Failed  Stage: Preparation  Reason: SignatureValidationFailed'],
  attestationArchitectureNotInInf: ['ERROR: ovpn-dco.inf does not have NTamd64 decorated model sections'],
};

/** Lines that share a failure's words but are not that failure. */
const notMatching: Record<string, string[]> = {
  testCertificateNotTrusted: [
    '     sig:                {_VERIFY_FILE_SIGNATURE exit(0x800b0109)} 09:12:40.281',
    '<<<  [Exit status: FAILURE(0x800b0109)]',
  ],
  noCompatibleDriver: ['     dvi:      {DIF_SELECTBESTCOMPATDRV - exit(0xe0000228)} 16:41:07.615'],
  irqlNotLessOrEqual: ['DRIVER_IRQL_NOT_LESS_OR_EQUAL (d1)'],
  codeIntegrityBlockedDriver: [
    'Code Integrity determined that a process (System) attempted to load \\Device\\HarddiskVolume2\\Windows\\System32\\drivers\\nicx.sys that did not meet the Enterprise signing level requirements or violated code integrity policy (Policy ID:{00000000-1111-2222-3333-444444444444}). However, due to code integrity auditing policy, the image was allowed to load.',
    'Code Integrity determined that a process (\\Device\\HarddiskVolume1\\Windows\\System32\\SIHClient.exe) attempted to load \\Device\\HarddiskVolume1\\Program Files\\AV\\scan.dll that did not meet the Windows signing level requirements.',
  ],
  deviceProblemBeforeTest: ['WDTF_SUPPORT          : INFO  :  ROOT\\NET\\0002: Problem Code=0 (CM_PROB_NONE)'],
  openvpnAdapterAccessDenied: ['Sun Dec 04 17:10:37 2016 CreateFile failed on TAP device: \\\\.\\Global\\{CFFF023D-EC1F-41BB-AF9B-7F1A6898B6A0}.tap'],
  openvpnRouteAddFailed: ['2024-07-16 06:31:40 Route addition via service succeeded'],
  serviceCannotStart: [
    'Event 7036: The Dnscache service entered the running state. (10580)',
    'installer: Error 10583 while copying files',
  ],
  deviceInstallFailed: ['<<<  [Exit status: SUCCESS]'],
  staleDriveMapping: ['OK           S:        \\\\hlkctl01.corp.example\\HLKInstall  Microsoft Windows Network', 'Unavailable until the driver restarts'],
  ndisTestBinariesMissing: ['Cause : Failed to Copy File : "\\\\hlkctl01\\Tests\\amd64\\NetHlk\\WDTF\\bin\\WDTF.dll"'],
  packetsReordered: ['    Out of order indications: 0', '    Dropped indications = 0'],
  protocolDriverBreakpoint: ['0 total breakpoints were hit in the protocol driver while this test was executing'],
  kernelBreakpointWithoutDebugger: [
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x0000007e (0xffffffffc0000005, 0xfffff80066a1c2b0, 0x0, 0x0).',
  ],
  verifierLeakedPool: ['FAILURE_BUCKET_ID:  0xc4_f6_VRF_tap0901!Mp_Halt'],
  verifierExecutablePool: ['Arg1: 0000000000000000, caller is trying to allocate zero bytes'],
  verifierViolation: [
    'FAILURE_BUCKET_ID:  0xc4_62_LEAKED_POOL_IMAGE_tap0901.sys',
    'The computer has rebooted from a bugcheck.  The bugcheck was: 0x000000c4 (0x0000000000000062, 0xffffd50b6a3c2f10, 0x0, 0x3).',
  ],
  hvciExecutablePool: ['          Execute Pool Type Count:                0'],
  hvciSectionAlignment: ['          Section Alignment Failures:             0'],
  addressChangeTiming: ['Thu Oct 10 17:02:45 2024 us=118004 sup01/192.0.2.77:1194 MULTI: Learn: 02:1a:4b:00:c3:7e -> sup01/192.0.2.77:1194'],
};

describe('the knowledge base as data', () => {
  it('names every failure once, in camelCase', () => {
    const ids = knownFailures.map((failure) => failure.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('says what each failure means, what to do, and where it is documented', () => {
    for (const failure of knownFailures) {
      expect(failure.title.length, failure.id).toBeGreaterThan(10);
      expect(failure.meaning.length, failure.id).toBeGreaterThan(40);
      expect(failure.remedy.length, failure.id).toBeGreaterThan(20);
      expect(failure.source.section.length, failure.id).toBeGreaterThan(3);
      expect(failure.signatures.length, failure.id).toBeGreaterThan(0);
      // A log of no recognised kind is read against every failure; listing `text` would say nothing.
      if (failure.logKinds !== 'any') expect(failure.logKinds, failure.id).not.toContain('text');
    }
  });

  it('searches for printable ASCII on one line, and its patterns keep no state between lines', () => {
    for (const failure of knownFailures) {
      for (const signature of failure.signatures) {
        expect(signature.contains, failure.id).toMatch(/^[\x20-\x7e]{5,}$/);
        if (signature.pattern) expect(signature.pattern.flags, failure.id).not.toMatch(/[gy]/);
      }
    }
  });

  it('offers only fixes the app can run, with parameters the operation accepts', () => {
    const withFix = knownFailures.filter((failure) => failure.fix);
    expect(withFix.map((failure) => failure.id).sort()).toEqual(['hlkDuplicateDatabaseKey', 'openvpnLinkDownAfterFaultHandling', 'staleDriveMapping']);
    for (const failure of withFix) {
      const fix = failure.fix!;
      const operation = findOperation(fix.operation);
      expect(operation, failure.id).toBeDefined();
      // A fix that takes values from the log's lines is checked with a value its signature reads.
      const params = fix.paramFromLines ? { ...fix.params, [fix.paramFromLines]: ['R:'] } : fix.params;
      expect(operation!.params.safeParse(params).success, failure.id).toBe(true);
    }
  });

  it('gives way only to failures it has, and speaks of tap-windows6 only in its tap-windows6 remedy', () => {
    const ids = new Set(knownFailures.map((failure) => failure.id));
    for (const failure of knownFailures) {
      for (const id of failure.givesWayTo?.failures ?? []) expect(ids.has(id), `${failure.id} gives way to ${id}`).toBe(true);
      // Entries written for the tap-windows6 lab keep their words; every other entry speaks of the driver in the log.
      if (failure.source.document === 'public failure reports') {
        expect(failure.remedy, failure.id).not.toMatch(/tap0901|tapinstall|tapdiag|OemVista|buildtap/i);
        expect(failure.source.section, failure.id).toMatch(/^https:\/\//);
      }
      expect(failure.remedy.replaceAll(/\{(?:driver|architecture)\}/g, ''), failure.id).not.toMatch(/[{}]/);
    }
  });
});

describe('each signature on a line of its own', () => {
  it('has a sample line for every signature', () => {
    for (const failure of knownFailures) {
      expect(matching[failure.id]?.length, failure.id).toBe(failure.signatures.length);
    }
  });

  for (const failure of knownFailures) {
    it(`${failure.id}: every signature finds it`, () => {
      failure.signatures.forEach((signature, i) => {
        const line = matching[failure.id][i];
        expect(line.toLowerCase(), `sample ${i}`).toContain(signature.contains.toLowerCase());
        expect(failuresOnLine(line), line).toContain(failure.id);
      });
    });
  }

  for (const [id, lines] of Object.entries(notMatching)) {
    it(`${id}: look-alike lines are not it`, () => {
      for (const line of lines) expect(failuresOnLine(line), line).not.toContain(id);
    });
  }
});

describe('error code meanings', () => {
  it('reads codes in any case and tells errors from normal results', () => {
    expect(errorCodeMeaning('0xE0000228')?.name).toBe('ERROR_NO_COMPAT_DRIVERS');
    expect(errorCodeMeaning('0xe000022f')?.meaning).toMatch(/catalog/);
    expect(errorCodeMeaning('0xe000020e')?.isError).toBe(false);
    expect(errorCodeMeaning('0x12345678')).toBeNull();
  });

  it('lists each code once, written as 0x and eight lower-case digits', () => {
    const codes = knownErrorCodes.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^0x[0-9a-f]{8}$/);
  });

  it('explains the error codes in a line, each once, leaving out normal results', () => {
    const line = '     dvi: {DIF_ALLOW_INSTALL - exit(0xe000020e)} then exit(0xE0000203), again 0xe0000203, unknown 0xdeadbeef';
    expect(explainErrorCodes(line).map((entry) => entry.name)).toEqual(['ERROR_NO_DRIVER_SELECTED']);
  });
});
