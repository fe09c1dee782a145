import type { ProvisioningSettings } from '../../shared/provisioning';
import { ndisTestBinaries, type ReadinessSettingsInput } from '../../shared/readiness/settings';
import { practiceCertificate } from './practice-certificate';
import { DRIVER_STORE_FOLDER, SUBMISSION_FOLDER, tapPackageFolder } from './practice-driver-packages';
import {
  compatPlaylists,
  LAN_BASE,
  LAN_PM,
  lanTestList,
  pastRun,
  server2019Platform,
  type SimulatedHlkMachine,
  type SimulatedHlkProject,
  type SimulatedHlkRun,
  type SimulatedHlkTarget,
} from './hlk-model';
import type {
  SimulatedAdapter,
  SimulatedCertificate,
  SimulatedDriverPackage,
  SimulatedHostSpec,
  SimulatedOpenVpn,
  SimulatedService,
  SimulatedStoredFile,
  SimulatedSystem,
  SimulatedTapdiag,
} from './simulated-host';

/**
 * The practice lab's scenarios: an HLK 1809 lab as the OpenVPN wiki describes it (a controller on
 * Windows Server 2016, clients and a support machine on Windows Server 2019, 10.0.17763, linked over a
 * bridged OpenVPN tunnel with static IPv6 addresses on the TAP adapters), in three states:
 *
 * - ready: everything a tap-windows6 pass needs is in place, and the pass is under way in HLK;
 * - fresh: Windows and the HLK controller installed, nothing on the clients prepared yet;
 * - broken: the wiki's failures, spread over the machines and over HLK;
 * - running: the lab ready and a pass in progress on the HLK clock, with a test that hangs, one that fails,
 *   a flaky one, and a client that drops out of Ready mid-pass.
 */

export const scenarioNames = ['ready', 'fresh', 'broken', 'running'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export function isScenarioName(name: string): name is ScenarioName {
  return (scenarioNames as readonly string[]).includes(name);
}

export interface Scenario {
  hosts: SimulatedHostSpec[];
  /** The lab file's readiness settings for this lab (the practice lab adds the certificate file). */
  readiness: ReadinessSettingsInput;
  /** The lab file's provisioning section: where the machines hold what preparing them installs. */
  provisioning?: ProvisioningSettings;
}

const GB = 1024 ** 3;
const STUDIO = 'C:\\Program Files (x86)\\Windows Kits\\10\\Hardware Lab Kit\\Studio\\';
const TESTS = 'C:\\Program Files (x86)\\Windows Kits\\10\\Hardware Lab Kit\\Tests';
const POOL_NAME = 'tap-windows6';
const POOL = `$\\${POOL_NAME}`;
const PROJECT = 'tap-windows6';
const PLAYLISTS = 'C:\\HLK\\Playlists';
const TAPDIAG = 'C:\\Program Files\\TAP-Windows\\bin\\tapdiag.exe';
const VPN_PREFIX = '2001:db8:6666::';
const OPENVPN_SERVICES = ['OpenVPNService', 'OpenVPNServiceLegacy'];

const TAP_CURRENT = { version: '9.24.6.601', date: '06/02/2021', linkSpeedBps: 1e9 };
/** An old tap-windows6 that still advertises 100 Mbps (the wiki's E2EPerf failure). */
const TAP_OLD = { version: '9.21.2.0', date: '04/26/2016', linkSpeedBps: 1e8 };

const server2019: SimulatedSystem = {
  computerName: '',
  osVersion: '10.0.17763.0',
  ubr: 1879,
  productName: 'Windows Server 2019 Standard',
  edition: 'ServerStandard',
  releaseId: '1809',
  cores: 4,
  logicalProcessors: 8,
  hardware: 'Dell Inc. OptiPlex 7070',
  isVirtual: false,
  pendingReboot: [],
  powershellVersion: '5.1.17763.1852',
  elevated: true,
  // Windows counts whole bytes.
  systemDriveFreeBytes: Math.round(84.2 * GB),
  systemDriveTotalBytes: Math.round(237.9 * GB),
};

const controllerSystem: SimulatedSystem = {
  ...server2019,
  computerName: 'HLK-CONTROLLER',
  osVersion: '10.0.14393.0',
  ubr: 4169,
  productName: 'Windows Server 2016 Standard',
  releaseId: '1607',
  cores: 2,
  logicalProcessors: 2,
  hardware: 'innotek GmbH VirtualBox',
  isVirtual: true,
  powershellVersion: '5.1.14393.4169',
};

function clientServices(hlk: boolean, openvpn: 'running' | 'stopped-manual' | 'absent'): SimulatedService[] {
  const services: SimulatedService[] = [];
  if (hlk) services.push({ name: 'HLKSvc', displayName: 'HLK Communication Service', status: 'Running', startType: 'Automatic' });
  if (openvpn === 'running') services.push({ name: 'OpenVPNService', displayName: 'OpenVPNService', status: 'Running', startType: 'Automatic' });
  if (openvpn === 'stopped-manual') services.push({ name: 'OpenVPNService', displayName: 'OpenVPNService', status: 'Stopped', startType: 'Manual' });
  if (openvpn !== 'absent') services.push({ name: 'OpenVPNServiceLegacy', displayName: 'OpenVPN Legacy Service', status: 'Stopped', startType: 'Manual' });
  services.push({ name: 'sshd', displayName: 'OpenSSH SSH Server', status: 'Running', startType: 'Automatic' });
  return services;
}

function lanAdapter(name: string, ipv4: string, n: number): SimulatedAdapter {
  return {
    name,
    interfaceDescription: 'Intel(R) Ethernet Connection (7) I219-LM',
    ifIndex: 6,
    status: 'Up',
    linkSpeedBps: 1e9,
    macAddress: `A4-BB-6D-40-${hex2(n >> 8)}-${hex2(n)}`,
    driverVersion: '12.18.9.10',
    componentId: 'PCI\\VEN_8086&DEV_15BB',
    addresses: [{ address: ipv4, family: 'IPv4', prefixLength: 16 }],
  };
}

function tapAdapter(name: string, address: string, gateway: string | null, n: number, driver = TAP_CURRENT): SimulatedAdapter {
  return {
    name,
    interfaceDescription: 'TAP-Windows Adapter V9',
    ifIndex: 12,
    status: 'Up',
    linkSpeedBps: driver.linkSpeedBps,
    macAddress: `00-FF-6A-3C-${hex2(n >> 8)}-${hex2(n)}`,
    driverVersion: driver.version,
    componentId: 'tap0901',
    addresses: [
      { address, family: 'IPv6', prefixLength: 64 },
      { address: `fe80::2ff:6aff:fe3c:${(n & 0xffff).toString(16)}`, family: 'IPv6', prefixLength: 64 },
    ],
    ipv6Gateway: gateway,
    connectedBy: OPENVPN_SERVICES,
  };
}

function hex2(n: number): string {
  return (n & 0xff).toString(16).toUpperCase().padStart(2, '0');
}

function tapPackage(oem: number, driver = TAP_CURRENT): SimulatedDriverPackage {
  return {
    publishedName: `oem${oem}.inf`,
    originalName: 'oemvista.inf',
    provider: 'TAP-Windows Provider V9',
    className: 'Network adapters',
    version: driver.version,
    date: driver.date,
  };
}

/** Drivers every machine has in its store besides the driver under test. */
const otherPackages: SimulatedDriverPackage[] = [
  { publishedName: 'oem3.inf', originalName: 'e1d68x64.inf', provider: 'Intel', className: 'Network adapters', version: '12.18.9.10', date: '03/18/2020' },
];

function openvpn(verb: number, remote: string): SimulatedOpenVpn {
  return {
    installDir: 'C:\\Program Files\\OpenVPN\\',
    version: '2.5.8',
    configs: [
      {
        path: 'C:\\Program Files\\OpenVPN\\config\\hlk.ovpn',
        text: `dev tap\nmode p2p\ncipher AES-256-CBC\nsecret hlk.key\nremote ${remote}\nverb ${verb}\n`,
      },
    ],
  };
}

function trusted(): SimulatedCertificate[] {
  const c = practiceCertificate();
  return (['Root', 'TrustedPublisher'] as const).map((store) => ({ store, subject: c.subject, thumbprint: c.thumbprint, notAfter: c.notAfter }));
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

interface LabShape {
  clients: number;
  supports: number;
}

interface MachinePlan {
  name: string;
  role: 'client' | 'support';
  computerName: string;
  /** 1-based among its role. */
  index: number;
  /** Unique across the lab, for addresses. */
  n: number;
  tapAddress: string;
  lanAddress: string;
}

function plan(shape: LabShape): MachinePlan[] {
  const machines: MachinePlan[] = [];
  for (let i = 1; i <= shape.clients; i++) {
    machines.push({
      name: `client${i}`,
      role: 'client',
      computerName: `HLK-CLIENT${i}`,
      index: i,
      n: i,
      tapAddress: `${VPN_PREFIX}${(0x10 + i).toString(16)}`,
      lanAddress: `10.0.${Math.floor(i / 200)}.${(i % 200) + 20}`,
    });
  }
  for (let i = 1; i <= shape.supports; i++) {
    machines.push({
      name: i === 1 ? 'support' : `support${i}`,
      role: 'support',
      computerName: i === 1 ? 'HLK-SUPPORT' : `HLK-SUPPORT${i}`,
      index: i,
      n: 0x8000 + i,
      tapAddress: `${VPN_PREFIX}${(1 + i).toString(16)}`,
      lanAddress: `10.0.250.${i + 10}`,
    });
  }
  return machines;
}

interface HlkState {
  machines: SimulatedHlkMachine[];
  pools: string[];
  projects: SimulatedHlkProject[];
}

function controller(hlk: HlkState, shareHolds: string[] = ndisTestBinaries): SimulatedHostSpec {
  return {
    name: 'controller',
    role: 'controller',
    user: 'Administrator',
    password: 'practice-controller',
    system: controllerSystem,
    services: [
      { name: 'HLKSvc', displayName: 'HLK Service', status: 'Running', startType: 'Automatic' },
      { name: 'WTTSvc', displayName: 'HLK Server Service', status: 'Running', startType: 'Automatic' },
      { name: 'sshd', displayName: 'OpenSSH SSH Server', status: 'Running', startType: 'Automatic' },
    ],
    adapters: [lanAdapter('Ethernet', '10.0.250.1', 0)],
    hlkStudio: {
      directory: STUDIO,
      missingAssemblies: [],
      controller: 'HLK-CONTROLLER',
      database: 'DTMJobs',
      machines: hlk.machines,
      pools: hlk.pools,
      projects: hlk.projects,
      features: [LAN_BASE, LAN_PM],
      playlists: compatPlaylists(PLAYLISTS),
      inUse: false,
      testStepMs: 5000,
    },
    shares: [{ name: 'tests', path: TESTS, holds: shareHolds }],
    listening: [
      { port: 1771, service: 'WTTSvc' },
      { port: 1782, service: 'HLKSvc' },
      { port: 445 },
    ],
    signing: { testSigning: false, testSigningActive: false, secureBoot: false },
    driverFolders: [tapPackageFolder(SUBMISSION_FOLDER, TAP_CURRENT)],
  };
}

function hlkMachine(m: MachinePlan, status: SimulatedHlkMachine['status'], heartbeatMinutesAgo: number): SimulatedHlkMachine {
  return { name: m.computerName, pool: POOL, status, lastHeartbeat: minutesAgo(heartbeatMinutesAgo), platform: server2019Platform };
}

/** The TAP adapter as HLK Studio's Selection tab offers it on a machine, with the features HLK detected and any added. */
function tapTarget(m: MachinePlan, features: string[]): SimulatedHlkTarget {
  return tapTargetOf(m.computerName, features);
}

function tapTargetOf(computerName: string, features: string[]): SimulatedHlkTarget {
  return { name: 'TAP-Windows Adapter V9', key: 'root\\tap0901', machine: computerName, features };
}

const tapdiagReady: SimulatedTapdiag = { toolPath: TAPDIAG, driverSupportsEndpoint: true, registryEnabled: true };
const tapdiagAbsent: SimulatedTapdiag = { toolPath: null, driverSupportsEndpoint: false, registryEnabled: false };

/** VBS and HVCI configured in the DeviceGuard key and running (Microsoft's HVCI page). */
const hvciOn = {
  capable: true,
  registry: { EnableVirtualizationBasedSecurity: 1, RequirePlatformSecurityFeatures: 1, HypervisorEnforcedCodeIntegrity: 1 },
  running: true,
};

/** A prepared client or support machine, as the wiki leaves it after its setup. */
function preparedMachine(m: MachinePlan, supportAddress: string): SimulatedHostSpec {
  const isSupport = m.role === 'support';
  return {
    name: m.name,
    role: m.role,
    user: 'Administrator',
    password: `practice-${m.name}`,
    system: { ...server2019, computerName: m.computerName },
    services: clientServices(true, 'running'),
    adapters: [
      lanAdapter('MessageDevice', m.lanAddress, m.n),
      tapAdapter(isSupport ? 'SupportDevice0' : 'Ethernet 2', m.tapAddress, isSupport ? `${VPN_PREFIX}11` : supportAddress, m.n),
    ],
    signing: { testSigning: true, testSigningActive: true, secureBoot: false },
    certificates: trusted(),
    driverStore: [...otherPackages, tapPackage(12)],
    driverFolders: [tapPackageFolder(DRIVER_STORE_FOLDER, TAP_CURRENT)],
    openvpn: openvpn(3, isSupport ? '10.0.0.21' : '10.0.250.11'),
    tapdiag: tapdiagReady,
    deviceGuard: hvciOn,
    verifier: { drivers: ['tap0901.sys'], flags: 0x02000000 },
  };
}

/** Where the practice lab's fresh machines hold the driver under test, as an operator would have copied it. */
export const PRACTICE_DRIVER_FOLDER = 'C:\\HLK\\driver';

/**
 * A small stand-in for tap-windows6's driver folder: its INF (the [Version] and [Strings] lines an install
 * reads, and the model line with the hardware ids), the driver and catalog, and tapinstall.exe.
 */
export function practiceDriverFolder(folder = PRACTICE_DRIVER_FOLDER, driver = TAP_CURRENT, withTapinstall = true): SimulatedStoredFile[] {
  const inf = [
    '[Version]',
    'Signature   = "$Windows NT$"',
    'Class       = Net',
    'ClassGUID   = {4d36e972-e325-11ce-bfc1-08002be10318}',
    'Provider    = %Provider%',
    'CatalogFile = tap0901.cat',
    `DriverVer   = ${driver.date},${driver.version}`,
    '',
    '[Manufacturer]',
    '%Provider% = tap0901, NTamd64',
    '',
    '[tap0901.NTamd64]',
    '%DeviceDescription% = tap0901.ndi, root\\tap0901, tap0901',
    '',
    '[Strings]',
    'Provider          = "TAP-Windows Provider V9"',
    'DeviceDescription = "TAP-Windows Adapter V9"',
    '',
  ].join('\r\n');
  const files: SimulatedStoredFile[] = [
    { path: `${folder}\\OemVista.inf`, text: inf },
    { path: `${folder}\\tap0901.sys`, text: '' },
    { path: `${folder}\\tap0901.cat`, text: '' },
  ];
  if (withTapinstall) files.push({ path: `${folder}\\tapinstall.exe`, text: '' });
  return files;
}

/** A client or support machine with Windows and SSH only: nothing of the pass set up yet. */
function freshMachine(m: MachinePlan): SimulatedHostSpec {
  return {
    name: m.name,
    role: m.role,
    user: 'Administrator',
    password: `practice-${m.name}`,
    system: { ...server2019, computerName: m.computerName },
    services: clientServices(false, 'absent'),
    adapters: [lanAdapter('Ethernet', m.lanAddress, m.n)],
    signing: { testSigning: false, testSigningActive: false, secureBoot: false },
    driverStore: [...otherPackages],
    openvpn: null,
    tapdiag: tapdiagAbsent,
    storedFiles: practiceDriverFolder(),
  };
}

const readiness: ReadinessSettingsInput = {
  hlkVersion: '1809',
  controllerAddress: 'HLK-CONTROLLER',
  vpnPeerAddress: `${VPN_PREFIX}2`,
  testCertificate: { subject: 'WDKTestCert' },
  tapdiagPath: TAPDIAG,
  hlk: { project: PROJECT, pool: POOL_NAME, playlistFolder: PLAYLISTS },
};

/** Everything ready, for a lab of the given shape (the benchmark's large labs use it too). */
export function readyScenario(shape: LabShape = { clients: 2, supports: 1 }): Scenario {
  const machines = plan(shape);
  const supportPlan = machines.find((m) => m.role === 'support');
  const supportAddress = supportPlan?.tapAddress ?? `${VPN_PREFIX}2`;
  const clients = machines.filter((m) => m.role === 'client');
  // The pass is under way: the project has its LAN product type and the Server playlist; most tests passed,
  // LinkCheck and 2c_Priority (which need tapdiag by hand) have not run yet.
  const client = clients[0]!.computerName;
  const support = supportPlan?.computerName ?? null;
  const passed = (hoursAgo: number) => [pastRun('Passed', client, support, hoursAgo)];
  const project: SimulatedHlkProject = {
    name: PROJECT,
    createdAt: minutesAgo(3 * 24 * 60),
    modifiedAt: minutesAgo(60),
    pool: POOL,
    platform: server2019Platform,
    targets: clients.map((m) => tapTarget(m, [LAN_BASE, LAN_PM])),
    playlist: `${PLAYLISTS}\\HLK Version 1809 CompatPlaylist x64 Server.xml`,
    tests: lanTestList({
      addressChange: passed(30),
      e2ePerf: passed(29),
      faultHandling: passed(28),
      registry: passed(27),
      mini6Stress: passed(26),
      tdiFilters: passed(25),
      staticTools: passed(24),
      checkConnectivity: passed(23),
      standardizedKeywords: passed(22),
    }),
  };
  const hlk: HlkState = { machines: machines.map((m) => hlkMachine(m, 'Ready', 0.5)), pools: [POOL_NAME], projects: [project] };
  return { hosts: [controller(hlk), ...machines.map((m) => preparedMachine(m, supportAddress))], readiness };
}

/** Windows, SSH and the HLK controller installed; the clients and the support machine not prepared at all. */
export function freshScenario(): Scenario {
  const machines = plan({ clients: 2, supports: 1 });
  return {
    hosts: [controller({ machines: [], pools: [], projects: [] }), ...machines.map(freshMachine)],
    readiness,
    provisioning: { driverFolder: PRACTICE_DRIVER_FOLDER },
  };
}

/** The wiki's failure modes, spread over the lab. */
export function brokenScenario(): Scenario {
  const machines = plan({ clients: 2, supports: 1 });
  const [c1, c2, support] = machines as [MachinePlan, MachinePlan, MachinePlan];
  const supportAddress = support.tapAddress;
  // The support machine joined the pool before the clients, so HLK took it for a machine with the driver under
  // test too; the TAP target lacks Device.Network.LAN.PM, so the project has no LAN product type; no playlist
  // is loaded; and the tests the wiki's failures break have failed.
  const hlkMachines = [hlkMachine(support, 'Ready', 0.5), hlkMachine(c1, 'NotReady', 42), hlkMachine(c2, 'Ready', 0.5)];
  const failed = (hoursAgo: number) => [pastRun('Failed', c1.computerName, support.computerName, hoursAgo)];
  const passed = (hoursAgo: number) => [pastRun('Passed', c1.computerName, support.computerName, hoursAgo)];
  const project: SimulatedHlkProject = {
    name: PROJECT,
    createdAt: minutesAgo(5 * 24 * 60),
    modifiedAt: minutesAgo(90),
    pool: POOL,
    platform: server2019Platform,
    targets: [tapTarget(c1, [LAN_BASE]), tapTarget(support, [LAN_BASE])],
    playlist: null,
    tests: lanTestList({
      e2ePerf: failed(20),
      faultHandling: failed(19),
      registry: failed(18),
      priority: failed(17),
      tdiFilters: failed(16),
      checkConnectivity: passed(15),
      standardizedKeywords: passed(14),
    }),
  };
  const hlk: HlkState = { machines: hlkMachines, pools: [POOL_NAME], projects: [project] };
  // 1c_FaultHandling's "Cannot Find Pattern": only ntndis51 made it onto the share.
  const ctl = controller(hlk, ndisTestBinaries.filter((f) => f.includes('ntndis51')));
  // The package kept for the submission was touched after signing: tap0901.sys rebuilt, a README added,
  // and the INF names a catalog that is not there.
  ctl.driverFolders = [
    tapPackageFolder(SUBMISSION_FOLDER, TAP_CURRENT, {
      rebuiltAfterSigning: true,
      infNamesCatalog: 'tap0901-amd64.cat',
      extraFiles: [{ name: 'README.txt', text: 'tap-windows6 HLK build', signer: null }],
    }),
  ];

  // client1: OpenVPNService stopped and Manual, verb 11, an Unavailable R: mapping, a stale duplicate of
  // the driver package, and NotReady in HLK.
  const client1 = preparedMachine(c1, supportAddress);
  client1.services = clientServices(true, 'stopped-manual');
  client1.openvpn = openvpn(11, '10.0.250.11');
  client1.driveMappings = [{ localPath: 'R:', remotePath: '\\\\HLK-CONTROLLER\\HLKInstall', status: 'Unavailable' }];
  client1.driverStore = [...otherPackages, tapPackage(7, TAP_OLD), tapPackage(12)];
  // The driver it runs was built before the one kept for the submission.
  client1.driverFolders = [tapPackageFolder(DRIVER_STORE_FOLDER, TAP_OLD)];
  client1.tapdiag = { toolPath: TAPDIAG, driverSupportsEndpoint: true, registryEnabled: false };

  // client2: a 2-core VirtualBox VM on Windows Server 1903 (not HLK 1809's build), test signing off, the
  // test certificate missing, a pending reboot, its LAN adapter lost its name, no IPv6 gateway on the TAP.
  const client2 = preparedMachine(c2, supportAddress);
  client2.system = {
    ...client2.system,
    osVersion: '10.0.18362.0',
    ubr: 1256,
    productName: 'Windows Server Datacenter',
    edition: 'ServerDatacenter',
    releaseId: '1903',
    cores: 2,
    logicalProcessors: 2,
    hardware: 'innotek GmbH VirtualBox',
    isVirtual: true,
    pendingReboot: ['Windows Update'],
  };
  client2.signing = { testSigning: false, testSigningActive: false, secureBoot: false };
  client2.certificates = [];
  client2.adapters = [lanAdapter('Ethernet', c2.lanAddress, c2.n), tapAdapter('Ethernet 2', c2.tapAddress, null, c2.n)];
  client2.tapdiag = { toolPath: null, driverSupportsEndpoint: true, registryEnabled: false };

  // support: an old tap-windows6 advertising 100 Mbps, and both adapters lost their names.
  const supportHost = preparedMachine(support, supportAddress);
  supportHost.adapters = [lanAdapter('Ethernet', support.lanAddress, support.n), tapAdapter('Ethernet 3', support.tapAddress, `${VPN_PREFIX}11`, support.n, TAP_OLD)];
  supportHost.driverStore = [...otherPackages, tapPackage(9, TAP_OLD)];
  supportHost.driverFolders = [tapPackageFolder(DRIVER_STORE_FOLDER, TAP_OLD)];
  // tapdiag came with tap-windows6's HLK work: the old driver has no endpoint.
  supportHost.tapdiag = { toolPath: TAPDIAG, driverSupportsEndpoint: false, registryEnabled: false };

  return { hosts: [ctl, client1, client2, supportHost], readiness };
}

/** When things happen in the 'running' pass, in minutes of HLK time after the practice lab starts. */
export const runningPass = {
  /** client2 leaves Ready (its heartbeats stop): what runs on it goes on, nothing new starts there. */
  client2DropsAt: 70,
  /** 2c_Mini6Stress (an estimated 60 minutes) started 50 minutes before the start on client1 and never ends. */
  hangStartedAgo: 50,
} as const;

/**
 * A pass in progress on a ready lab: the project's tests share two clients, one test at a time on each. On
 * client1, 2c_Mini6Stress runs and hangs, with 1c_Registry queued behind it. On client2, AddressChange
 * runs, then E2EPerf (which fails: the support machine's old TAP driver advertises 100 Mbps to the client's
 * 1 Gbps), CheckConnectivity and 1c_FaultHandling; client2 drops out of Ready 70 minutes in. CheckConnectivity
 * is flaky: its earlier runs in this project passed and failed by turns. Move the clock on to watch it.
 */
export function runningScenario(): Scenario {
  const scenario = readyScenario();
  const start = Date.now();
  const min = 60_000;
  const [ctl, c1, c2, supportHost] = scenario.hosts as [SimulatedHostSpec, SimulatedHostSpec, SimulatedHostSpec, SimulatedHostSpec];
  const studio = ctl.hlkStudio!;
  const project = studio.projects[0]!;
  const client1 = c1.system.computerName;
  const client2 = c2.system.computerName;
  const support = supportHost.system.computerName;
  const queued = (client: string, minutesIn: number, runMinutes: number, more: Partial<SimulatedHlkRun> = {}): SimulatedHlkRun => ({
    queuedAt: start + minutesIn * min,
    client,
    support,
    status: 'InQueue',
    runMs: runMinutes * min,
    // Queued before the lab started: LinkCheck counts the tapdiag link changes from the start.
    linkChangesAtQueue: 0,
    ...more,
  });
  const past = (status: 'Passed' | 'Failed', hoursAgo: number, minutes: number) => pastRun(status, client2, support, hoursAgo, minutes);
  project.targets = [c1, c2].map((h) => tapTargetOf(h.system.computerName, [LAN_BASE, LAN_PM]));
  project.tests = lanTestList({
    staticTools: [past('Passed', 3, 4)],
    tdiFilters: [past('Passed', 2.5, 6)],
    standardizedKeywords: [past('Passed', 2, 5)],
    linkCheck: [past('Passed', 1.5, 14)],
    priority: [past('Passed', 1, 22)],
    mini6Stress: [{ ...queued(client1, -runningPass.hangStartedAgo - 1, 60, { hangs: true }), status: 'Running', startedAt: start - runningPass.hangStartedAgo * min }],
    registry: [queued(client1, -runningPass.hangStartedAgo, 14)],
    addressChange: [{ ...queued(client2, -5, 12), status: 'Running', startedAt: start - 4 * min }],
    e2ePerf: [queued(client2, -4, 25)],
    checkConnectivity: [past('Failed', 30, 9), past('Passed', 26, 10), past('Failed', 22, 9), past('Passed', 20, 11), queued(client2, -3, 10)],
    faultHandling: [queued(client2, -2, 40)],
  });
  // Runs queued a step ago start at once; the pass is measured in minutes.
  studio.testStepMs = min;
  studio.machineDrops = [{ machine: client2, at: start + runningPass.client2DropsAt * min }];
  // The support machine kept an old tap-windows6 that advertises 100 Mbps: E2EPerf fails (the wiki's failure).
  const tap = supportHost.adapters.find((a) => a.name === 'SupportDevice0')!;
  tap.linkSpeedBps = 1e8;
  return scenario;
}

export const scenarios: Record<ScenarioName, () => Scenario> = {
  ready: () => readyScenario(),
  fresh: freshScenario,
  broken: brokenScenario,
  running: runningScenario,
};
