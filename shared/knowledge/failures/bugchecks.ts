import type { KnownFailure } from '../known-failure';

/**
 * Bug checks: as Windows records them after the reboot ("The computer has rebooted from a bugcheck") and as
 * the kernel debugger's !analyze -v prints them. Either text can land in any collected log.
 */

const blog = "Eli Billauer's blog: Windows device drivers" as const;
const wiki = 'OpenVPN wiki: HLK testing of tap-windows6' as const;
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
    'On the dump, run !verifier 3 with the driver name to list the allocations that were never freed; free them on ' +
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
  ],
  meaning:
    'Driver Verifier found a driver it watches doing something the kernel forbids and stopped the machine ' +
    '(bug check 0xC4). The first parameter says which rule was broken, the dump says which driver.',
  remedy:
    'Open the dump in the kernel debugger (!analyze -v) to see the rule and the driver; fix the driver and rerun. ' +
    'Verifier runs during HLK tests on purpose, so the crash returns until the driver is fixed.',
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
    'Windows recorded a bug check and restarted. The HLK test running at that moment fails, and runtime-only state ' +
    "is gone: tapdiag's link and 802.1Q settings must be applied again.",
  remedy:
    'Look at the bug check code and the dump the line names (other findings may explain the code). Apply the ' +
    'tapdiag settings on this machine again before the next test.',
  source: { document: wiki, section: 'NDISTest 6.0 - 2 Machine - 2c_Priority (tapdiag state is runtime only)' },
  signatureOrigin: `${eventText}.`,
};
