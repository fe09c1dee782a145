import type { KnownFailure } from '../known-failure';

/** Failures inside NDISTest runs, as the OpenVPN wiki saw them with tap-windows6. */

const wiki = 'OpenVPN wiki: HLK testing of tap-windows6' as const;

export const ndisTestBinariesMissing: KnownFailure = {
  id: 'ndisTestBinariesMissing',
  title: 'NDISTest downlevel binaries are missing from the controller share',
  logKinds: ['hlkTask', 'hlkExecutionAgent'],
  signatures: [
    { contains: 'Failed to Copy File', pattern: /Failed to Copy File\s*:\s*"[^"]*\\ntndis\d*\\[^"\\]+"/i },
    { contains: 'Cannot Find Pattern', pattern: /Cannot Find Pattern\s*"[^"]*\\ntndis\d*\\[^"\\]+"/i },
    {
      contains: 'Copy downlevel NDISTest binaries',
      pattern: /Failed to Start the Task\s*"Copy downlevel NDISTest binaries"/i,
    },
  ],
  meaning:
    'Before 1c_FaultHandling and 1c_Registry start, the client copies older NDISTest protocol drivers ' +
    "(ndprot*.sys in ntndis* folders) from the HLK controller's test share. On some controllers those folders or " +
    'files do not exist, so the copy task fails and the test never runs.',
  remedy:
    "On the client, map the controller's tests share with net use and list AMD64\\NetHlk\\NDISTest\\bin\\ntndis*: " +
    'compare it with the paths the task log names. The test can only pass once the share holds every file the task ' +
    'asks for; complete the share on the controller, then rerun 1c_FaultHandling and 1c_Registry.',
  source: { document: wiki, section: 'NDISTest 6.0 - 1 machine - 1c_FaultHandling; 1c_Registry' },
};

export const e2ePerfLinkSpeed: KnownFailure = {
  id: 'e2ePerfLinkSpeed',
  title: "The support adapter's link speed is below the test adapter's (E2EPerf)",
  logKinds: ['hlkTask', 'hlkExecutionAgent'],
  signatures: [{ contains: 'Support Adapter must be connected at a link speed' }],
  meaning:
    "E2EPerf refuses to measure when the support machine's adapter reports a slower link than the adapter under " +
    "test. A TAP adapter's speed is whatever its driver announces: an older tap-windows6 on the support machine " +
    'announces 100 Mbit/s while the driver under test announces 1 Gbit/s.',
  remedy:
    'Install the same tap-windows6 build on the support machine as on the client, check that both TAP adapters now ' +
    'report the same link speed (Get-NetAdapter), then rerun E2EPerf.',
  source: { document: wiki, section: 'NDISTest 6.5 - 2 Machine - E2EPerf' },
};

export const packetTransmissionTooSlow: KnownFailure = {
  id: 'packetTransmissionTooSlow',
  title: 'Too few packets arrived in time',
  logKinds: ['hlkTask', 'hlkExecutionAgent'],
  signatures: [
    { contains: 'Expected minimum of', pattern: /Expected minimum of \d+ packets but we received \d+ packets/i },
  ],
  meaning:
    'Once the sender has finished, NDISTest waits one second for the receiver to count the packets; fewer than the ' +
    'minimum had arrived. Over the VPN this means packets travelled too slowly, and OpenVPN writing a verbose log ' +
    'slows it down further.',
  remedy:
    "Turn OpenVPN's logging down (a low verb value) on the VPN peers, restart the OpenVPN service, rerun the test.",
  source: { document: wiki, section: 'Various test issues: Packet transmission too slow' },
};

export const packetsReordered: KnownFailure = {
  id: 'packetsReordered',
  title: 'Packets were reordered on the way (out-of-order indications)',
  logKinds: ['hlkTask', 'hlkExecutionAgent'],
  signatures: [
    { contains: 'Out of order indication', pattern: /Out of order indications?\b(?!\s*[:=]\s*0+\b)/i },
    { contains: 'Dropped indications', pattern: /Dropped indications(?!\s*[:=]\s*0+\b)/i },
  ],
  meaning:
    "NDISTest's protocol driver asserts when packets reach it in another order than they were sent (packets that are " +
    'merely lost do not fail the test). OpenVPN has race conditions that reorder a packet now and then: the wiki saw ' +
    'it two or three times in dozens of runs.',
  remedy: 'Rerun the test; reordering is rare and a rerun normally passes.',
  source: { document: wiki, section: 'Various test issues: Packets reordering' },
};

export const protocolDriverBreakpoint: KnownFailure = {
  id: 'protocolDriverBreakpoint',
  title: "NDISTest's protocol driver stopped on a breakpoint",
  logKinds: ['hlkTask', 'hlkExecutionAgent'],
  signatures: [
    {
      contains: 'hit in the protocol driver',
      pattern: /\b[1-9]\d* total breakpoints? (?:were|was) hit in the protocol driver/i,
    },
  ],
  meaning:
    "NDISTest's own protocol driver hit an internal assertion while the test ran. The wiki sees this with reordered " +
    'packets, and in 2c_Mini6Stress with packets that were never confirmed. With no kernel debugger attached, such a ' +
    'breakpoint crashes the machine.',
  remedy:
    'Rerun the test. For 2c_Mini6Stress, attach a kernel debugger first and answer the breakpoint with ' +
    '"Always ignore" (l); the test then passes.',
  source: { document: wiki, section: 'Packets reordering; NDISTest 6.0 - 2 machine - 2c_Mini6Stress' },
};
