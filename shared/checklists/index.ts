import { findCheck } from '../readiness/checks';
import { steps } from './steps';
import { checklistReadings, stepActionRuns, type Checklist, type ChecklistInfo, type ChecklistStep, type StepFix } from './types';

export type * from './types';

/**
 * The checklists of a tap-windows6 HLK pass, from the OpenVPN wiki's page on HLK testing: preparing the
 * clients, the support machine, the controller and the project, and what each test the wiki names needs
 * before it runs (keyed by the test's name in HLK, as Microsoft's HLK test reference spells it).
 */

const clientPreparation: Checklist = {
  id: 'client-preparation',
  title: 'Client preparation',
  kind: 'setup',
  tests: [],
  intro: 'Each HLK client (the device under test) runs the kit\'s Windows build, the HLK client, the test-signed driver behind OpenVPN, and is Ready in HLK.',
  steps: [
    steps.windowsBuild,
    steps.coresAndHardware,
    steps.physical,
    steps.hlkClient,
    steps.testSigning,
    steps.testCertificate,
    steps.driverInstalled,
    steps.driverStore,
    steps.openvpnInstalled,
    steps.staticKey,
    steps.openvpnService,
    steps.openvpnVerbosity,
    steps.tapIpv6,
    steps.vpnPing,
    steps.adapterNames,
    steps.networkDrives,
    steps.controllerPorts,
    steps.tapdiagTool,
    steps.hlkReady,
  ].map((s) => forRoles(s, ['client'])),
};

const supportPreparation: Checklist = {
  id: 'support-preparation',
  title: 'Support machine preparation',
  kind: 'setup',
  tests: [],
  intro: 'The support machine answers the client back to back over the VPN: the same Windows build and driver as the clients, its TAP adapter named SupportDevice0, Ready in HLK.',
  steps: [
    steps.sameBuild,
    steps.windowsBuild,
    steps.hlkClient,
    steps.testSigning,
    steps.testCertificate,
    steps.driverInstalled,
    steps.driverVersion,
    steps.linkSpeed,
    steps.driverStore,
    steps.openvpnInstalled,
    steps.staticKey,
    steps.openvpnService,
    steps.openvpnVerbosity,
    steps.tapIpv6,
    steps.adapterNames,
    steps.networkDrives,
    steps.controllerPorts,
    steps.tapdiagTool,
    steps.hlkReady,
  ].map((s) => forRoles(s, ['support'])),
};

const controllerSetup: Checklist = {
  id: 'controller-project',
  title: 'Controller and project setup',
  kind: 'setup',
  tests: [],
  intro: 'On the controller: HLK Studio and its services, the NDISTest binaries on the test share, a pool with the clients first, a project whose product type is LAN, and the compatibility playlist.',
  steps: [
    { id: 'hlk-studio', title: 'HLK Studio installed', what: 'Install HLK Studio on the controller; hlk-assist reads HLK through its object model.', roles: ['controller'], verification: { kind: 'check', check: 'hlk-studio' } },
    {
      id: 'hlk-services',
      title: 'HLK controller services running',
      what: 'Keep the controller\'s HLK services running; restarting them is the first thing to try when machines do not get Ready.',
      roles: ['controller'],
      verification: { kind: 'check', check: 'hlk-controller-services' },
      fix: { kind: 'check-fix', check: 'hlk-controller-services', title: 'Restart the HLK services' },
    },
    steps.ndistestBinaries,
    { id: 'machines-known', title: 'Every lab machine known to HLK', what: 'Install the HLK client on every client and the support machine, pointed at this controller, so they appear in the Default Pool.', roles: ['controller'], verification: { kind: 'check', check: 'hlk-machines' } },
    steps.poolExists,
    steps.poolOrder,
    steps.poolReady,
    steps.project,
    steps.targets,
    steps.lanProductType,
    steps.playlist,
  ],
};

/** The tests the OpenVPN wiki names, with what each needs first. */
const testChecklists: Checklist[] = [
  {
    id: 'test-linkcheck',
    title: 'NDISTest 6.5 LinkCheck',
    kind: 'test',
    tests: ['NDISTest 6.5 - [2 Machine] - LinkCheck'],
    intro: 'LinkCheck unplugs and plugs the TAP adapter\'s virtual cable: its message boxes ask for it, possibly twice. Either tapdiag changes the link, or stopping and starting OpenVPN does.',
    steps: [
      steps.tapdiagEnabled(['client']),
      forRoles(steps.openvpnService, ['client', 'support']),
      forRoles(steps.adapterNames, ['client', 'support']),
      {
        id: 'support-role',
        title: 'The support machine in the Support role',
        what: 'When you schedule the test, set the "Support" role dropdown to the support machine: HLK may otherwise pick a machine by itself.',
        roles: ['controller'],
        manual: { confirmation: 'I set the Support role to the support machine' },
      },
      {
        id: 'guided-linkcheck',
        title: 'Follow the message boxes (guided LinkCheck)',
        what: 'Start the guided LinkCheck in hlk-assist when the test runs: it unplugs and plugs the cable when you tell it the test\'s message box asks for it. Answer each message box on the client.',
        roles: ['client'],
        manual: { confirmation: 'I am ready to follow the message boxes' },
      },
    ],
    remedy: {
      text: 'Run it again and follow every message box; the cable may have to be unplugged and plugged back in twice. If the link never comes back, restart OpenVPN on the client.',
      knownFailures: [],
    },
  },
  {
    id: 'test-2c-priority',
    title: 'NDISTest 6.0 2c_Priority',
    kind: 'test',
    tests: ['NDISTest 6.0 - [2 Machine] - 2c_Priority'],
    intro: '2c_Priority needs 802.1Q handling on in the TAP driver on both machines. The driver has it off by default, and a reboot loses it.',
    steps: [steps.tapdiagEnabled(['client', 'support']), steps.q8021],
    remedy: { text: 'Turn 802.1Q on again on both machines (a reboot since the last run loses it), then run the test again.', knownFailures: [] },
  },
  {
    id: 'test-address-change',
    title: 'NDISTest 6.5 AddressChange',
    kind: 'test',
    tests: ['NDISTest 6.5 - [2 Machine] - AddressChange'],
    intro: 'AddressChange has very tight timings: it fails on slow machines, and OpenVPN raises the link a moment before it forwards packets.',
    steps: [forRoles(steps.physical, ['client']), forRoles(steps.openvpnVerbosity, ['client', 'support'])],
    remedy: { text: 'Run it on fast, physical machines (it passed on a year-old i7), keep OpenVPN\'s logging low, and run it again.', knownFailures: ['addressChangeTiming'] },
  },
  {
    id: 'test-e2eperf',
    title: 'NDISTest 6.5 E2EPerf',
    kind: 'test',
    tests: ['NDISTest 6.5 - [2 Machine] - E2EPerf'],
    intro: 'E2EPerf refuses a support adapter slower than the test adapter; an old tap-windows6 on the support machine claims 100 Mbit/s.',
    steps: [steps.linkSpeed, steps.driverVersion],
    remedy: { text: 'Install the clients\' tap-windows6 version on the support machine, so both adapters claim the same speed, and run it again.', knownFailures: ['e2ePerfLinkSpeed'] },
  },
  {
    id: 'test-1c-fault-handling',
    title: 'NDISTest 6.0 1c_FaultHandling',
    kind: 'test',
    tests: ['NDISTest 6.0 - [1 Machine] - 1c_FaultHandling'],
    intro: '1c_FaultHandling copies down-level NDISTest binaries from the controller\'s share, and at its end OpenVPN may not bring the link back.',
    steps: [
      steps.ndistestBinaries,
      forRoles(steps.openvpnService, ['client']),
      {
        id: 'restart-openvpn-at-end',
        title: 'Restart OpenVPN if the link stays down at the end',
        what: 'Watch the end of the test: if the link does not come back, restart the OpenVPN service on the client (hlk-assist\'s service buttons do it); the test waits a few minutes for the link.',
        roles: ['client'],
        manual: { confirmation: 'I will watch the end of the test' },
      },
    ],
    remedy: { text: 'Put every ndprot*.sys on the test share; if the link stayed down at the end, restart OpenVPN on the client during the test\'s wait.', knownFailures: ['ndisTestBinariesMissing', 'openvpnLinkDownAfterFaultHandling'] },
  },
  {
    id: 'test-1c-registry',
    title: 'NDISTest 6.0 1c_Registry',
    kind: 'test',
    tests: ['NDISTest 6.0 - [1 Machine] - 1c_Registry'],
    intro: '1c_Registry copies the same down-level NDISTest binaries as 1c_FaultHandling.',
    steps: [
      steps.ndistestBinaries,
    ],
    remedy: { text: 'Put every ndprot*.sys the task log names on the controller\'s test share and run it again.', knownFailures: ['ndisTestBinariesMissing'] },
  },
  {
    id: 'test-2c-mini6stress',
    title: 'NDISTest 6.0 2c_Mini6Stress',
    kind: 'test',
    tests: ['NDISTest 6.0 - [2 Machine] - 2c_Mini6Stress'],
    intro: '2c_Mini6Stress can hit a harmless breakpoint in NDISTest\'s own code; without a kernel debugger attached that becomes a bug check and the test fails.',
    steps: [
      {
        id: 'kernel-debugger',
        title: 'A kernel debugger attached to the client',
        what: 'Attach a kernel debugger to the client before the test runs, so a breakpoint stops in the debugger instead of crashing the machine.',
        roles: ['client'],
        manual: { confirmation: 'A kernel debugger is attached to the client' },
      },
      {
        id: 'always-ignore',
        title: 'Answer the breakpoint with "Always Ignore"',
        what: 'When the breakpoint is hit, press (l) for Always Ignore in the debugger; the test then goes on and passes.',
        roles: ['client'],
        manual: { confirmation: 'I will press (l) Always Ignore when it stops' },
      },
    ],
    remedy: { text: 'Attach a kernel debugger, answer the breakpoint with (l) Always Ignore, and run it again; a plain rerun sometimes passes too.', knownFailures: ['protocolDriverBreakpoint', 'kernelBreakpointWithoutDebugger'] },
  },
  {
    id: 'test-tdi-filters',
    title: 'TDI filters and LSPs are not allowed',
    kind: 'test',
    tests: ['TDI filters and LSPs are not allowed'],
    intro: 'This test fails on a broken network drive mapping ("Multiple connections to a server or shared resource by the same user" in WttEa.log).',
    steps: [forRoles(steps.networkDrives, ['client', 'support'])],
    remedy: { text: 'Delete the Unavailable drive mapping (net use R: /delete) and run it again.', knownFailures: ['staleDriveMapping'] },
  },
  {
    id: 'test-static-tools',
    title: 'Static Tools Logo Test',
    kind: 'test',
    tests: ['Static Tools Logo Test'],
    intro: 'The Static Tools Logo Test checks that the driver was built with the static analysis tools; it must be able to read their logs.',
    steps: [
      {
        id: 'static-analysis-logs',
        title: 'Static analysis logs where the test reads them',
        what: 'Copy the driver build\'s static analysis results (Static Driver Verifier and Code Analysis) to where the test reads them before running it; the wiki notes the test fails otherwise, even for a driver built with the tools.',
        roles: ['client'],
        manual: { confirmation: 'The static analysis logs are in place' },
      },
    ],
    remedy: { text: 'Copy the static analysis logs to where the test reads them and run it again.', knownFailures: [] },
  },
  {
    id: 'wdtf-remote-system',
    title: 'WDTFREMOTESYSTEM',
    kind: 'test',
    tests: [],
    intro: 'Tests that need "a working network connection" ask for WDTFREMOTESYSTEM when you schedule them: an IPv6 address the client can ping over the VPN.',
    steps: [
      steps.vpnPing,
      {
        id: 'set-wdtfremotesystem',
        title: 'WDTFREMOTESYSTEM set to an address the client pings',
        what: 'Whenever a test shows the WDTFREMOTESYSTEM parameter while scheduling, set it to the support machine\'s TAP IPv6 address (or another VPN address the client pings; see the client\'s "pings over the VPN" check).',
        roles: ['controller'],
        manual: { confirmation: 'I set WDTFREMOTESYSTEM to an address the client pings' },
      },
    ],
  },
];

function forRoles(step: ChecklistStep, roles: ChecklistStep['roles']): ChecklistStep {
  return { ...step, roles };
}

export const checklists: readonly Checklist[] = [clientPreparation, supportPreparation, controllerSetup, ...testChecklists];

const byId = new Map(checklists.map((c) => [c.id, c]));

export function findChecklist(id: string): Checklist | undefined {
  return byId.get(id);
}

/** The checklist that prepares an HLK test, by the test's name in HLK (letter case aside). */
export function checklistForTest(testName: string): Checklist | undefined {
  const name = testName.toLowerCase();
  return checklists.find((c) => c.tests.some((t) => t.toLowerCase() === name));
}

/** The catalogue for the UI: everything but the functions. */
export function checklistCatalogue(): ChecklistInfo[] {
  return checklists.map((c) => ({
    id: c.id,
    title: c.title,
    kind: c.kind,
    tests: [...c.tests],
    intro: c.intro,
    remedy: c.remedy ? { text: c.remedy.text, knownFailures: [...c.remedy.knownFailures] } : null,
    steps: c.steps.map((s) => ({
      id: s.id,
      title: s.title,
      what: s.what,
      roles: [...s.roles],
      verification: !s.verification
        ? null
        : s.verification.kind === 'check'
          ? { kind: 'check' as const, check: s.verification.check }
          : s.verification.kind === 'reading'
            ? { kind: 'reading' as const, operation: checklistReadings[s.verification.reading].operation, describe: s.verification.describe }
            : { kind: 'tapdiag' as const, describe: s.verification.describe },
      fix: s.fix ? fixInfo(s.fix) : null,
      manual: s.manual ? { confirmation: s.manual.confirmation } : null,
    })),
  }));
}

function fixInfo(fix: StepFix): NonNullable<ChecklistInfo['steps'][number]['fix']> {
  switch (fix.kind) {
    case 'check-fix': {
      const onController = findCheck(fix.check)?.fixes.some((f) => f.runsOn === 'controller') ?? false;
      return { title: fix.title, operation: null, kind: fix.kind, check: fix.check, runsOn: onController ? 'controller' : 'self', operations: [] };
    }
    case 'operation':
      return { title: fix.title, operation: fix.operation, kind: fix.kind, check: null, runsOn: fix.runsOn, operations: [fix.operation] };
    case 'action': {
      const runs = stepActionRuns[fix.action];
      return { title: fix.title, operation: null, kind: fix.kind, check: null, runsOn: runs.runsOn, operations: [...runs.operations] };
    }
  }
}
