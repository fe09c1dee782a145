import { X509Certificate } from 'node:crypto';
import { sameIPv6 } from '../../shared/readiness/ipv6';
import { describeCertificate } from './practice-certificate';
import type { SimulatedAdapter, SimulatedHost, SimulatedService } from './simulated-host';
import { roundTripTime, SimulatedScriptError, type BehaviourContext, type Behaviours } from './behaviour';
import { collectionBehaviours } from './collection-behaviours';
import { hlkBehaviours } from './hlk-behaviours';
import { provisioningBehaviours } from './provisioning-behaviours';
import { tapdiagBehaviours } from './tapdiag-behaviours';
import { driverPackageBehaviours } from './driver-package';

export { SimulatedScriptError, type Behaviour, type Behaviours, type BehaviourContext, type SimulatedNetwork } from './behaviour';

/**
 * What each operation does on a simulated machine: the model of its PowerShell script. A behaviour
 * returns what the script would return, or throws SimulatedScriptError with the message PowerShell
 * would put in the error record. The HLK, tapdiag and log collection operations have files of their own.
 */


function formatLinkSpeed(bps: number): string {
  if (bps >= 1e9) return `${bps / 1e9} Gbps`;
  if (bps >= 1e6) return `${bps / 1e6} Mbps`;
  return `${bps / 1e3} Kbps`;
}

export const behaviours: Behaviours = {
  'system.facts': ({ host }) => {
    const s = host.system;
    return {
      computerName: s.computerName,
      osVersion: s.osVersion,
      build: Number(s.osVersion.split('.')[2]),
      ubr: s.ubr,
      productName: s.productName,
      edition: s.edition,
      releaseId: s.releaseId,
      cores: s.cores,
      logicalProcessors: s.logicalProcessors,
      hardware: s.hardware,
      isVirtual: s.isVirtual,
      lastBootTime: roundTripTime(host.bootTime),
      pendingReboot: [...s.pendingReboot],
      powershellVersion: s.powershellVersion,
      elevated: s.elevated,
    };
  },

  'system.bootTime': ({ host }) => ({ lastBootTime: roundTripTime(host.bootTime), now: new Date().toISOString() }),

  'system.reboot': ({ host, scheduleReboot }, p) => {
    if (!host.system.elevated) {
      throw new SimulatedScriptError('shutdown.exe refused the reboot (exit code 5, access denied): this session is not elevated.', 7);
    }
    if (host.rebootScheduled) {
      throw new SimulatedScriptError('shutdown.exe refused the reboot (exit code 1190): a shutdown is already scheduled on this machine.', 9);
    }
    const delay = Number(p.delaySeconds);
    host.rebootScheduled = true;
    scheduleReboot(delay * 1000);
    return { rebootInSeconds: delay };
  },

  'services.status': ({ host }, p) => ({
    services: (p.names as string[]).map((name) => {
      const s = host.service(name);
      return s
        ? { name: s.name, exists: true, status: s.status, startType: s.startType, displayName: s.displayName }
        : { name, exists: false, status: null, startType: null, displayName: null };
    }),
  }),

  'services.restart': ({ host }, p) => {
    const name = String(p.name);
    const s = host.service(name);
    if (!s) throw new SimulatedScriptError(`There is no service named ${name} on this machine.`, 6);
    // A running service is restarted (Restart-Service stops it first), a stopped one started.
    if (!host.system.elevated) throw cannotOpen(s, s.status === 'Running' ? 'stopped' : 'started', s.status === 'Running' ? 9 : 11);
    if (s.failsToStart) {
      s.status = 'Stopped';
      throw new SimulatedScriptError(`Service '${s.displayName} (${s.name})' cannot be started due to the following error: ${s.failsToStart}`, 11);
    }
    s.status = 'Running';
    return { name: s.name, status: s.status };
  },

  'network.adapters': ({ host }) => ({
    adapters: host.adapters.map((a) => ({
      name: a.name,
      interfaceDescription: a.interfaceDescription,
      ifIndex: a.ifIndex,
      status: host.adapterStatus(a),
      mediaConnectionState: host.adapterStatus(a) === 'Up' ? 'Connected' : 'Disconnected',
      linkSpeed: formatLinkSpeed(a.linkSpeedBps),
      receiveLinkSpeed: a.linkSpeedBps,
      macAddress: a.macAddress,
      driverVersion: a.driverVersion,
      componentId: a.componentId,
      addresses: a.addresses.map((x) => ({ ...x })),
    })),
  }),
  'services.ensureRunning': ({ host }, p) => {
    const out = [];
    for (const name of p.names as string[]) {
      const s = host.service(name);
      if (!s) throw new SimulatedScriptError(`There is no service named ${name} on this machine.`, 10);
      if (!host.system.elevated && p.automaticStart) {
        throw new SimulatedScriptError(`Service '${s.displayName} (${s.name})' cannot be configured due to the following error: Access is denied`, 13);
      }
      if (p.automaticStart) s.startType = 'Automatic';
      const restarting = s.status === 'Running' && p.restart === true;
      if (!host.system.elevated && s.status !== 'Running') throw cannotOpen(s, 'started', 18);
      if (!host.system.elevated && restarting) throw cannotOpen(s, 'stopped', 16);
      if (s.failsToStart && (s.status !== 'Running' || restarting)) {
        s.status = 'Stopped';
        throw new SimulatedScriptError(`Service '${s.displayName} (${s.name})' cannot be started due to the following error: ${s.failsToStart}`, restarting ? 16 : 18);
      }
      s.status = 'Running';
      out.push({ name: s.name, status: s.status, startType: s.startType });
    }
    return { services: out };
  },

  'services.stop': ({ host }, p) => {
    if (!host.system.elevated) {
      throw new SimulatedScriptError(`This needs an elevated session: ${host.user} is not running as an administrator here (UAC filters its token), so services cannot be stopped.`, 6);
    }
    const out = [];
    for (const name of p.names as string[]) {
      const s = host.service(name);
      if (!s) throw new SimulatedScriptError(`There is no service named ${name} on this machine.`, 13);
      s.status = 'Stopped';
      out.push({ name: s.name, status: s.status, startType: s.startType });
    }
    return { services: out };
  },

  'network.renameAdapters': ({ host }, p) => {
    const renamed = [];
    for (const r of p.renames as Array<{ name: string; newName: string }>) {
      const adapter = host.adapters.find((a) => a.name.toLowerCase() === r.name.toLowerCase());
      if (!adapter) throw new SimulatedScriptError(`There is no network adapter named ${r.name} on this machine.`, 10);
      if (!host.system.elevated) throw new SimulatedScriptError('Access is denied.', 12);
      if (host.adapters.some((a) => a !== adapter && a.name.toLowerCase() === r.newName.toLowerCase())) {
        throw new SimulatedScriptError('{Object Exists} An attempt was made to create an object and the object name already existed.', 12);
      }
      adapter.name = r.newName;
      renamed.push({ name: r.newName, interfaceDescription: adapter.interfaceDescription });
    }
    return { renamed };
  },

  'readiness.machine': ({ host }, p) => {
    const certificate = p.certificate as { subject: string | null; thumbprint: string | null };
    return {
      services: part(() => ({ services: serviceList(host, p.services as string[]) })),
      signing: part(() => {
        const bcd = bcdedit(host);
        if (bcd.exitCode !== 0) throw new SimulatedScriptError(`bcdedit /enum failed (exit code ${bcd.exitCode}): ${bcd.output}`, 45);
        let secureBoot: boolean | null = null;
        if (host.system.elevated) secureBoot = host.signing.secureBoot;
        return { testSigningConfigured: host.signing.testSigning, testSigningActive: host.signing.testSigningActive, secureBoot };
      }),
      certificates: part(() => {
        const subject = certificate.subject?.toLowerCase() ?? null;
        return {
          matching: host.certificates
            .filter((c) => (subject !== null && c.subject.toLowerCase().includes(subject)) || (certificate.thumbprint !== null && c.thumbprint === certificate.thumbprint))
            .map((c) => ({ store: c.store, subject: c.subject, thumbprint: c.thumbprint, notAfter: roundTripTime(new Date(c.notAfter)) })),
        };
      }),
      adapters: part(() => {
        command(host, 'Get-NetAdapter', 92);
        return {
          adapters: host.adapters.map((a) => {
            const status = host.adapterStatus(a);
            return {
              name: a.name,
              interfaceDescription: a.interfaceDescription,
              componentId: a.componentId,
              status,
              receiveLinkSpeed: a.linkSpeedBps,
              driverVersion: a.driverVersion,
              ipv6Addresses: a.addresses.filter((x) => x.family === 'IPv6').map((x) => ({ address: x.address, prefixLength: x.prefixLength })),
              // Get-NetRoute reads the active store: a disconnected interface has no routes there.
              ipv6Gateways: status === 'Up' && a.ipv6Gateway ? [a.ipv6Gateway] : [],
              hasIPv4: a.addresses.some((x) => x.family === 'IPv4'),
            };
          }),
        };
      }),
      driverStore: part(() => {
        command(host, 'pnputil.exe', 17);
        const wanted = String(p.infName).toLowerCase();
        return { packages: host.driverStore.filter((d) => d.originalName.toLowerCase() === wanted).map(pnputilEntry) };
      }),
      drives: part(() => {
        command(host, 'Get-SmbMapping', 150);
        return { mappings: host.driveMappings.map((m) => ({ ...m })) };
      }),
      openvpn: part(() => {
        const o = host.openvpn;
        if (!o) return { installed: false, installDir: null, version: null, configs: [] };
        return {
          installed: true,
          installDir: o.installDir,
          version: o.version,
          configs: o.configs.map((c) => {
            const verbs = [...c.text.matchAll(/^\s*verb\s+(\d+)/gm)];
            return { path: c.path, verb: verbs.length > 0 ? Number(verbs[verbs.length - 1]![1]) : null };
          }),
        };
      }),
      systemDrive: part(() => ({ name: 'C:', freeBytes: host.system.systemDriveFreeBytes, totalBytes: host.system.systemDriveTotalBytes })),
    };
  },

  'readiness.reachability': ({ host, network }, p) => {
    const timeoutMs = Number(p.timeoutMs);
    return {
      tcp: (p.tcp as Array<{ host: string; port: number }>).map((t) => ({ host: t.host, port: t.port, ...network.connect(host, t.host, t.port, timeoutMs) })),
      ping: (p.ping as Array<{ address: string }>).map((t) => {
        const reply = network.ping(host, t.address);
        return { address: t.address, answered: reply.answered, roundTripMs: reply.answered ? 1 : null, detail: reply.detail };
      }),
    };
  },

  'readiness.controller': ({ host }, p) => {
    const share = p.testShare as { name: string; files: string[] };
    return {
      studio: part(() => {
        const studio = host.hlkStudio;
        if (!studio) return { installed: false, directory: null, missingAssemblies: [], controller: null, database: null };
        return {
          installed: studio.missingAssemblies.length === 0,
          directory: studio.directory,
          missingAssemblies: [...studio.missingAssemblies],
          controller: studio.controller,
          database: studio.database,
        };
      }),
      services: part(() => ({ services: serviceList(host, p.services as string[]) })),
      testShare: part(() => {
        command(host, 'Get-SmbShare', 52);
        const found = host.shares.find((s) => s.name.toLowerCase() === share.name.toLowerCase());
        if (!found) return { exists: false, path: null, missing: [] };
        const holds = new Set(found.holds.map((f) => f.toLowerCase()));
        return { exists: true, path: found.path, missing: share.files.filter((f) => !holds.has(f.toLowerCase())) };
      }),
    };
  },

  'signing.enableTestSigning': ({ host }) => {
    command(host, 'bcdedit.exe', 4);
    if (!host.system.elevated) {
      throw new SimulatedScriptError('bcdedit refused to turn test signing on (exit code 1): The boot configuration data store could not be opened. Access is denied.', 10);
    }
    if (host.signing.secureBoot) {
      throw new SimulatedScriptError(
        'bcdedit refused to turn test signing on (exit code 1): An error has occurred setting the element data. The value is protected by Secure Boot policy and cannot be modified or deleted.',
        10,
      );
    }
    host.signing.testSigning = true;
    return { testSigningConfigured: true, rebootNeeded: true };
  },

  'signing.importCertificate': ({ host }, p) => {
    // [Convert]::FromBase64String skips white space and refuses anything else that is not base64.
    const base64 = String(p.certificate).replace(/[ \t\r\n]/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
      throw new SimulatedScriptError(
        'Exception calling "FromBase64String" with "1" argument(s): "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters. "',
        4,
      );
    }
    let certificate;
    try {
      certificate = describeCertificate(new X509Certificate(Buffer.from(base64, 'base64')).raw);
    } catch {
      throw new SimulatedScriptError('Exception calling "new" with "1" argument(s): "Cannot find the requested object."', 5);
    }
    if (!host.system.elevated) throw new SimulatedScriptError('Exception calling "Open" with "1" argument(s): "Access is denied."', 9);
    const stores = ['Root', 'TrustedPublisher'] as const;
    for (const store of stores) {
      if (!host.certificates.some((c) => c.store === store && c.thumbprint === certificate.thumbprint)) {
        host.certificates.push({ store, subject: certificate.subject, thumbprint: certificate.thumbprint, notAfter: certificate.notAfter });
      }
    }
    return { subject: certificate.subject, thumbprint: certificate.thumbprint, stores: [...stores] };
  },

  'driver.removePackages': ({ host }, p) => {
    command(host, 'pnputil.exe', 5);
    return {
      results: (p.oemNumbers as number[]).map((n) => {
        const publishedName = `oem${n}.inf`;
        const found = host.driverStore.find((d) => d.publishedName.toLowerCase() === publishedName);
        const answer = (removed: boolean, message: string) => ({ publishedName, removed, message });
        if (!host.system.elevated) return answer(false, 'Failed to delete driver package: Access is denied.');
        if (!found) return answer(false, 'Failed to delete driver package: The system cannot find the file specified.');
        if (host.adapters.some((a) => a.driverVersion === found.version)) {
          return answer(false, 'Failed to delete driver package: One or more devices are presently installed using the specified INF.');
        }
        host.driverStore = host.driverStore.filter((d) => d !== found);
        return answer(true, 'Driver package deleted successfully.');
      }),
    };
  },

  'shares.removeMappings': ({ host }, p) => {
    command(host, 'Get-SmbMapping', 7);
    const removed = [];
    for (const localPath of p.localPaths as string[]) {
      const mapping = host.driveMappings.find((m) => m.localPath.toLowerCase() === localPath.toLowerCase());
      if (!mapping) throw new SimulatedScriptError(`There is no network drive ${localPath} on this machine.`, 9);
      host.driveMappings = host.driveMappings.filter((m) => m !== mapping);
      removed.push(localPath);
    }
    return { removed };
  },

  ...collectionBehaviours,
  ...hlkBehaviours,
  ...tapdiagBehaviours,
  ...driverPackageBehaviours,
  ...provisioningBehaviours,
};

/** One part of a gathered answer: its value, or the message of what stopped it (as the script's Read-Part). */
function part<T>(read: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (e instanceof SimulatedScriptError) return { ok: false, error: e.message };
    throw e;
  }
}

/** What the *-Service cmdlets say without elevation: the service control manager will not open the service. */
function cannotOpen(s: SimulatedService, verb: 'started' | 'stopped', line: number): SimulatedScriptError {
  return new SimulatedScriptError(`Service '${s.displayName} (${s.name})' cannot be ${verb} due to the following error: Cannot open ${s.name} service on computer '.'.`, line);
}

/** PowerShell's answer to a command that is not on the machine. */
function command(host: SimulatedHost, name: string, line: number): void {
  if (host.missingCommands.has(name.toLowerCase())) {
    throw new SimulatedScriptError(
      `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
      line,
    );
  }
}

/** What `bcdedit /enum {current}` answers: it needs an elevated session. */
function bcdedit(host: SimulatedHost): { exitCode: number; output: string } {
  command(host, 'bcdedit.exe', 17);
  if (!host.system.elevated) return { exitCode: 1, output: 'The boot configuration data store could not be opened. Access is denied.' };
  return { exitCode: 0, output: '' };
}

function serviceList(host: SimulatedHost, names: string[]) {
  return names.map((name) => {
    const s: SimulatedService | undefined = host.service(name);
    return s
      ? { name: s.name, exists: true, status: s.status, startType: s.startType, displayName: s.displayName }
      : { name, exists: false, status: null, startType: null, displayName: null };
  });
}

function pnputilEntry(d: SimulatedHost['driverStore'][number]) {
  return { publishedName: d.publishedName, originalName: d.originalName, provider: d.provider, className: d.className, version: d.version, date: d.date };
}

/** Whether an adapter holds an address (IPv6 compared by value, IPv4 as text). */
export function adapterHolds(adapter: SimulatedAdapter, address: string): boolean {
  return adapter.addresses.some((a) => a.address === address || (a.family === 'IPv6' && sameIPv6(a.address, address)));
}

/**
 * The behaviour for an operation named on the wire. The request loop hands it the parameters as they
 * arrived: the lab checked the name and the script, the machine's side checked the parameters.
 */
export function behaviourFor(name: string): ((ctx: BehaviourContext, params: unknown) => unknown) | undefined {
  if (!Object.hasOwn(behaviours, name)) return undefined;
  return behaviours[name as keyof Behaviours] as (ctx: BehaviourContext, params: unknown) => unknown;
}
