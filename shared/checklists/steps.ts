import { LAN_PM_FEATURE } from '../operations/hlk';
import { listing } from '../readiness/format';
import { hasLan, poolOrderVerdict, targetProblems } from '../hlk/verdicts';
import type { ChecklistStep, Judgement, StepContext } from './types';

/**
 * Steps more than one checklist uses. A step that a readiness check already verifies reuses that check
 * (and its fix), so a checklist and the readiness view never disagree about the same fact.
 */

const both = ['client', 'support'] as const;

function checkStep(id: string, check: string, title: string, what: string, roles: ChecklistStep['roles'], fixTitle?: string): ChecklistStep {
  return {
    id,
    title,
    what,
    roles,
    verification: { kind: 'check', check },
    ...(fixTitle ? { fix: { kind: 'check-fix' as const, check, title: fixTitle } } : {}),
  };
}

const lab = (ctx: StepContext) => [ctx.machine, ...ctx.clients, ...ctx.supports];

export const steps = {
  windowsBuild: checkStep(
    'windows-build',
    'windows-build',
    'Windows build matches the HLK kit',
    'Install the Windows release the kit is made for (HLK 1809: Windows Server 2019, build 17763). A client on another build sets up differently and fails tests for reasons that are not the driver\'s.',
    both,
  ),
  sameBuild: checkStep(
    'same-build',
    'same-build-as-clients',
    'Same Windows build as the clients',
    'Run the support machine on the clients\' build, so the machine that answers the client in two-machine tests behaves like it.',
    ['support'],
  ),
  coresAndHardware: checkStep(
    'four-cores',
    'processor-cores',
    'At least four processor cores',
    'Give a client that is certified for Windows Server at least four cores: LAN testing prerequisites ask for them, and the performance tests need them.',
    ['client'],
  ),
  physical: checkStep(
    'physical',
    'physical-machine',
    'A physical client',
    'Prefer a physical client: timing-sensitive tests such as AddressChange fail more often on a virtual machine.',
    ['client'],
  ),
  hlkClient: checkStep(
    'hlk-client',
    'hlk-client',
    'HLK client installed and running',
    'Install the HLK client from the controller\'s HLKInstall share and keep its service running and starting automatically: it is how the controller reaches the machine.',
    both,
    'Start the HLK client services',
  ),
  testSigning: checkStep(
    'test-signing',
    'test-signing',
    'Test signing on',
    'Turn test signing on (bcdedit /set testsigning on) and reboot: the driver under test is test-signed and loads only then.',
    both,
    'Turn test signing on, or reboot',
  ),
  testCertificate: checkStep(
    'test-certificate',
    'test-certificate',
    'Test certificate trusted',
    'Import the driver\'s test certificate into Root and TrustedPublisher, so the test-signed driver installs without a signature error.',
    both,
    'Import the test certificate',
  ),
  driverInstalled: checkStep(
    'driver-installed',
    'driver-installed',
    'Driver under test installed',
    'Install the test-signed tap-windows6 (tapinstall install OemVista.inf TAP0901). Use the same build on the clients and the support machine.',
    both,
  ),
  driverStore: checkStep(
    'driver-store',
    'driver-store',
    'One driver package in the driver store',
    'Remove older copies of the driver package from the driver store (pnputil), or a reinstall may silently use an old one.',
    both,
    'Remove the stale driver packages',
  ),
  driverVersion: checkStep(
    'driver-version',
    'driver-version-matches',
    'Same driver version as the clients',
    'Install the clients\' driver version on the support machine too: an old one on the support side makes two-machine tests fail.',
    ['support'],
  ),
  linkSpeed: checkStep(
    'link-speed',
    'link-speed-matches',
    'Link speed at least the clients\'',
    'Make the support adapter advertise at least the client\'s link speed (the same tap-windows6 version does): E2EPerf refuses a slower support adapter.',
    ['support'],
  ),
  openvpnInstalled: checkStep(
    'openvpn-installed',
    'openvpn-installed',
    'OpenVPN installed',
    'Install OpenVPN 2.x with a static-key peer-to-peer configuration (dev tap, mode p2p, secret hlk.key, remote <the other machine>).',
    both,
  ),
  staticKey: {
    id: 'static-key',
    title: 'The same static key on both ends of the tunnel',
    what: 'Generate the tunnel\'s shared secret once (openvpn --genkey --secret hlk.key) and copy that same file into OpenVPN\'s config folder on the clients and the support machine, named as the configuration\'s "secret" line says. hlk-assist never reads secret keys, so only you can tell; with different keys the tunnel never carries a packet.',
    roles: both,
    manual: { confirmation: 'This machine has the same hlk.key as the other end of the tunnel' },
  } satisfies ChecklistStep,
  openvpnService: checkStep(
    'openvpn-service',
    'openvpn-service',
    'OpenVPN service running, starting automatically',
    'Run OpenVPN as a service that starts by itself (Set-Service OpenVPNService -StartupType Automatic -Status Running; some have more luck with OpenVPNServiceLegacy): tests reboot machines, and the TAP adapter needs the tunnel back every time.',
    both,
    'Start OpenVPN and make it start automatically',
  ),
  openvpnVerbosity: checkStep(
    'openvpn-verbosity',
    'openvpn-verbosity',
    'OpenVPN logging low',
    'Keep verb at 3 or so: at high verbosity OpenVPN logs every packet, and the packet tests miss their deadlines.',
    both,
  ),
  tapIpv6: checkStep(
    'tap-ipv6',
    'tap-ipv6',
    'TAP adapter has an IPv6 address and gateway',
    'Give the TAP adapter a static IPv6 address and an IPv6 gateway (outside OpenVPN): "Run tests" fails consistently without the gateway.',
    both,
  ),
  vpnPing: checkStep(
    'vpn-ping',
    'vpn-ping',
    'Client pings over the VPN',
    'Make sure the client pings the support machine\'s TAP address and the VPN peer over IPv6: that proves the tunnel, the addresses and the routes.',
    ['client'],
  ),
  adapterNames: checkStep(
    'adapter-names',
    'adapter-names',
    'Adapters named MessageDevice and SupportDevice0',
    'Rename the adapters as HLK\'s LAN testing prerequisites ask: the LAN adapter that reaches the controller MessageDevice, and the support machine\'s TAP adapter SupportDevice0. A driver reinstall can lose the names; rename again before a test.',
    both,
    'Rename the adapters',
  ),
  networkDrives: checkStep(
    'network-drives',
    'network-drives',
    'No unavailable network drives',
    'Delete network drive mappings that show as Unavailable (net use R: /delete): the HLK execution agent stumbles over them.',
    both,
    'Delete the unavailable mappings',
  ),
  controllerPorts: checkStep(
    'controller-ports',
    'controller-ports',
    'Controller reachable on TCP 1771, 1782 and 445',
    'Open the HLK ports between the machine and the controller (a firewall or security group between them blocks the pass).',
    both,
  ),
  hlkReady: checkStep(
    'hlk-ready',
    'hlk-machine-status',
    'Ready in HLK',
    'Set the machine Ready in HLK (Configuration, Change Machine Status): HLK schedules tests only on Ready machines.',
    both,
    'Set it Ready in HLK',
  ),
  tapdiagTool: {
    id: 'tapdiag-tool',
    title: 'tapdiag.exe on the machine',
    what: 'Copy tapdiag.exe (from tap-windows6\'s HLK work) to the path the lab names (readiness.tapdiagPath): LinkCheck and 2c_Priority need it to change the link and 802.1Q.',
    roles: both,
    verification: {
      kind: 'reading',
      reading: 'tapdiagStatus',
      describe: 'tapdiag.status: the tool is at the lab\'s path',
      judge: (s): Judgement => (s.toolFound ? { ok: true, evidence: `tapdiag.exe is at ${s.toolPath}` } : { ok: false, evidence: `tapdiag.exe is not at ${s.toolPath}` }),
    },
  } satisfies ChecklistStep,
  tapdiagEnabled: (roles: ChecklistStep['roles']): ChecklistStep => ({
    id: 'tapdiag-enabled',
    title: 'tapdiag enabled in the TAP driver',
    what: 'Enable tapdiag (tapdiag /enable sets the driver\'s TapDiag registry value) and restart the TAP driver so it opens its tapdiag endpoint. Stopping OpenVPN first avoids a reboot; it is started again afterwards.',
    after: ['tapdiag-tool'],
    roles,
    verification: {
      kind: 'reading',
      reading: 'tapdiagStatus',
      describe: 'tapdiag.status: the TapDiag value is set and the endpoint opens',
      judge: (s): Judgement => {
        if (!s.toolFound) return { ok: false, evidence: `tapdiag.exe is not at ${s.toolPath}: copy it there first` };
        if (s.endpoint === 'open') return { ok: true, evidence: 'the driver\'s tapdiag endpoint opens' };
        if (s.endpoint === 'no-adapter') return { ok: false, evidence: 'there is no TAP adapter' };
        return { ok: false, evidence: s.registryEnabled ? 'TapDiag is set, but the endpoint is closed: the TAP adapter has not restarted since, or this driver has no tapdiag' : 'TapDiag is not set in the driver\'s registry key' };
      },
    },
    fix: { kind: 'action', action: 'tapdiag.enable', title: 'Enable tapdiag and restart the TAP adapter' },
  }),
  poolExists: {
    id: 'pool',
    title: 'A machine pool for the pass',
    what: 'Create a machine pool for the pass (the lab\'s readiness.hlk.pool). Machines in the Default Pool cannot be Ready.',
    roles: ['controller'],
    verification: {
      kind: 'reading',
      reading: 'hlkPools',
      describe: 'hlk.pools: a pool of that name exists',
      judge: (v, ctx): Judgement => {
        const pool = v.pools.find((p) => !p.isRoot && p.name.toLowerCase() === ctx.settings.hlk.pool.toLowerCase());
        return pool ? { ok: true, evidence: `${pool.path} holds ${pool.machines.length} machine(s)` } : { ok: false, evidence: `HLK has no pool named ${ctx.settings.hlk.pool}` };
      },
    },
    fix: { kind: 'operation', operation: 'hlk.createPool', runsOn: 'controller', title: 'Create the pool', params: (ctx) => ({ name: ctx.settings.hlk.pool }) },
  } satisfies ChecklistStep,
  poolOrder: {
    id: 'pool-order',
    title: 'Clients in the pool first, then the support machine',
    what: 'Move the clients into the pool first and the support machine after them: otherwise HLK may take the support machine for the one with the driver under test when you select the driver.',
    after: ['machines-known', 'pool'],
    roles: ['controller'],
    verification: {
      kind: 'reading',
      reading: 'hlkPools',
      describe: 'hlk.pools: every client and the support machine in the pool, the clients listed first',
      judge: (v, ctx): Judgement => {
        const verdict = poolOrderVerdict(v.pools, ctx.settings.hlk.pool, lab(ctx).filter((m) => m.role !== 'controller'));
        if (verdict.ok) return { ok: true, evidence: `${verdict.pool}: the clients, then the support machine` };
        const unread = lab(ctx).some((m) => m.role !== 'controller' && m.computerName === null);
        return { ok: unread ? null : false, evidence: verdict.problems.join('; ') };
      },
    },
    fix: {
      kind: 'operation',
      operation: 'hlk.arrangePool',
      runsOn: 'controller',
      title: 'Move the clients in first, then the support machine',
      params: (ctx) => ({
        pool: ctx.settings.hlk.pool,
        clients: ctx.clients.flatMap((m) => (m.computerName ? [m.computerName] : [])),
        supports: ctx.supports.flatMap((m) => (m.computerName ? [m.computerName] : [])),
      }),
    },
  } satisfies ChecklistStep,
  poolReady: {
    id: 'pool-ready',
    title: 'Every machine in the pool Ready',
    what: 'Set the clients and the support machine Ready once they are in the pool (a moved machine is NotReady until then).',
    after: ['pool-order'],
    roles: ['controller'],
    verification: {
      kind: 'reading',
      reading: 'hlkPools',
      describe: 'hlk.pools: the lab\'s machines in the pool are Ready',
      judge: (v, ctx): Judgement => {
        const verdict = poolOrderVerdict(v.pools, ctx.settings.hlk.pool, lab(ctx).filter((m) => m.role !== 'controller'));
        if (verdict.notReady.length > 0) return { ok: false, evidence: listing(verdict.notReady) };
        if (!verdict.ok) return { ok: false, evidence: verdict.problems.join('; ') };
        return { ok: true, evidence: `every lab machine in ${verdict.pool} is Ready` };
      },
    },
    fix: { kind: 'action', action: 'hlk.set-ready', title: 'Set them Ready' },
  } satisfies ChecklistStep,
  project: {
    id: 'project',
    title: 'An HLK project for the pass',
    what: 'Create the project (or open the one you work in): checklist progress is kept per project.',
    roles: ['controller'],
    verification: {
      kind: 'reading',
      reading: 'hlkProjects',
      describe: 'hlk.projects: a project of that name exists',
      judge: (v, ctx): Judgement => {
        const p = v.projects.find((x) => x.name.toLowerCase() === ctx.project.toLowerCase());
        return p ? { ok: true, evidence: `${p.name}: ${p.counts.total} tests, ${p.counts.passed} passed, ${p.counts.failed} failed` } : { ok: false, evidence: `HLK has no project named ${ctx.project}` };
      },
    },
    fix: { kind: 'action', action: 'hlk.create-project', title: 'Create the project' },
  } satisfies ChecklistStep,
  targets: {
    id: 'targets',
    title: 'The TAP adapter selected on the clients only',
    what: 'In HLK Studio\'s Selection tab, choose Device Manager on the left and tick the TAP adapter on each client; not on the support machine, whose driver is not under test. hlk-assist checks the targets HLK holds.',
    roles: ['controller'],
    verification: {
      kind: 'reading',
      reading: 'hlkProject',
      describe: 'hlk.project: a target for the driver on every client, none on the support machine',
      judge: (v, ctx): Judgement => {
        const problems = targetProblems(v, ctx.settings.driver.hardwareId, lab(ctx).filter((m) => m.role !== 'controller'));
        return problems.length === 0 ? { ok: true, evidence: `${ctx.settings.driver.hardwareId} targets on every client and on no support machine` } : { ok: false, evidence: problems.join('; ') };
      },
    },
  } satisfies ChecklistStep,
  lanProductType: {
    id: 'lan-product-type',
    title: 'The project\'s product type is LAN',
    what: 'Add the feature Device.Network.LAN.PM to the TAP adapter\'s target so HLK adds the LAN product type; without it the whole pass certifies only an "Other Driver".',
    after: ['project', 'targets'],
    roles: ['controller'],
    verification: {
      kind: 'reading',
      reading: 'hlkProject',
      describe: 'hlk.project: the product types include LAN',
      judge: (v): Judgement =>
        hasLan(v)
          ? { ok: true, evidence: `product types: ${listing(v.productTypes)}` }
          : { ok: false, evidence: `product types: ${v.productTypes.length === 0 ? 'none' : listing(v.productTypes)}; without LAN the pass certifies only an "Other Driver"` },
    },
    fix: {
      kind: 'operation',
      operation: 'hlk.addFeature',
      runsOn: 'controller',
      title: `Add ${LAN_PM_FEATURE} to the TAP target`,
      params: (ctx) => ({ project: ctx.project, hardwareId: ctx.settings.driver.hardwareId, feature: LAN_PM_FEATURE }),
    },
  } satisfies ChecklistStep,
  playlist: {
    id: 'playlist',
    title: 'The compatibility playlist loaded',
    what: 'Load the Hardware Compatibility Playlist for the kit and the clients\' architecture (for tap-windows6 on Server 2019: "HLK Version 1809 CompatPlaylist x64 Server.xml"): it narrows the tests to those the certification needs.',
    after: ['project', 'targets'],
    roles: ['controller'],
    verification: {
      kind: 'reading',
      reading: 'hlkProject',
      describe: 'hlk.project: a playlist is loaded',
      judge: (v): Judgement => {
        if (v.playlistLoaded === null) return { ok: null, evidence: 'this kit\'s object model cannot say whether a playlist is loaded' };
        return v.playlistLoaded ? { ok: true, evidence: `a playlist is loaded: ${v.counts.total} tests` } : { ok: false, evidence: 'no playlist is loaded' };
      },
    },
    fix: { kind: 'action', action: 'hlk.load-playlist', title: 'Load the playlist that fits' },
  } satisfies ChecklistStep,
  q8021: {
    id: '8021q-on',
    title: '802.1Q on (tapdiag /setq:on)',
    what: 'Turn the TAP driver\'s 802.1Q handling on with tapdiag on this machine: 2c_Priority needs it on both machines, and the driver has it off by default. A reboot loses it.',
    after: ['tapdiag-enabled'],
    roles: both,
    verification: {
      kind: 'tapdiag',
      describe: 'what hlk-assist set with tapdiag in this boot',
      judge: (ctx): Judgement => {
        const t = ctx.tapdiag;
        if (!t || t.q === null) return { ok: false, evidence: '802.1Q has not been set with hlk-assist' };
        if (t.lost) return { ok: false, evidence: `802.1Q was set ${t.q} at ${t.setAt}; the machine rebooted since, so the driver lost it` };
        return t.q === 'off' ? { ok: false, evidence: '802.1Q is set off' } : { ok: true, evidence: `802.1Q ${t.q} since ${t.setAt}` };
      },
    },
    fix: { kind: 'action', action: 'tapdiag.q-on', title: 'tapdiag /setq:on' },
  } satisfies ChecklistStep,
  ndistestBinaries: {
    id: 'ndistest-binaries',
    title: 'NDISTest binaries on the test share',
    what: 'Put the down-level NDISTest protocol drivers (ndprot*.sys in ntndis* folders) on the controller\'s test share; 1c_FaultHandling and 1c_Registry copy them and stop at "Copy downlevel NDISTest binaries" when one is missing.',
    roles: ['controller'],
    verification: { kind: 'check', check: 'ndistest-binaries' },
  } satisfies ChecklistStep,
};
