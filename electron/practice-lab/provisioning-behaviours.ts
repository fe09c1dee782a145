import { SimulatedScriptError, type Behaviours } from './behaviour';
import { deviceGuardConfigured, type SimulatedAdapter, type SimulatedDriverPackage, type SimulatedHost } from './simulated-host';

/**
 * The model of the provisioning scripts (driver.install, hvci.*): what they do on a simulated machine, as
 * the Windows stand-in's provisioning.ps1 answers them. Error lines are the scripts' own.
 */

const fileKey = (path: string) => path.replace(/\\+$/, '').toLowerCase();

function storedText(host: SimulatedHost, path: string): string | null {
  return host.storedFiles.find((f) => fileKey(f.path) === fileKey(path))?.text ?? null;
}

function missing(host: SimulatedHost, name: string, line: number): void {
  if (host.missingCommands.has(name.toLowerCase())) {
    throw new SimulatedScriptError(
      `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
      line,
    );
  }
}

interface Inf {
  originalName: string;
  date: string;
  version: string;
  provider: string;
  className: string;
  description: string;
  hardwareIds: string[];
}

/** What an INF says of its package, read as the stand-in reads it: the last value of each key wins. */
function readInf(host: SimulatedHost, path: string): Inf | null {
  const text = storedText(host, path);
  if (text === null) return null;
  const values = new Map<string, string>();
  let hardwareIds: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const models = /^\s*%DeviceDescription%\s*=\s*[^,]+,(.*)$/i.exec(line);
    if (models) hardwareIds = models[1]!.split(',').map((id) => id.trim());
    else {
      const pair = /^\s*(\w+)\s*=\s*"?([^"]*?)"?\s*$/.exec(line);
      if (pair) values.set(pair[1]!.toLowerCase(), pair[2]!);
    }
  }
  const driverVer = (values.get('driverver') ?? '').split(',');
  const className = values.get('class') ?? '';
  return {
    originalName: path.replace(/^.*\\/, '').toLowerCase(),
    date: driverVer[0]!.trim(),
    version: driverVer[driverVer.length - 1]!.trim(),
    provider: values.get('provider') ?? '',
    className: className.toLowerCase() === 'net' ? 'Network adapters' : className,
    description: values.get('devicedescription') ?? '',
    hardwareIds,
  };
}

function addPackage(host: SimulatedHost, inf: Inf): string {
  const same = host.driverStore.find((d) => d.originalName.toLowerCase() === inf.originalName && d.version === inf.version);
  if (same) return same.publishedName;
  const highest = Math.max(0, ...host.driverStore.map((d) => Number(/^oem(\d+)\.inf$/i.exec(d.publishedName)?.[1] ?? 0)));
  const publishedName = `oem${highest + 1}.inf`;
  host.driverStore.push({ publishedName, originalName: inf.originalName, provider: inf.provider, className: inf.className, version: inf.version, date: inf.date });
  return publishedName;
}

function addAdapter(host: SimulatedHost, inf: Inf, hardwareId: string): void {
  const index = Math.max(0, ...host.adapters.map((a) => a.ifIndex)) + 1;
  let number = 1;
  let name = 'Ethernet';
  while (host.adapters.some((a) => a.name.toLowerCase() === name.toLowerCase())) name = `Ethernet ${++number}`;
  const adapter: SimulatedAdapter = {
    name,
    interfaceDescription: inf.description,
    ifIndex: index,
    status: 'Up',
    linkSpeedBps: 1e9,
    macAddress: `00-FF-6A-3C-00-${index.toString(16).toUpperCase().padStart(2, '0')}`,
    driverVersion: inf.version,
    componentId: hardwareId,
    addresses: [{ address: `fe80::2ff:6aff:fe3c:${index.toString(16)}`, family: 'IPv6', prefixLength: 64 }],
    ipv6Gateway: null,
    connectedBy: ['OpenVPNService', 'OpenVPNServiceLegacy'],
  };
  host.adapters.push(adapter);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** pnputil /delete-driver without /force, as the stand-in answers it: true when the package went. */
function deletePackage(host: SimulatedHost, publishedName: string): boolean {
  if (!host.system.elevated) return false;
  const found = host.driverStore.find((d) => same(d.publishedName, publishedName));
  if (!found || host.adapters.some((a) => a.driverVersion === found.version)) return false;
  host.driverStore = host.driverStore.filter((d) => d !== found);
  return true;
}

interface ToolAnswer {
  lines: string[];
  exitCode: number;
}

function tapinstall(host: SimulatedHost, verb: 'install' | 'update', infPath: string, hardwareId: string): ToolAnswer {
  const failed = (lines: string[]): ToolAnswer => ({ lines: [...lines, 'tapinstall.exe failed.'], exitCode: 2 });
  if (!host.system.elevated) return failed([]);
  const inf = readInf(host, infPath);
  if (!inf || !inf.hardwareIds.some((id) => same(id, hardwareId))) return failed([]);
  const lines: string[] = [];
  if (verb === 'install') {
    lines.push('Device node created. Install is complete when drivers are installed...');
    addAdapter(host, inf, hardwareId);
  } else if (!host.adapters.some((a) => same(a.componentId, hardwareId))) return failed([]);
  lines.push(`Updating drivers for ${hardwareId} from ${infPath}.`);
  addPackage(host, inf);
  for (const a of host.adapters) if (same(a.componentId, hardwareId)) a.driverVersion = inf.version;
  lines.push('Drivers installed successfully.');
  return { lines, exitCode: 0 };
}

function addDriver(host: SimulatedHost, infPath: string): ToolAnswer {
  const fileName = infPath.replace(/^.*\\/, '');
  if (!host.system.elevated) return { lines: ['Failed to add driver package: Access is denied.'], exitCode: 5 };
  const inf = readInf(host, infPath);
  if (!inf) return { lines: [`Adding driver package:  ${fileName}`, 'Failed to add driver package: The system cannot find the file specified.'], exitCode: 2 };
  const published = addPackage(host, inf);
  const lines = [`Adding driver package:  ${fileName}`, 'Driver package added successfully.', `Published Name:         ${published}`];
  for (const a of host.adapters) {
    if (inf.hardwareIds.some((id) => same(id, a.componentId))) {
      a.driverVersion = inf.version;
      lines.push('Driver package installed on matching devices.');
    }
  }
  return { lines: [...lines, '', 'Total driver packages:  1', 'Added driver packages:  1'], exitCode: 0 };
}

/** The lines a script keeps of a tool's answer: without blank lines and pnputil's banner, joined by spaces. */
const answerText = (lines: string[]) =>
  lines
    .filter((l) => l.trim() !== '' && l !== 'Microsoft PnP Utility')
    .join(' ')
    .trim();

function samePackages(host: SimulatedHost, infName: string): SimulatedDriverPackage[] {
  return host.driverStore.filter((d) => same(d.originalName, infName));
}

const CODE_INTEGRITY = 0x02000000;

/** reg add of one DeviceGuard value, as the stand-in answers it. */
function regAdd(host: SimulatedHost, key: string, name: string): { exitCode: number; text: string } {
  if (!host.system.elevated) return { exitCode: 1, text: 'ERROR: Access is denied.' };
  const guardKey = 'hklm\\system\\currentcontrolset\\control\\deviceguard';
  const k = key.replace(/\\+$/, '').toLowerCase();
  let value = name;
  if (k === `${guardKey}\\scenarios\\hypervisorenforcedcodeintegrity` && same(name, 'Enabled')) value = 'HypervisorEnforcedCodeIntegrity';
  else if (k !== guardKey) return { exitCode: 1, text: `ERROR: the practice lab's Windows stand-in models no value under ${key}.` };
  host.deviceGuard.registry[value] = 1;
  return { exitCode: 0, text: 'The operation completed successfully.' };
}

export const provisioningBehaviours = {
  'hvci.status': ({ host }, p) => {
    missing(host, 'Get-CimInstance', 6);
    const guard = host.deviceGuard;
    const configured = deviceGuardConfigured(guard);
    const drivers = host.verifier?.drivers.filter((d) => d !== '') ?? [];
    const flags = host.verifier?.flags ?? 0;
    return {
      vbs: guard.running ? 'running' : configured ? 'configured' : 'off',
      hvciConfigured: configured,
      hvciRunning: guard.running,
      verifier: {
        drivers,
        flags,
        codeIntegrity: (flags & CODE_INTEGRITY) !== 0,
        driverVerified: drivers.some((d) => same(d, String(p.driverFile))),
      },
    };
  },

  'hvci.enable': ({ host }, p) => {
    missing(host, 'reg.exe', 6);
    missing(host, 'verifier.exe', 7);
    const driverFile = String(p.driverFile);
    const guardKey = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\DeviceGuard';
    for (const [key, name] of [
      [guardKey, 'EnableVirtualizationBasedSecurity'],
      [guardKey, 'RequirePlatformSecurityFeatures'],
      [`${guardKey}\\Scenarios\\HypervisorEnforcedCodeIntegrity`, 'Enabled'],
    ] as const) {
      const answer = regAdd(host, key, name);
      if (answer.exitCode !== 0) throw new SimulatedScriptError(`reg add ${key} ${name} failed (exit code ${answer.exitCode}): ${answer.text}`, 22);
    }
    const before = host.verifier;
    let drivers = before?.drivers.filter((d) => d !== '') ?? [];
    if (!drivers.some((d) => same(d, driverFile))) drivers = [...drivers, driverFile];
    const flags = before ? before.flags | CODE_INTEGRITY : CODE_INTEGRITY;
    // An unelevated session stopped at reg add already.
    host.verifier = { drivers, flags };
    return { drivers, flags, rebootNeeded: true };
  },


  'driver.install': ({ host }, p) => {
    const folder = String(p.folder).replace(/\\+$/, '');
    const infName = String(p.infName);
    const hardwareId = String(p.hardwareId);
    const infPath = `${folder}\\${infName.replace(/^\\+/, '')}`;
    const infText = storedText(host, infPath);
    if (infText === null) throw new SimulatedScriptError(`The driver folder ${folder} has no ${infName}.`, 8);
    let version: string | null = null;
    for (const line of infText.split(/\r?\n/)) {
      const m = /^\s*DriverVer\s*=\s*[0-9/]+\s*,\s*([0-9.]+)/i.exec(line);
      if (m) version = m[1]!;
    }
    if (version === null) throw new SimulatedScriptError(`${infName} in ${folder} has no DriverVer line, so the installed version cannot be confirmed.`, 13);
    missing(host, 'pnputil.exe', 14);

    const removed: string[] = [];
    const remove = (packages: SimulatedDriverPackage[]) => {
      for (const d of packages) if (deletePackage(host, d.publishedName)) removed.push(d.publishedName);
    };
    remove(samePackages(host, infName));
    const hasTool = ['tapinstall.exe', 'devcon.exe'].some((name) => storedText(host, `${folder}\\${name}`) !== null);
    const driverAdapter = () => host.adapters.find((a) => same(a.componentId, hardwareId));
    let installer: string;
    let answer: ToolAnswer;
    let rebootNeeded: boolean;
    let failed: boolean;
    if (hasTool) {
      const verb = driverAdapter() ? 'update' : 'install';
      installer = `tapinstall ${verb}`;
      answer = tapinstall(host, verb, infPath, hardwareId);
      rebootNeeded = answer.exitCode === 1;
      failed = answer.exitCode >= 2;
    } else {
      installer = 'pnputil /add-driver /install';
      answer = addDriver(host, infPath);
      rebootNeeded = answer.exitCode === 3010;
      failed = answer.exitCode !== 0 && !rebootNeeded;
    }
    const output = answerText(answer.lines);
    if (failed) throw new SimulatedScriptError(`${installer} failed (exit code ${answer.exitCode}): ${output}`, 73);
    remove(samePackages(host, infName).filter((d) => d.version !== version));
    const after = driverAdapter();
    const adapter = after ? { name: after.name, driverVersion: after.driverVersion } : null;
    return {
      version,
      installer,
      output,
      removed,
      packages: samePackages(host, infName).map((d) => ({ publishedName: d.publishedName, version: d.version })),
      adapter,
      confirmed: adapter !== null && adapter.driverVersion === version,
      rebootNeeded,
    };
  },
} satisfies Partial<Behaviours>;
