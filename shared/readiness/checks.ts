import type { ConnectionState, MachineRole } from '../lab';
import { hlkKits } from './settings';
import { isRoutableIPv6, sameIPv6 } from './ipv6';
import { age, compareVersions, formatBytes, formatLinkSpeed, listing } from './format';
import {
  controllerPorts,
  driverAdapters,
  pingTargets,
  type MachineReadings,
  type ReadinessContext,
  type ReadingName,
} from './readings';
import type { CheckStatus, ReadingSource } from './results';

/**
 * Everything an HLK network pass needs from each machine, as data: what the check is called, why it
 * matters, which roles it applies to, which operation results it reads, the pure function that judges
 * them, and the fixes it can offer. Written from the OpenVPN wiki's HLK page and the tap-windows6
 * README; the explanations are for an operator, not a programmer.
 */

export interface FixDefinition {
  id: string;
  title: string;
  operation: string;
  /** Where the operation runs: the machine itself, or the controller (HLK's own state of the machine). */
  runsOn: 'self' | 'controller';
  needsReboot: boolean;
  rebootsMachine: boolean;
}

export interface Verdict {
  status: CheckStatus;
  evidence: string;
  /** The fix that applies to what was found, with its parameters. */
  fix?: { id: string; params: Record<string, unknown> };
}

export interface CheckInput {
  context: ReadinessContext;
  machine: {
    name: string;
    role: MachineRole;
    state: ConnectionState;
    stateDetail: string | null;
    rebootedAt: string | null;
    endpoint: string;
  };
  self: MachineReadings;
  controller: MachineReadings | null;
  /** The lab's clients, this machine excluded. */
  clients: MachineReadings[];
  /** The lab's support machines, this machine excluded. */
  supports: MachineReadings[];
  now: number;
}

export interface CheckDefinition {
  id: string;
  title: string;
  why: string;
  roles: readonly MachineRole[];
  reads: ReadonlyArray<{ from: ReadingSource; reading: ReadingName }>;
  fixes: readonly FixDefinition[];
  evaluate(input: CheckInput): Verdict;
}

const lanMachines = ['client', 'support'] as const;

const rebootFix: FixDefinition = {
  id: 'reboot',
  title: 'Reboot and wait for it to come back',
  operation: 'system.reboot',
  runsOn: 'self',
  needsReboot: false,
  rebootsMachine: true,
};
const rebootParams = { delaySeconds: 1 };

/** Installs the driver under test from the lab file's driver folder (provisioning.driverFolder). */
const installDriverFix: FixDefinition = {
  id: 'install-driver',
  title: 'Install the driver under test from the driver folder (older packages of it removed first)',
  operation: 'driver.install',
  runsOn: 'self',
  needsReboot: false,
  rebootsMachine: false,
};

function installDriver(context: ReadinessContext): Verdict['fix'] {
  if (!context.driverFolder) return undefined;
  const d = context.settings.driver;
  return { id: 'install-driver', params: { folder: context.driverFolder, infName: d.infName, hardwareId: d.hardwareId } };
}

const pass = (evidence: string): Verdict => ({ status: 'pass', evidence });
const warn = (evidence: string, fix?: Verdict['fix']): Verdict => ({ status: 'warn', evidence, ...(fix ? { fix } : {}) });
const fail = (evidence: string, fix?: Verdict['fix']): Verdict => ({ status: 'fail', evidence, ...(fix ? { fix } : {}) });
const unknown = (evidence: string): Verdict => ({ status: 'unknown', evidence });

/** At most `max` items, then "and N more". */
function some(items: string[], max = 8): string {
  return items.length <= max ? listing(items) : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

function describeService(s: { name: string; exists: boolean; status: string | null; startType: string | null }): string {
  return s.exists ? `${s.name} is ${s.status}, start type ${s.startType}` : `there is no ${s.name} service`;
}

function findService<S extends { name: string }>(services: S[], name: string): S | undefined {
  return services.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/** Reads the same fact from other machines: the values, and which could not be read (and why). */
function fromOthers<T>(others: MachineReadings[], read: (m: MachineReadings) => T): { values: Array<{ name: string; value: T }>; unreadable: string[] } {
  const values: Array<{ name: string; value: T }> = [];
  const unreadable: string[] = [];
  for (const m of others) {
    try {
      values.push({ name: m.name, value: read(m) });
    } catch (e) {
      unreadable.push(`${m.name} (${(e as Error).message})`);
    }
  }
  return { values, unreadable };
}


const adaptersOf = (m: MachineReadings) => m.machinePart('adapters').adapters;
type DriverAdapter = ReturnType<typeof adaptersOf>[number];

/**
 * The support machine's driver adapter beside the same adapter on each client: one fact read from both,
 * the clients that had it to compare, and those whose adapter could not be read. A failed verdict when
 * this machine has no such adapter.
 */
function againstClients<T>(
  { context, self, clients }: CheckInput,
  fact: (adapter: DriverAdapter) => T,
): Verdict | { mine: DriverAdapter; compared: Array<{ name: string; value: T }>; unreadable: string[] } {
  const mine = driverAdapters(adaptersOf(self), context.settings)[0];
  if (!mine) return fail(`no ${context.settings.driver.adapterDescription} adapter on ${self.name}`);
  const { values, unreadable } = fromOthers(clients, (c) => {
    const theirs = driverAdapters(adaptersOf(c), context.settings)[0];
    return theirs ? fact(theirs) : null;
  });
  const compared = values.filter((v): v is { name: string; value: T } => v.value !== null);
  return { mine, compared, unreadable };
}

function sameComputer(hlkName: string, computerName: string): boolean {
  return hlkName.split('.')[0]!.toLowerCase() === computerName.split('.')[0]!.toLowerCase();
}

function oemNumber(publishedName: string): number | null {
  const m = /^oem(\d+)\.inf$/i.exec(publishedName);
  return m ? Number(m[1]) : null;
}

export const checks: readonly CheckDefinition[] = [
  {
    id: 'reachable',
    title: 'Reachable',
    why: 'hlk-assist reads and fixes a machine over SSH. A machine it cannot reach cannot be checked, and HLK most likely cannot use it either.',
    roles: ['controller', 'client', 'support'],
    reads: [],
    fixes: [],
    evaluate: ({ machine }) => {
      if (machine.state === 'connected') return pass(`connected over SSH to ${machine.endpoint}`);
      const why = `${machine.state}${machine.stateDetail ? `: ${machine.stateDetail}` : ''}`;
      if (machine.state === 'connecting' || machine.state === 'rebooting') return unknown(`not connected yet (${why})`);
      return fail(`not connected (${why})`);
    },
  },
  {
    id: 'windows-build',
    title: 'Windows build matches the HLK kit',
    why: 'Each HLK kit is built for one Windows release. A client on another build installs and behaves differently (driver verifier settings, test components), so tests fail for reasons that are not the driver\'s.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'system' }],
    fixes: [],
    evaluate: ({ context, self }) => {
      const f = self.get('system');
      const kit = hlkKits[context.settings.hlkVersion];
      const running = `${f.productName}, build ${f.build}.${f.ubr}`;
      if ((kit.builds as readonly number[]).includes(f.build)) return pass(`${running}: matches HLK ${context.settings.hlkVersion}`);
      return fail(`${running}; HLK ${context.settings.hlkVersion} is made for ${kit.windows} (build ${kit.builds.join(' or ')})`);
    },
  },
  {
    id: 'same-build-as-clients',
    title: 'Same Windows build as the clients',
    why: 'The support machine answers the client in the two-machine tests. On the same build as the client, its protocol drivers and test tools behave the same, which keeps it out of the list of suspects.',
    roles: ['support'],
    reads: [
      { from: 'self', reading: 'system' },
      { from: 'clients', reading: 'system' },
    ],
    fixes: [],
    evaluate: ({ self, clients }) => {
      if (clients.length === 0) return unknown('the lab names no client to compare with');
      const mine = self.get('system').build;
      const { values, unreadable } = fromOthers(clients, (c) => c.get('system').build);
      const different = values.filter((v) => v.value !== mine);
      if (different.length > 0) {
        return fail(`${self.name} runs build ${mine}; ${some(different.map((d) => `${d.name} runs ${d.value}`))}`);
      }
      if (unreadable.length > 0) return unknown(`could not read the build of ${some(unreadable)}`);
      return pass(`build ${mine}, the same as ${some(values.map((v) => v.name))}`);
    },
  },
  {
    id: 'hlk-client',
    title: 'HLK client installed and running',
    why: 'The HLK client service is how the controller schedules tests on the machine and hears its heartbeat. Without it running, the machine never becomes Ready.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [
      {
        id: 'start-hlk-client-services',
        title: 'Start the HLK client services and make them start automatically',
        operation: 'services.ensureRunning',
        runsOn: 'self',
        needsReboot: false,
        rebootsMachine: false,
      },
    ],
    evaluate: ({ context, self }) => {
      const services = self.machinePart('services').services;
      const names = context.settings.hlkClientServices;
      const wanted = names.map((n) => findService(services, n) ?? { name: n, exists: false, status: null, startType: null, displayName: null });
      const missing = wanted.filter((s) => !s.exists);
      if (missing.length === wanted.length) {
        return fail(`the HLK client is not installed (no ${listing(names)} service); install it from the controller's HLKInstall share`);
      }
      if (missing.length > 0) return fail(`the HLK client install is incomplete: no ${listing(missing.map((s) => s.name))} service`);
      const notRunning = wanted.filter((s) => s.status !== 'Running');
      const notAutomatic = wanted.filter((s) => s.startType !== 'Automatic');
      const fix = {
        id: 'start-hlk-client-services',
        params: { names: [...new Set([...notRunning, ...notAutomatic].map((s) => s.name))], restart: false, automaticStart: true },
      };
      if (notRunning.length > 0) return fail(listing(notRunning.map(describeService)), fix);
      if (notAutomatic.length > 0) return warn(`${listing(notAutomatic.map(describeService))}: it will not come back after a reboot`, fix);
      return pass(listing(wanted.map((s) => `${s.name} (${s.displayName}) is running`)));
    },
  },
  {
    id: 'controller-ports',
    title: 'Controller reachable on TCP 1771, 1782 and 445',
    why: 'HLK clients talk to the controller on 1771 (HLK server receiver) and 1782 (HLKSvc receiver), and copy tests and logs over SMB on 445. A firewall or security group that blocks one of them leaves the machine out of the pass.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'reachability' }],
    fixes: [],
    evaluate: ({ context, self }) => {
      const host = context.controllerAddress;
      if (!host) return unknown('the lab gives no address for the controller: set readiness.controllerAddress in the lab file');
      const results = self.get('reachability').tcp.filter((t) => t.host === host);
      if (results.length === 0) return unknown(`${host} was not probed`);
      const closed = results.filter((r) => !r.open);
      if (closed.length > 0) {
        return fail(`${host}: ${listing(closed.map((r) => `TCP ${r.port}: ${r.detail}`))}`);
      }
      return pass(`${host} answers on TCP ${listing(controllerPorts.map(String))}`);
    },
  },
  {
    id: 'processor-cores',
    title: 'At least 4 processor cores',
    why: 'Microsoft\'s LAN testing prerequisites ask for at least four processor cores on a client certified for Windows Server; with fewer, the multi-queue and performance tests cannot run as specified.',
    roles: ['client'],
    reads: [{ from: 'self', reading: 'system' }],
    fixes: [],
    evaluate: ({ context, self }) => {
      const f = self.get('system');
      const cores = `${f.cores} cores (${f.logicalProcessors} logical processors)`;
      if (!/server/i.test(f.productName)) return pass(`${cores}; ${f.productName} is not a Server edition, so no minimum applies`);
      if (f.cores >= context.settings.minCores) return pass(cores);
      return fail(`${cores}; Server certification needs at least ${context.settings.minCores}`);
    },
  },
  {
    id: 'physical-machine',
    title: 'Physical machine',
    why: 'Physical clients are recommended for network driver tests: a hypervisor\'s virtual switch and timer behaviour can make timing-sensitive tests such as AddressChange fail.',
    roles: ['client'],
    reads: [{ from: 'self', reading: 'system' }],
    fixes: [],
    evaluate: ({ self }) => {
      const f = self.get('system');
      if (f.isVirtual) return warn(`${f.hardware}: a virtual machine; physical clients are recommended`);
      return pass(`${f.hardware}: physical`);
    },
  },
  {
    id: 'test-signing',
    title: 'Test signing on',
    why: 'The driver under test is test-signed. Windows loads it only when test signing is on for the running boot; the HLK client usually turns it on, and a reboot makes it count.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [
      {
        id: 'enable-test-signing',
        title: 'Turn test signing on (takes effect after a reboot)',
        operation: 'signing.enableTestSigning',
        runsOn: 'self',
        needsReboot: true,
        rebootsMachine: false,
      },
      rebootFix,
    ],
    evaluate: ({ self }) => {
      const s = self.machinePart('signing');
      if (s.testSigningConfigured && s.testSigningActive) return pass('on (bcdedit testsigning Yes), and Windows booted with it');
      if (s.testSigningConfigured) {
        return fail('turned on (bcdedit testsigning Yes), but not active until the machine reboots', { id: 'reboot', params: rebootParams });
      }
      const now = s.testSigningActive ? 'off for the next boot (bcdedit testsigning No), though this boot still has it' : 'off (bcdedit testsigning No)';
      if (s.secureBoot === true) return fail(`${now}; Secure Boot is on, so Windows refuses to turn it on: turn Secure Boot off in the firmware first`);
      return fail(now, { id: 'enable-test-signing', params: {} });
    },
  },
  {
    id: 'test-certificate',
    title: 'Test certificate trusted',
    why: 'The driver\'s test certificate must be in the machine\'s Root and TrustedPublisher stores, or installing the test-signed driver stops at a signature error.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [
      {
        id: 'import-test-certificate',
        title: 'Import the test certificate into Root and TrustedPublisher',
        operation: 'signing.importCertificate',
        runsOn: 'self',
        needsReboot: false,
        rebootsMachine: false,
      },
    ],
    evaluate: ({ context, self, now }) => {
      const configured = context.settings.testCertificate;
      const thumbprint = configured.thumbprint ?? context.certificate?.thumbprint ?? null;
      const which = thumbprint ? `the certificate ${thumbprint}` : `a certificate whose subject holds "${configured.subject}"`;
      const found = self.machinePart('certificates').matching.filter((c) => !thumbprint || c.thumbprint.toUpperCase() === thumbprint);
      const valid = found.filter((c) => Date.parse(c.notAfter) > now);
      const stores = ['Root', 'TrustedPublisher'];
      const missing = stores.filter((store) => !valid.some((c) => c.store === store));
      if (missing.length === 0) {
        const first = valid[0]!;
        return pass(`${first.subject} (${first.thumbprint}) in Root and TrustedPublisher, valid until ${first.notAfter.slice(0, 10)}`);
      }
      const expired = found.length > valid.length ? `; expired: ${some(found.filter((c) => !valid.includes(c)).map((c) => `${c.store} (${c.notAfter.slice(0, 10)})`))}` : '';
      const evidence = `${which} is not in ${listing(missing)}${expired}`;
      if (context.certificate) return fail(evidence, { id: 'import-test-certificate', params: { certificate: context.certificate.der } });
      if (context.certificateProblem) return fail(`${evidence}; ${context.certificateProblem}`);
      return fail(`${evidence}; give readiness.testCertificate.file in the lab file to import it in one click`);
    },
  },
  {
    id: 'hvci',
    title: 'HVCI and the verifier\'s code integrity checks on',
    why: 'Microsoft\'s HVCI page has a driver evaluated with virtualization-based security and HVCI running, and with Driver Verifier\'s code integrity checks (flag 0x02000000) on the driver, so a driver that writes to executable memory stops with a verifier bug check here rather than on a customer\'s machine. HLK does not refuse to run without them, hence a warning.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'hvci' }],
    fixes: [
      {
        id: 'enable-hvci',
        title: 'Turn on HVCI and the code integrity checks for the driver (takes effect after a reboot)',
        operation: 'hvci.enable',
        runsOn: 'self',
        needsReboot: true,
        rebootsMachine: false,
      },
      rebootFix,
    ],
    evaluate: ({ context, self }) => {
      const h = self.get('hvci');
      const file = context.settings.driver.file;
      const verifierSet = h.verifier.codeIntegrity && h.verifier.driverVerified;
      const verifier = verifierSet
        ? `Driver Verifier checks code integrity of ${file} (flags 0x${h.verifier.flags.toString(16).padStart(8, '0')})`
        : h.verifier.drivers.length === 0
          ? 'Driver Verifier verifies no driver'
          : `Driver Verifier verifies ${some(h.verifier.drivers)} with flags 0x${h.verifier.flags.toString(16).padStart(8, '0')}${h.verifier.driverVerified ? ', without the code integrity checks (0x02000000)' : `, not ${file}`}`;
      const guard = h.hvciRunning ? 'HVCI is running' : h.hvciConfigured ? 'HVCI is configured but not running' : `HVCI is off (virtualization-based security ${h.vbs})`;
      const evidence = `${guard}; ${verifier}`;
      if (h.hvciRunning && verifierSet) return pass(evidence);
      if (h.hvciConfigured && verifierSet) {
        return warn(`${evidence}: a reboot starts HVCI; if it still does not run after one, the hardware lacks virtualization extensions with SLAT or they are off in the firmware`, { id: 'reboot', params: rebootParams });
      }
      return warn(evidence, { id: 'enable-hvci', params: { driverFile: file } });
    },
  },
  {
    id: 'driver-installed',
    title: 'Driver under test installed',
    why: 'HLK tests the driver on the adapter it finds on the client. Without the adapter (hardware id tap0901 for tap-windows6) there is nothing to test, and the version shown here is the one that gets certified.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [installDriverFix],
    evaluate: ({ context, self }) => {
      const d = context.settings.driver;
      const taps = driverAdapters(self.machinePart('adapters').adapters, context.settings);
      if (taps.length === 0) {
        const evidence = `no adapter with hardware id ${d.hardwareId} (${d.adapterDescription}): the driver under test is not installed (tapinstall install OemVista.inf ${d.hardwareId})`;
        const install = installDriver(context);
        return install ? fail(evidence, install) : fail(`${evidence}; name its folder in the lab file (provisioning.driverFolder) to install it in one click`);
      }
      const described = taps.map((a) => `'${a.name}' (${a.interfaceDescription}) driver ${a.driverVersion}, ${a.status}`);
      const disabled = taps.filter((a) => a.status === 'Disabled');
      if (disabled.length === taps.length) return fail(`${listing(described)}: disabled`);
      return pass(listing(described));
    },
  },
  {
    id: 'driver-store',
    title: 'One version of the driver package in the driver store',
    why: 'Windows keeps every driver package it ever installed. With an older copy of the same package still in the driver store, a reinstall can silently use the old driver; only one version should be there.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [
      {
        id: 'remove-stale-driver-packages',
        title: 'Remove the stale driver packages (pnputil /delete-driver)',
        operation: 'driver.removePackages',
        runsOn: 'self',
        needsReboot: false,
        rebootsMachine: false,
      },
      installDriverFix,
    ],
    evaluate: ({ context, self }) => {
      const inf = context.settings.driver.infName;
      const packages = self.machinePart('driverStore').packages;
      const installed = driverAdapters(self.machinePart('adapters').adapters, context.settings)[0]?.driverVersion ?? null;
      if (packages.length === 0) {
        return fail(`no ${inf} package in the driver store${installed ? `, although an adapter uses driver ${installed}` : ''}`, installDriver(context));
      }
      const described = packages.map((p) => `${p.publishedName} ${p.version} (${p.date})${p.version === installed ? ' in use' : ''}`);
      if (packages.length === 1) return pass(`${described[0]}, ${packages[0]!.provider}`);
      const evidence = `${packages.length} versions of ${inf} in the driver store: ${listing(described)}; a reinstall may silently pick an old one`;
      const removable = (stale: typeof packages) => ({
        id: 'remove-stale-driver-packages',
        params: { oemNumbers: stale.map((p) => oemNumber(p.publishedName)).filter((n): n is number => n !== null) },
      });
      if (installed) {
        const stale = packages.filter((p) => p.version !== installed);
        const newer = stale.filter((p) => compareVersions(p.version, installed) > 0);
        if (newer.length > 0) {
          return fail(`${evidence}. The adapter uses the older ${installed}: remove the device and every ${inf} package, then install the new driver again`);
        }
        return fail(evidence, removable(stale));
      }
      const newest = [...packages].sort((a, b) => compareVersions(b.version, a.version))[0]!;
      return fail(evidence, removable(packages.filter((p) => p !== newest)));
    },
  },
  {
    id: 'driver-version-matches',
    title: 'Same driver version as the clients',
    why: 'The support machine runs the same driver as the device under test in the two-machine tests. An older driver on the support side behaves differently (the wiki\'s E2EPerf failure came from one), so both must run the same version.',
    roles: ['support'],
    reads: [
      { from: 'self', reading: 'machine' },
      { from: 'clients', reading: 'machine' },
    ],
    fixes: [],
    evaluate: (input) => {
      const found = againstClients(input, (a) => a.driverVersion);
      if ('status' in found) return found;
      const { mine, compared, unreadable } = found;
      const { self } = input;
      const different = compared.filter((v) => v.value !== mine.driverVersion);
      if (different.length > 0) {
        return fail(`${self.name} has ${mine.driverVersion}; ${some(different.map((d) => `${d.name} has ${d.value}`))}: install the same driver on both`);
      }
      if (unreadable.length > 0) return unknown(`could not read the driver of ${some(unreadable)}`);
      if (compared.length === 0) return unknown('no client has the driver installed to compare with');
      return pass(`${mine.driverVersion}, the same as ${some(compared.map((v) => v.name))}`);
    },
  },
  {
    id: 'link-speed-matches',
    title: 'Same advertised link speed as the clients',
    why: 'E2EPerf stops with "Support Adapter must be connected at a link speed greater than or equal to the Test Adapter" when the support adapter advertises less than the client\'s, as old tap-windows6 versions do (100 Mbps instead of 1 Gbps).',
    roles: ['support'],
    reads: [
      { from: 'self', reading: 'machine' },
      { from: 'clients', reading: 'machine' },
    ],
    fixes: [],
    evaluate: (input) => {
      const found = againstClients(input, (a) => a.receiveLinkSpeed);
      if ('status' in found) return found;
      const { mine, compared, unreadable } = found;
      const { self } = input;
      const faster = compared.filter((v) => v.value > mine.receiveLinkSpeed);
      const ours = `${self.name} advertises ${formatLinkSpeed(mine.receiveLinkSpeed)}`;
      if (faster.length > 0) {
        return fail(`${ours}; ${some(faster.map((v) => `${v.name} ${formatLinkSpeed(v.value)}`))}: E2EPerf will stop with "Support Adapter must be connected at a link speed greater than or equal to the Test Adapter"`);
      }
      if (unreadable.length > 0) return unknown(`could not read the adapter of ${some(unreadable)}`);
      if (compared.length === 0) return unknown('no client has the driver installed to compare with');
      const slower = compared.filter((v) => v.value < mine.receiveLinkSpeed);
      if (slower.length > 0) {
        return warn(`${ours}; ${some(slower.map((v) => `${v.name} ${formatLinkSpeed(v.value)}`))}: not the same, though E2EPerf accepts a faster support adapter`);
      }
      return pass(`${formatLinkSpeed(mine.receiveLinkSpeed)}, the same as ${some(compared.map((v) => v.name))}`);
    },
  },
  {
    id: 'openvpn-installed',
    title: 'OpenVPN installed',
    why: 'The TAP adapter only gets a link, and the IPv6 gateway the tests need, through an OpenVPN tunnel between the client and the support machine.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [],
    evaluate: ({ self }) => {
      const o = self.machinePart('openvpn');
      if (!o.installed) return fail('OpenVPN is not installed (no HKLM\\SOFTWARE\\OpenVPN)');
      return pass(`OpenVPN ${o.version ?? '(version unknown)'} in ${o.installDir}`);
    },
  },
  {
    id: 'openvpn-service',
    title: 'OpenVPN service running, starting automatically',
    why: 'Tests reboot machines. OpenVPN must run as a service that starts by itself, or the TAP adapter comes back without a link and every following test fails.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [
      {
        id: 'start-openvpn-service',
        title: 'Start the OpenVPN service and make it start automatically',
        operation: 'services.ensureRunning',
        runsOn: 'self',
        needsReboot: false,
        rebootsMachine: false,
      },
    ],
    evaluate: ({ context, self }) => {
      const services = self.machinePart('services').services;
      const names = context.settings.openvpnServices;
      const found = names.map((n) => findService(services, n)).filter((s): s is NonNullable<typeof s> => s !== undefined && s.exists);
      const good = found.find((s) => s.status === 'Running' && s.startType === 'Automatic');
      if (good) return pass(`${good.name} is running and starts automatically`);
      if (found.length === 0) return fail(`no OpenVPN service (${listing(names)})`);
      const target = found.find((s) => s.status === 'Running') ?? found[0]!;
      return fail(listing(found.map(describeService)), {
        id: 'start-openvpn-service',
        params: { names: [target.name], restart: false, automaticStart: true },
      });
    },
  },
  {
    id: 'openvpn-verbosity',
    title: 'OpenVPN verbosity low',
    why: 'At a high verb level OpenVPN logs every packet. That slows the tunnel enough for packet tests to miss their deadline ("Expected minimum of 237 packets but we received 200").',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [],
    evaluate: ({ context, self }) => {
      const o = self.machinePart('openvpn');
      if (!o.installed) return fail('no OpenVPN configuration: OpenVPN is not installed');
      if (o.configs.length === 0) return fail('no .ovpn configuration in OpenVPN\'s config folders');
      const max = context.settings.maxOpenvpnVerbosity;
      const verb = (c: { verb: number | null }) => c.verb ?? 1;
      const name = (path: string) => path.split(/[\\/]/).pop() ?? path;
      const loud = o.configs.filter((c) => verb(c) > max);
      if (loud.length > 0) {
        return warn(`${listing(loud.map((c) => `verb ${verb(c)} in ${c.path}`))}: above ${max} OpenVPN logs every packet; use verb 3`);
      }
      return pass(listing(o.configs.map((c) => `verb ${c.verb ?? '1 (default)'} in ${name(c.path)}`)));
    },
  },
  {
    id: 'tap-ipv6',
    title: 'TAP adapter has an IPv6 address and gateway',
    why: 'HLK\'s "Run tests" fail consistently unless the TAP adapter has a global IPv6 address and an IPv6 gateway: the tests need IPv6 to flow through the VPN.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [],
    evaluate: ({ context, self }) => {
      const taps = driverAdapters(self.machinePart('adapters').adapters, context.settings);
      if (taps.length === 0) return fail(`no ${context.settings.driver.adapterDescription} adapter`);
      const described = taps.map((tap) => {
        const addresses = tap.ipv6Addresses.filter((a) => isRoutableIPv6(a.address));
        const gateways = tap.ipv6Gateways.filter((g) => g !== '' && !sameIPv6(g, '::'));
        return { tap, addresses, gateways };
      });
      const good = described.find((d) => d.addresses.length > 0 && d.gateways.length > 0);
      if (good) {
        return pass(`'${good.tap.name}': ${good.addresses.map((a) => `${a.address}/${a.prefixLength}`).join(', ')}, gateway ${good.gateways[0]}`);
      }
      return fail(
        listing(
          described.map(({ tap, addresses, gateways }) => {
            const missing = [...(addresses.length === 0 ? ['no global IPv6 address'] : []), ...(gateways.length === 0 ? ['no IPv6 gateway (no ::/0 route)'] : [])];
            return `'${tap.name}'${tap.status === 'Up' ? '' : ` (${tap.status})`}: ${listing(missing)}`;
          }),
        ),
      );
    },
  },
  {
    id: 'vpn-ping',
    title: 'Client pings the support machine and the VPN peer over IPv6',
    why: 'The two-machine tests and every test with a WDTFREMOTESYSTEM parameter need a partner the client can reach over the VPN. A ping over IPv6 proves the tunnel, the addresses and the routes at once.',
    roles: ['client'],
    reads: [
      { from: 'self', reading: 'reachability' },
      { from: 'supports', reading: 'machine' },
    ],
    fixes: [],
    evaluate: ({ context, self, supports }) => {
      const results = self.get('reachability').ping;
      const targets = pingTargets(context, supports);
      const answers = targets.map((t) => ({ t, r: results.find((r) => sameIPv6(r.address, t.address) || r.address === t.address) }));
      const notPinged = answers.filter((a) => !a.r);
      if (notPinged.length > 0) return unknown(`${listing(notPinged.map((a) => a.t.address))} not pinged yet`);
      const failed = answers.filter((a) => !a.r!.answered);
      if (failed.length > 0) return fail(listing(failed.map((a) => `${a.t.address} (${a.t.what}): ${a.r!.detail}`)));
      const unreadable = supports.filter((s) => !s.has('machine'));
      if (unreadable.length > 0) {
        return unknown(`could not read the TAP address of ${listing(unreadable.map((s) => s.name))}; ${listing(answers.map((a) => `${a.t.address} answers`))}`);
      }
      return pass(listing(answers.map((a) => `${a.t.address} (${a.t.what}) answers in ${a.r!.roundTripMs} ms`)));
    },
  },
  {
    id: 'adapter-names',
    title: 'Adapters named as HLK\'s LAN tests expect',
    why: 'HLK\'s LAN tests find their adapters by name: MessageDevice for the adapter that carries the test control traffic, and SupportDevice0 for the support machine\'s adapter linked to the client. Without those names the controller may pick the wrong machine or adapter as support.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [
      {
        id: 'rename-adapters',
        title: 'Rename the adapters',
        operation: 'network.renameAdapters',
        runsOn: 'self',
        needsReboot: false,
        rebootsMachine: false,
      },
    ],
    evaluate: ({ context, self, machine }) => {
      const adapters = self.machinePart('adapters').adapters;
      const taps = driverAdapters(adapters, context.settings);
      const named = (name: string) => adapters.find((a) => a.name.toLowerCase() === name.toLowerCase());
      const problems: string[] = [];
      const good: string[] = [];
      const renames: Array<{ name: string; newName: string }> = [];

      const message = named('MessageDevice');
      if (!message) {
        const candidates = adapters.filter((a) => !taps.includes(a) && a.status === 'Up' && a.hasIPv4);
        if (candidates.length === 1) {
          problems.push(`no adapter is named MessageDevice (the LAN adapter is '${candidates[0]!.name}')`);
          renames.push({ name: candidates[0]!.name, newName: 'MessageDevice' });
        } else {
          problems.push(`no adapter is named MessageDevice; name the LAN adapter that reaches the controller (${candidates.length === 0 ? 'none is up with an IPv4 address' : `one of ${listing(candidates.map((a) => `'${a.name}'`))}`})`);
        }
      } else if (taps.includes(message)) {
        problems.push('MessageDevice is the TAP adapter; it must be the LAN adapter that reaches the controller');
      } else good.push(`MessageDevice is ${message.interfaceDescription}`);

      if (machine.role === 'support') {
        const support = named('SupportDevice0');
        if (!support) {
          if (taps.length === 1) {
            problems.push(`no adapter is named SupportDevice0 (the TAP adapter is '${taps[0]!.name}')`);
            renames.push({ name: taps[0]!.name, newName: 'SupportDevice0' });
          } else {
            problems.push(`no adapter is named SupportDevice0; ${taps.length === 0 ? 'there is no TAP adapter to name' : 'name the TAP adapter linked to the client'}`);
          }
        } else if (!taps.includes(support)) {
          problems.push(`SupportDevice0 is ${support.interfaceDescription}, not the TAP adapter`);
        } else good.push(`SupportDevice0 is ${support.interfaceDescription}`);
      }

      if (problems.length === 0) return pass(listing(good));
      return fail(problems.join('; '), renames.length > 0 ? { id: 'rename-adapters', params: { renames } } : undefined);
    },
  },
  {
    id: 'network-drives',
    title: 'No unavailable network drives',
    why: 'A network drive mapping in state Unavailable (for example R: to the controller\'s HLKInstall share) makes the "TDI filters and LSPs are not allowed" test fail with "Multiple connections to a server or shared resource by the same user".',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [
      {
        id: 'remove-unavailable-drives',
        title: 'Delete the unavailable drive mappings (net use X: /delete)',
        operation: 'shares.removeMappings',
        runsOn: 'self',
        needsReboot: false,
        rebootsMachine: false,
      },
    ],
    evaluate: ({ self }) => {
      const mappings = self.machinePart('drives').mappings;
      const unavailable = mappings.filter((m) => m.status === 'Unavailable');
      if (unavailable.length > 0) {
        return fail(`${listing(unavailable.map((m) => `${m.localPath} to ${m.remotePath}`))} ${unavailable.length === 1 ? 'is' : 'are'} Unavailable`, {
          id: 'remove-unavailable-drives',
          params: { localPaths: unavailable.map((m) => m.localPath) },
        });
      }
      if (mappings.length === 0) return pass('no network drives mapped');
      return pass(listing(mappings.map((m) => `${m.localPath} to ${m.remotePath} (${m.status})`)));
    },
  },
  {
    id: 'pending-reboot',
    title: 'No reboot pending',
    why: 'A pending reboot (Windows Update, a driver install) can restart the machine in the middle of a test, and a surprise reboot loses runtime state such as tapdiag\'s settings. Better to reboot now, between tests.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'system' }],
    fixes: [rebootFix],
    evaluate: ({ self }) => {
      const pending = self.get('system').pendingReboot;
      if (pending.length > 0) return warn(`a reboot is pending (${listing(pending)})`, { id: 'reboot', params: rebootParams });
      return pass('no reboot pending');
    },
  },
  {
    id: 'free-space',
    title: 'Free space on the system drive',
    why: 'HLK copies test binaries to the client and collects logs and memory dumps there. A full system drive makes tests fail in ways that look like driver bugs.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'machine' }],
    fixes: [],
    evaluate: ({ context, self }) => {
      const d = self.machinePart('systemDrive');
      const text = `${d.name} has ${formatBytes(d.freeBytes)} free of ${formatBytes(d.totalBytes)}`;
      if (d.freeBytes < context.settings.minFreeSpaceGb * 1024 ** 3) return fail(`${text}; keep at least ${context.settings.minFreeSpaceGb} GB free`);
      return pass(text);
    },
  },
  {
    id: 'last-boot',
    title: 'Last boot',
    why: 'tapdiag\'s link and 802.1Q settings live only until the next boot. After a reboot (one asked for, or a surprise during test setup) they must be applied again before tests like 2c_Priority.',
    roles: lanMachines,
    reads: [{ from: 'self', reading: 'system' }],
    fixes: [],
    evaluate: ({ self, machine, now }) => {
      const boot = self.get('system').lastBootTime;
      const up = `up since ${boot} (${age(boot, now)})`;
      if (machine.rebootedAt) {
        return warn(`rebooted, ${up}: apply tapdiag settings again if the next tests need them, then acknowledge the reboot`);
      }
      return pass(up);
    },
  },
  {
    id: 'hlk-machine-status',
    title: 'Ready in HLK',
    why: 'The controller schedules tests only on machines it lists as Ready. A machine stuck in NotReady holds up the whole pass, often after a reboot or a service restart.',
    roles: lanMachines,
    reads: [
      { from: 'self', reading: 'system' },
      { from: 'controller', reading: 'hlk' },
    ],
    fixes: [
      {
        id: 'set-hlk-ready',
        title: 'Set the machine Ready in HLK',
        operation: 'hlk.setMachineReady',
        runsOn: 'controller',
        needsReboot: false,
        rebootsMachine: false,
      },
    ],
    evaluate: ({ self, controller, now }) => {
      if (!controller) return unknown('the lab names no controller');
      const hlk = controller.get('hlk');
      const name = self.get('system').computerName;
      const entry = hlk.machines.find((m) => sameComputer(m.name, name));
      if (!entry) return fail(`HLK on ${hlk.controller} does not know ${name}: install the HLK client and point it at this controller`);
      const heartbeat = entry.lastHeartbeat ? `last heartbeat ${age(entry.lastHeartbeat, now)} ago` : 'no heartbeat yet';
      const where = `${entry.name} is ${entry.status} in ${entry.pool}, ${heartbeat}`;
      switch (entry.status) {
        case 'Ready':
          if (/default pool$/i.test(entry.pool)) return warn(`${where}: move it into the project's own pool`);
          return pass(where);
        case 'Running':
          return pass(`${where} (a test is running)`);
        case 'Initializing':
          return warn(`${where}: if it stays there, restart its HLK client service or reboot it`);
        case 'NotReady':
          return fail(where, { id: 'set-hlk-ready', params: { machine: entry.name } });
        default:
          return unknown(`HLK reports the status "${entry.status}" for ${entry.name}`);
      }
    },
  },
  {
    id: 'hlk-studio',
    title: 'HLK Studio installed',
    why: 'HLK Studio\'s object model is how hlk-assist reads HLK\'s machines and their status; its connect.xml names the controller and database to use.',
    roles: ['controller'],
    reads: [{ from: 'self', reading: 'controller' }],
    fixes: [],
    evaluate: ({ self }) => {
      const s = self.controllerPart('studio');
      if (!s.directory) return fail('HLK Studio is not installed (WTTSTDIO is not set)');
      if (s.missingAssemblies.length > 0) return fail(`HLK Studio in ${s.directory} lacks ${listing(s.missingAssemblies)}`);
      if (!s.controller) return fail(`no connect.xml in ${s.directory}: Studio does not know which controller to use`);
      return pass(`HLK Studio in ${s.directory}, connected to ${s.controller} (database ${s.database})`);
    },
  },
  {
    id: 'hlk-controller-services',
    title: 'HLK controller services running',
    why: 'The controller\'s HLK services schedule the tests and receive the clients\' heartbeats on 1771 and 1782. When HLK gets into a strange state (machines that never get Ready), restarting them is the first remedy.',
    roles: ['controller'],
    reads: [{ from: 'self', reading: 'controller' }],
    fixes: [
      {
        id: 'restart-hlk-services',
        title: 'Restart the HLK services',
        operation: 'services.ensureRunning',
        runsOn: 'self',
        needsReboot: false,
        rebootsMachine: false,
      },
    ],
    evaluate: ({ context, self }) => {
      const services = self.controllerPart('services').services;
      const wanted = context.settings.hlkControllerServices.map(
        (n) => findService(services, n) ?? { name: n, exists: false, status: null, startType: null, displayName: null },
      );
      const missing = wanted.filter((s) => !s.exists);
      if (missing.length > 0) return fail(`no ${listing(missing.map((s) => s.name))} service: is the HLK controller installed?`);
      const notRunning = wanted.filter((s) => s.status !== 'Running');
      if (notRunning.length > 0) {
        return fail(listing(notRunning.map(describeService)), {
          id: 'restart-hlk-services',
          params: { names: wanted.map((s) => s.name), restart: true, automaticStart: true },
        });
      }
      return pass(listing(wanted.map((s) => `${s.name} is running`)));
    },
  },
  {
    id: 'ndistest-binaries',
    title: 'NDISTest binaries on the test share',
    why: '1c_FaultHandling and 1c_Registry copy the down-level NDISTest protocol drivers (ndprot*.sys) from the controller\'s test share. Some kits lack them, and both tests then fail at "Copy downlevel NDISTest binaries".',
    roles: ['controller'],
    reads: [{ from: 'self', reading: 'controller' }],
    fixes: [],
    evaluate: ({ context, self }) => {
      const share = self.controllerPart('testShare');
      const name = context.settings.testShare.name;
      if (!share.exists) return fail(`there is no share named ${name}`);
      if (share.missing.length > 0) return fail(`the ${name} share (${share.path}) lacks ${some(share.missing)}`);
      return pass(`all ${context.settings.testShare.requiredFiles.length} files are in the ${name} share (${share.path})`);
    },
  },
  {
    id: 'hlk-machines',
    title: 'Every lab machine known to HLK',
    why: 'Each client and the support machine must be in HLK\'s machine list, in a pool, for the project to use them. The list here is what HLK itself sees: pools, statuses and heartbeats.',
    roles: ['controller'],
    reads: [
      { from: 'self', reading: 'hlk' },
      { from: 'clients', reading: 'system' },
      { from: 'supports', reading: 'system' },
    ],
    fixes: [],
    evaluate: ({ self, clients, supports, now }) => {
      const hlk = self.get('hlk');
      const listed = some(
        hlk.machines.map((m) => `${m.name} ${m.status} in ${m.pool}${m.lastHeartbeat ? ` (heartbeat ${age(m.lastHeartbeat, now)} ago)` : ''}`),
      );
      const { values, unreadable } = fromOthers([...clients, ...supports], (m) => m.get('system').computerName);
      const unknownToHlk = values.filter((v) => !hlk.machines.some((m) => sameComputer(m.name, v.value)));
      const known = `HLK on ${hlk.controller} knows ${hlk.machines.length === 0 ? 'no machine' : listed}`;
      if (unknownToHlk.length > 0) return fail(`${known}; it does not know ${some(unknownToHlk.map((v) => `${v.name} (${v.value})`))}`);
      if (unreadable.length > 0) return unknown(`${known}; could not read the computer name of ${some(unreadable)}`);
      return pass(known);
    },
  },
];

const byId = new Map(checks.map((c) => [c.id, c]));

export function findCheck(id: string): CheckDefinition | undefined {
  return byId.get(id);
}

export function checksFor(role: MachineRole): CheckDefinition[] {
  return checks.filter((c) => c.roles.includes(role));
}
