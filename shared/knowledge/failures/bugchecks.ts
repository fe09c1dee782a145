import type { KnownFailure } from '../known-failure';

/**
 * Bug checks: as Windows records them after the reboot ("The computer has rebooted from a bugcheck") and as
 * the kernel debugger's !analyze -v prints them. Either text can land in any collected log.
 */

const blog = "Eli Billauer's blog: Windows device drivers" as const;
const wiki = 'OpenVPN wiki: HLK testing of tap-windows6' as const;
const reports = 'public failure reports' as const;
const eventText =
  `Windows' own record of a bug check ("The computer has rebooted from a bugcheck. The bugcheck was: ...")`;

export const verifierLeakedPool: KnownFailure = {
  id: 'verifierLeakedPool',
  title: 'Driver Verifier: a driver unloaded without freeing its pool (bug check 0xC4, 0x62)',
  logKinds: 'any',
  signatures: [
    { contains: '0xc4_62', pattern: /0xc4_62(?![0-9a-f])/i },
    { contains: 'forgotten to free its pool allocations' },
    { contains: 'bugcheck was: 0x000000c4', pattern: /bugcheck was: 0x000000c4 \(0x0*62,/i },
  ],
  meaning:
    'Driver Verifier stopped the machine because a driver it watches unloaded while still holding pool memory ' +
    '(bug check 0xC4 with first parameter 0x62). The bucket name or IMAGE_NAME says which driver. HLK unloads the ' +
    'driver under test many times, so the leak recurs in every such test.',
  remedy:
    'On the dump, run !verifier 3 {driver} to list the allocations that were never freed; free them on ' +
    "the driver's unload and halt paths, rebuild and rerun the test.",
  source: { document: blog, section: 'Windows device drivers: Notes to self (Bugcheck for memory leak)' },
  signatureOrigin: `Debugger output as the blog quotes it, and ${eventText}.`,
};

export const verifierViolation: KnownFailure = {
  id: 'verifierViolation',
  title: 'Driver Verifier caught a driver breaking a kernel rule (bug check 0xC4)',
  logKinds: 'any',
  signatures: [
    { contains: '0xc4_', pattern: /0xc4_(?!62(?![0-9a-f]))[0-9a-f]+/i },
    { contains: 'bugcheck was: 0x000000c4', pattern: /bugcheck was: 0x000000c4 \((?!0x0*62,)/i },
    { contains: 'DRIVER_VERIFIER_DETECTED_VIOLATION' },
  ],
  meaning:
    'Driver Verifier found a driver it watches doing something the kernel forbids and stopped the machine ' +
    '(bug check 0xC4). The first parameter (Arg1) says which rule was broken, the dump says which driver.',
  remedy:
    'Open the dump in the kernel debugger (!analyze -v) to see the rule {driver} broke; fix it and rerun. ' +
    'Verifier runs during HLK tests on purpose, so the crash returns until the driver is fixed.',
  givesWayTo: { failures: ['verifierLeakedPool', 'verifierExecutablePool', 'verifierUserHandleAsKernel'], where: 'log' },
  source: { document: blog, section: 'Windows device drivers: Notes to self (Bug check handling)' },
  signatureOrigin: `Debugger bucket names (0xc4_<parameter>) as the blog shows them, and ${eventText}.`,
};

export const kernelBreakpointWithoutDebugger: KnownFailure = {
  id: 'kernelBreakpointWithoutDebugger',
  title: 'A kernel breakpoint crashed the machine because no debugger was attached',
  logKinds: 'any',
  signatures: [
    // The first parameter is the exception code, sign-extended on 64-bit Windows.
    {
      contains: 'bugcheck was: 0x0000007e',
      pattern: /bugcheck was: 0x0000007e \(0x(?:ffffffff|00000000)?80000003,/i,
    },
    {
      contains: 'bugcheck was: 0x0000001e',
      pattern: /bugcheck was: 0x0000001e \(0x(?:ffffffff|00000000)?80000003,/i,
    },
    {
      contains: 'The exception code that was not handled',
      pattern: /Arg1: (?:ffffffff|00000000)?80000003, The exception code that was not handled/i,
    },
  ],
  meaning:
    'Kernel code executed a breakpoint (exception 0x80000003) while no kernel debugger was attached, so Windows ' +
    "crashed instead of pausing. In 2c_Mini6Stress this is NDISTest's own breakpoint about packets that were not " +
    'confirmed, which the wiki considers harmless.',
  remedy:
    'Attach a kernel debugger to the test machine and rerun; when the breakpoint hits, answer "Always ignore" (l) ' +
    'and the test passes. Rerunning without a debugger until it passes works too, sometimes.',
  source: { document: wiki, section: 'NDISTest 6.0 - 2 machine - 2c_Mini6Stress' },
  signatureOrigin:
    'The wiki says the breakpoint ends in a bug check without quoting it; the lines are ' +
    `${eventText} and the debugger's description of the exception.`,
};

export const machineRebootedFromBugcheck: KnownFailure = {
  id: 'machineRebootedFromBugcheck',
  title: 'The machine crashed and rebooted',
  logKinds: 'any',
  signatures: [{ contains: 'rebooted from a bugcheck' }],
  meaning:
    'Windows recorded a bug check and restarted. The HLK test running at that moment fails, and state that lives ' +
    'only in memory (driver runtime settings) is gone.',
  remedy:
    'Open the dump the line names in the kernel debugger (!analyze -v): it names the driver and the cause. Set up ' +
    'again whatever the test needed that does not survive a reboot.',
  tapWindows6Remedy: "For tap-windows6, apply tapdiag's link and 802.1Q settings on this machine again before the next test.",
  givesWayTo: {
    failures: [
      'verifierLeakedPool', 'verifierViolation', 'verifierExecutablePool', 'verifierUserHandleAsKernel',
      'kernelBreakpointWithoutDebugger', 'ndisDriverBugcheck', 'driverIrqlNotLessOrEqual', 'irqlNotLessOrEqual',
      'dpcWatchdogViolation',
    ],
    where: 'line',
  },
  source: { document: wiki, section: 'NDISTest 6.0 - 2 Machine - 2c_Priority (tapdiag state is runtime only)' },
  signatureOrigin: `${eventText}.`,
};

/** The event-log form of a bug check with this code, "The bugcheck was: 0x0000007c (...)". */
function rebootedFrom(code: string): { contains: string } {
  return { contains: `bugcheck was: 0x${code.padStart(8, '0')}` };
}

/** WinDbg's one-line summary when a dump is opened: "BugCheck 7C, {21, ffff...". */
function bugCheckSummary(code: string): { contains: string; pattern: RegExp } {
  return { contains: `BugCheck ${code}, {`, pattern: new RegExp(`\\bBugCheck ${code}, \\{`, 'i') };
}

const afterBugcheck =
  'Until the fault is fixed, every HLK test that drives this code path crashes the machine the same way.';

export const ndisDriverBugcheck: KnownFailure = {
  id: 'ndisDriverBugcheck',
  title: 'NDIS stopped the machine because a network driver broke its rules (bug check 0x7C, BUGCODE_NDIS_DRIVER)',
  logKinds: 'any',
  signatures: [
    { contains: 'BUGCODE_NDIS_DRIVER' },
    { contains: 'bugcheck was: 0x0000007c', pattern: /bugcheck was: 0x0000007c \(0x0*(?<detail>[0-9a-f]+),/i },
    { contains: 'BugCheck 7C, {', pattern: /\bBugCheck 7C, \{(?<detail>[0-9a-f]+),/i },
    { contains: 'NDIS_BUGCHECK_', pattern: /Arg1: [0-9a-f`]+, (?<detail>NDIS_BUGCHECK_\w+)/i },
  ],
  // The first parameters the reports behind this entry show; others are told by their number.
  detailNames: {
    '14': 'NDIS_BUGCHECK_WAIT_EVENT_HIGH_IRQL',
    '21': 'NDIS_BUGCHECK_INVALID_OBJECT_HEADER',
    '25': 'NDIS_BUGCHECK_WATCHDOG',
  },
  meaning:
    'NDIS found a network driver (a miniport, a filter such as a packet capture driver, or a protocol) misusing ' +
    'it and raised bug check 0x7C. The first parameter names the rule; the second points at the driver that broke ' +
    'it, which need not be the driver under test: any filter bound to the adapter can be the culprit. ' +
    afterBugcheck,
  remedy:
    'In the dump, run !analyze -v and !ndiskd.netreport to see which driver the second parameter points at ' +
    '(!ndiskd.miniport or !ndiskd.filter on it). If it is {driver} and that is not the driver under test, unbind or ' +
    'uninstall it on the test machines (or update it) and rerun; otherwise fix the rule the first parameter names.',
  source: {
    document: reports,
    section:
      'https://github.com/nmap/npcap/issues/755; https://github.com/nmap/npcap/issues/184; ' +
      'https://github.com/wbenny/injdrv/issues/20',
  },
};

export const driverIrqlNotLessOrEqual: KnownFailure = {
  id: 'driverIrqlNotLessOrEqual',
  title: 'A driver touched pageable or invalid memory at raised IRQL (bug check 0xD1)',
  logKinds: 'any',
  signatures: [
    { contains: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL' },
    rebootedFrom('d1'),
    bugCheckSummary('D1'),
    { contains: 'Bugcheck code 000000D1' },
  ],
  meaning:
    'A driver read or wrote memory that was paged out or invalid while running at DISPATCH_LEVEL or above ' +
    '(bug check 0xD1, DRIVER_IRQL_NOT_LESS_OR_EQUAL): a freed buffer, a pageable one, or a bad pointer. ' +
    afterBugcheck,
  remedy:
    'In the dump, !analyze -v names the faulting driver and instruction; look in {driver} at that address for a ' +
    'buffer used after it was freed or memory touched at raised IRQL. Rerun with Driver Verifier on {driver} to ' +
    'catch it earlier.',
  source: {
    document: reports,
    section: 'https://github.com/nmap/npcap/issues/324; https://github.com/nmap/npcap/issues/824',
  },
};

export const irqlNotLessOrEqual: KnownFailure = {
  id: 'irqlNotLessOrEqual',
  title: 'Kernel code touched invalid memory at raised IRQL (bug check 0xA)',
  logKinds: 'any',
  signatures: [
    { contains: 'IRQL_NOT_LESS_OR_EQUAL (a)', pattern: /(?<!DRIVER_)IRQL_NOT_LESS_OR_EQUAL \(a\)/i },
    rebootedFrom('a'),
    bugCheckSummary('A'),
  ],
  meaning:
    'Kernel code accessed an invalid or pageable address at raised IRQL (bug check 0xA, IRQL_NOT_LESS_OR_EQUAL). ' +
    'The stack often stops in Windows itself (nt, tcpip.sys), while the cause is a driver that corrupted memory ' +
    'or handed over a bad pointer earlier. ' +
    afterBugcheck,
  remedy:
    'In the dump, look past the Windows frames of the stack for the driver that supplied the address ({driver} ' +
    'when the log names one); rerun with Driver Verifier on the driver under test to catch the corruption where it happens.',
  source: { document: reports, section: 'https://github.com/MicrosoftDocs/windows-itpro-docs/issues/7109' },
};

export const dpcWatchdogViolation: KnownFailure = {
  id: 'dpcWatchdogViolation',
  title: 'A DPC or interrupt routine ran too long (bug check 0x133, DPC_WATCHDOG_VIOLATION)',
  logKinds: 'any',
  signatures: [{ contains: 'DPC_WATCHDOG_VIOLATION' }, rebootedFrom('133'), bugCheckSummary('133')],
  meaning:
    'Code at DISPATCH_LEVEL (a DPC, an interrupt routine, a spin lock held too long) ran past its time ' +
    'allotment, or DPCs ran back to back for too long, and Windows stopped the machine (bug check 0x133). In ' +
    'network drivers it is usually a receive or send loop that never yields, or a spin lock waited on forever. ' +
    afterBugcheck,
  remedy:
    'In the dump, !analyze -v and the stack show the routine that ran too long in {driver}; bound its work per ' +
    'DPC (hand the rest to another DPC or a work item) and check its spin locks for a path that never releases.',
  source: {
    document: reports,
    section:
      'https://github.com/virtio-win/kvm-guest-drivers-windows/issues/85; https://github.com/nmap/npcap/issues/245; ' +
      'https://github.com/basil00/WinDivert/issues/365',
  },
};

export const verifierExecutablePool: KnownFailure = {
  id: 'verifierExecutablePool',
  title: 'Driver Verifier: a driver asked for executable pool memory (bug check 0xC4, 0x2000)',
  logKinds: 'any',
  signatures: [
    { contains: 'specified an executable pool type' },
    { contains: 'bugcheck was: 0x000000c4', pattern: /bugcheck was: 0x000000c4 \(0x0*2000,/i },
    { contains: '0xc4_2000' },
  ],
  meaning:
    'Driver Verifier stopped the machine because a driver allocated pool memory of an executable type ' +
    '(NonPagedPool instead of NonPagedPoolNx). With memory integrity (HVCI) on, Windows will not load such a ' +
    "driver at all, so it also fails HLK's HVCI readiness.",
  remedy:
    'Allocate non-executable pool in {driver} everywhere (NonPagedPoolNx, or POOL_FLAG_NON_PAGED with ' +
    'ExAllocatePool2); the second parameter is the address of the call. Rebuild and rerun.',
  source: { document: reports, section: 'https://github.com/MicrosoftDocs/windows-driver-docs/issues/1859' },
};

export const verifierUserHandleAsKernel: KnownFailure = {
  id: 'verifierUserHandleAsKernel',
  title: 'Driver Verifier: a driver used a user-mode handle as a kernel handle (bug check 0xC4, 0xF6)',
  logKinds: 'any',
  signatures: [
    { contains: 'Referencing user handle as KernelMode' },
    { contains: 'bugcheck was: 0x000000c4', pattern: /bugcheck was: 0x000000c4 \(0x0*f6,/i },
    { contains: '0xc4_f6' },
  ],
  meaning:
    'Driver Verifier stopped the machine because a driver referenced a handle from a user process with ' +
    'KernelMode access (ObReferenceObjectByHandle with AccessMode KernelMode, or a handle opened without ' +
    'OBJ_KERNEL_HANDLE), which lets a user process hand the kernel any object.',
  remedy:
    'In {driver}, open kernel handles with OBJ_KERNEL_HANDLE and reference handles that come from user mode with ' +
    'UserMode access; the fourth parameter is the address in the driver that did it.',
  source: { document: reports, section: 'https://github.com/winsiderss/systeminformer/issues/275' },
};
