import type { MachineRole } from '../lab';

/**
 * What a log collection fetches from each machine, by role. Written to be reviewed by an HLK operator:
 * every item says what it is and why it is worth having when a pass fails.
 *
 * - `files`: paths on the machine. `%Variable%` is the machine's environment variable, `*` and `?` match
 *   within one name, `\**\` matches any depth of folders, and a folder means every file under it.
 * - `eventLog`: an event log channel, exported with `wevtutil epl`; `*` matches channel names, so a channel
 *   that only some installations have is taken where it exists.
 * - `snapshot`: a command run on the machine and its output kept as a text file. The commands themselves
 *   are fixed in the preparation script (shared/operations/scripts/logs-prepare.ps1); the plan names them.
 *
 * The operator can add paths of their own for one collection.
 */

/** The snapshots logs-prepare.ps1 knows how to take. */
export const snapshotIds = ['ipconfig-all', 'net-use', 'verifier-query', 'pnputil-drivers', 'bcdedit-enum', 'adapters'] as const;
export type SnapshotId = (typeof snapshotIds)[number];

interface PlanItemBase {
  id: string;
  title: string;
  why: string;
  roles: readonly MachineRole[];
}

export interface PlanFiles extends PlanItemBase {
  kind: 'files';
  paths: readonly string[];
}

export interface PlanEventLog extends PlanItemBase {
  kind: 'eventLog';
  channels: readonly string[];
}

export interface PlanSnapshot extends PlanItemBase {
  kind: 'snapshot';
  snapshot: SnapshotId;
  /** The command as the preparation script runs it. */
  command: string;
}

export type PlanItem = PlanFiles | PlanEventLog | PlanSnapshot;

const everyRole: readonly MachineRole[] = ['controller', 'client', 'support'];
const testMachines: readonly MachineRole[] = ['client', 'support'];

export const collectionPlan: readonly PlanItem[] = [
  {
    kind: 'files',
    id: 'setupapi',
    title: 'Device installation log (setupapi.dev.log)',
    why: 'Every driver install, update and failure, section by section: why tap0901 did or did not install, signature problems, the INF chosen.',
    roles: testMachines,
    paths: ['%SystemRoot%\\INF\\setupapi.dev.log', '%SystemRoot%\\INF\\setupapi.dev.*.log', '%SystemRoot%\\INF\\setupapi.app.log'],
  },
  {
    kind: 'files',
    id: 'hlk-jobs',
    title: 'HLK job working folders (task logs)',
    why: 'The logs of each task the HLK client ran (WTTJobRun… folders), such as the "Failed to Copy File" causes of 1c_FaultHandling.',
    roles: testMachines,
    paths: ['%SystemDrive%\\HLK\\JobsWorkingDir\\**\\*.wtl', '%SystemDrive%\\HLK\\JobsWorkingDir\\**\\*.log', '%SystemDrive%\\HLK\\JobsWorkingDir\\**\\*.txt'],
  },
  {
    kind: 'files',
    id: 'hlk-execution-agent',
    title: 'HLK client execution agent logs (WttEa.log)',
    why: 'The infrastructure log behind "Execution Logs" in HLK Studio: share access errors, stale drive mappings, task timeouts. Default install folder; add the folder if the client is installed elsewhere.',
    roles: testMachines,
    paths: ['%ProgramFiles(x86)%\\Windows Kits\\10\\Hardware Lab Kit\\Client\\**\\*.log'],
  },
  {
    kind: 'files',
    id: 'openvpn',
    title: 'OpenVPN logs',
    why: 'Whether the VPN link between client and support machine was up, when it came and went, and which TAP adapter it used.',
    roles: testMachines,
    paths: ['%ProgramFiles%\\OpenVPN\\log\\*.log', '%SystemDrive%\\Users\\*\\OpenVPN\\log\\*.log'],
  },
  {
    kind: 'files',
    id: 'minidumps',
    title: 'Kernel minidumps',
    why: 'A bug check during a test (2c_Mini6Stress breakpoints, a driver crash) leaves a small memory dump for the debugger.',
    roles: testMachines,
    paths: ['%SystemRoot%\\Minidump\\*.dmp'],
  },
  {
    kind: 'files',
    id: 'device-guard-readiness',
    title: 'Device Guard readiness logs (C:\\DGLogs)',
    why: 'The DG_Readiness_Tool output: which kernel modules are incompatible with HVCI and why.',
    roles: testMachines,
    paths: ['%SystemDrive%\\DGLogs'],
  },
  {
    kind: 'files',
    id: 'hlk-controller-logs',
    title: 'HLK controller logs (WTTSystemLogs)',
    why: 'The controller services\' own logs: machines leaving Ready, duplicate database keys, scheduling failures.',
    roles: ['controller'],
    paths: ['%ProgramFiles(x86)%\\Windows Kits\\10\\Hardware Lab Kit\\Controller\\WTTSystemLogs'],
  },
  {
    kind: 'eventLog',
    id: 'eventlog-system',
    title: 'System event log',
    why: 'Unexpected reboots and bug checks, service crashes and restarts, driver load failures.',
    roles: everyRole,
    channels: ['System'],
  },
  {
    kind: 'eventLog',
    id: 'eventlog-application',
    title: 'Application event log',
    why: 'The HLK controller logs most of its problems here; test crashes and the OpenVPN service too.',
    roles: everyRole,
    channels: ['Application'],
  },
  {
    kind: 'eventLog',
    id: 'eventlog-hlk',
    title: 'HLK and WTT event channels, where installed',
    why: 'Channels the HLK or WTT components register on this machine, if any.',
    roles: everyRole,
    channels: ['*HLK*', '*WTT*'],
  },
  {
    kind: 'eventLog',
    id: 'eventlog-kernel-pnp',
    title: 'Kernel Plug and Play configuration events',
    why: 'Device configuration and driver selection for each device, with problem codes.',
    roles: testMachines,
    channels: ['Microsoft-Windows-Kernel-PnP/Configuration'],
  },
  {
    kind: 'eventLog',
    id: 'eventlog-code-integrity',
    title: 'Code integrity events',
    why: 'Drivers blocked for their signature or for HVCI incompatibility.',
    roles: testMachines,
    channels: ['Microsoft-Windows-CodeIntegrity/Operational'],
  },
  {
    kind: 'snapshot',
    id: 'snapshot-verifier',
    title: 'Driver Verifier settings',
    why: 'Which drivers Driver Verifier checks and with which flags; HLK sets it up per test.',
    roles: testMachines,
    snapshot: 'verifier-query',
    command: 'verifier.exe /query',
  },
  {
    kind: 'snapshot',
    id: 'snapshot-driver-store',
    title: 'Driver store',
    why: 'Which tap0901 packages are in the driver store, with versions and signers: an older driver on the support machine fails E2EPerf.',
    roles: testMachines,
    snapshot: 'pnputil-drivers',
    command: 'pnputil.exe /enum-drivers',
  },
  {
    kind: 'snapshot',
    id: 'snapshot-ipconfig',
    title: 'IP configuration',
    why: 'Addresses, gateways and DNS of every adapter: HLK needs an IPv6 address on the TAP adapter.',
    roles: everyRole,
    snapshot: 'ipconfig-all',
    command: 'ipconfig.exe /all',
  },
  {
    kind: 'snapshot',
    id: 'snapshot-net-use',
    title: 'Mapped network drives',
    why: 'A stale or unavailable mapping to the controller breaks the execution agent (error 0x800704c3).',
    roles: everyRole,
    snapshot: 'net-use',
    command: 'net.exe use',
  },
  {
    kind: 'snapshot',
    id: 'snapshot-boot',
    title: 'Boot configuration',
    why: 'Test signing, kernel debugging and hypervisor settings of the installed Windows.',
    roles: testMachines,
    snapshot: 'bcdedit-enum',
    command: 'bcdedit.exe /enum',
  },
  {
    kind: 'snapshot',
    id: 'snapshot-adapters',
    title: 'Network adapter details',
    why: 'Every adapter with its driver, link speed and advanced properties (802.1Q, jumbo packets), hidden ones included.',
    roles: everyRole,
    snapshot: 'adapters',
    command: 'Get-NetAdapter -IncludeHidden | Format-List -Property *; Get-NetAdapterAdvancedProperty -AllProperties | Format-Table -AutoSize',
  },
];

/** The plan items that apply to a machine of this role. */
export function planFor(role: MachineRole): PlanItem[] {
  return collectionPlan.filter((item) => item.roles.includes(role));
}
