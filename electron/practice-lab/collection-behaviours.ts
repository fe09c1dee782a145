import { createHash } from 'node:crypto';
import type { Behaviours } from './behaviour';
import type { SimulatedAdapter, SimulatedHost } from './simulated-host';
import { wildcard, type SimulatedFile } from './simulated-files';

/**
 * The log collection operations on a simulated machine: the models of logs-prepare.ps1,
 * logs-hash-files.ps1 and logs-remove-staging.ps1. Snapshots print what the real commands print for the
 * machine's state; event logs are exported as .evtx-shaped files; patterns expand over the machine's files
 * as Get-ChildItem does; a file another process holds is listed as not readable with .NET's message.
 */

const CRLF = '\r\n';

interface Listed {
  path: string;
  size: number;
  modified: string;
  source: string;
  readable: boolean;
  problem: string | null;
}

interface Item {
  source: string;
  what: string;
  files: number;
  problem: string | null;
}

/** The environment variables the plan's paths use, as an elevated SSH session of the machine's user sees them. */
function environment(host: SimulatedHost): Map<string, string> {
  const profile = `C:\\Users\\${host.user}`;
  const env: Record<string, string> = {
    SystemRoot: 'C:\\Windows',
    windir: 'C:\\Windows',
    SystemDrive: 'C:',
    ProgramFiles: 'C:\\Program Files',
    'ProgramFiles(x86)': 'C:\\Program Files (x86)',
    ProgramData: 'C:\\ProgramData',
    USERPROFILE: profile,
    TEMP: `${profile}\\AppData\\Local\\Temp`,
    TMP: `${profile}\\AppData\\Local\\Temp`,
    COMPUTERNAME: host.system.computerName,
  };
  return new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]));
}

/** [Environment]::ExpandEnvironmentVariables: known names replaced (any case), unknown ones left as written. */
function expand(text: string, env: Map<string, string>): string {
  return text.replace(/%([^%]+)%/g, (whole, name: string) => env.get(name.toLowerCase()) ?? whole);
}

function inUse(path: string): string {
  return `The process cannot access the file '${path}' because it is being used by another process.`;
}

/** The event logs every practice machine has. No HLK or WTT channel: real installations vary here. */
const channels = [
  'Application',
  'Microsoft-Windows-CodeIntegrity/Operational',
  'Microsoft-Windows-Kernel-PnP/Configuration',
  'Microsoft-Windows-NDIS/Operational',
  'OpenSSH/Operational',
  'Security',
  'Setup',
  'System',
];

/** An exported channel: the EVTX file header and chunk signatures around deterministic records. */
function evtx(host: SimulatedHost, channel: string): Buffer {
  const size = channel === 'System' ? 1024 * 1024 : channel === 'Application' ? 768 * 1024 : 128 * 1024;
  const bytes = Buffer.alloc(size);
  let seed = createHash('sha256').update(`${host.name}:${channel}`).digest();
  for (let at = 0; at < size; at += seed.length) {
    seed.copy(bytes, at);
    seed = createHash('sha256').update(seed).digest();
  }
  bytes.write('ElfFile\0', 0, 'latin1');
  for (let chunk = 4096; chunk < size; chunk += 65536) bytes.write('ElfChnk\0', chunk, 'latin1');
  return bytes;
}

function ipconfig(host: SimulatedHost): string {
  const lines = [
    '',
    'Windows IP Configuration',
    '',
    `   Host Name . . . . . . . . . . . . : ${host.system.computerName}`,
    '   Primary Dns Suffix  . . . . . . . : ',
    '   Node Type . . . . . . . . . . . . : Hybrid',
    '   IP Routing Enabled. . . . . . . . : No',
    '   WINS Proxy Enabled. . . . . . . . : No',
  ];
  for (const a of host.adapters) {
    const up = host.adapterStatus(a) === 'Up';
    lines.push('', `Ethernet adapter ${a.name}:`, '');
    if (!up) lines.push('   Media State . . . . . . . . . . . : Media disconnected');
    lines.push(
      '   Connection-specific DNS Suffix  . : ',
      `   Description . . . . . . . . . . . : ${a.interfaceDescription}`,
      `   Physical Address. . . . . . . . . : ${a.macAddress}`,
      '   DHCP Enabled. . . . . . . . . . . : No',
      '   Autoconfiguration Enabled . . . . : Yes',
    );
    if (!up) continue;
    for (const x of a.addresses) {
      if (x.family === 'IPv6') lines.push(`   IPv6 Address. . . . . . . . . . . : ${x.address}(Preferred) `);
      else {
        lines.push(`   IPv4 Address. . . . . . . . . . . : ${x.address}(Preferred) `);
        lines.push(`   Subnet Mask . . . . . . . . . . . : ${prefixToMask(x.prefixLength)}`);
      }
    }
    lines.push('   Default Gateway . . . . . . . . . : ', '   NetBIOS over Tcpip. . . . . . . . : Enabled');
  }
  return lines.join(CRLF) + CRLF;
}

function prefixToMask(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 255).join('.');
}

function tapAdapters(host: SimulatedHost): SimulatedAdapter[] {
  return host.adapters.filter((a) => a.componentId === 'tap0901');
}

function pnputil(host: SimulatedHost): string {
  const lines = ['Microsoft PnP Utility', ''];
  for (const p of host.driverStore) {
    lines.push(
      `Published Name:     ${p.publishedName}`,
      `Original Name:      ${p.originalName}`,
      `Provider Name:      ${p.provider}`,
      `Class Name:         ${p.className}`,
      'Class GUID:         {4d36e972-e325-11ce-bfc1-08002be10318}',
      `Driver Version:     ${p.date} ${p.version}`,
      '',
    );
  }
  return lines.join(CRLF) + CRLF;
}

function netUse(host: SimulatedHost): string {
  const lines = ['New connections will be remembered.', ''];
  if (host.driveMappings.length === 0) lines.push('There are no entries in the list.', '');
  else {
    lines.push('', 'Status       Local     Remote                    Network', '', '-'.repeat(79));
    for (const m of host.driveMappings) {
      lines.push(`${m.status.padEnd(13)}${m.localPath.padEnd(10)}${m.remotePath.padEnd(26)}Microsoft Windows Network`);
    }
    lines.push('The command completed successfully.', '');
  }
  return lines.join(CRLF) + CRLF;
}

function verifier(host: SimulatedHost): string {
  if (tapAdapters(host).length === 0) return `No drivers are currently verified.${CRLF}`;
  return [
    '04/29/2024, 08:12:01',
    '',
    'Level: 000209BB',
    'RaiseIrqls: 0',
    'AcquireSpinLocks: 48211',
    'SynchronizeExecutions: 0',
    'AllocationsAttempted: 1024',
    'AllocationsSucceeded: 1024',
    '',
    'Verified drivers:',
    '',
    'Name: tap0901.sys, loads: 3, unloads: 2',
    '    CurrentPagedPoolAllocations: 0',
    '    CurrentNonPagedPoolAllocations: 14',
    '',
  ].join(CRLF);
}

function bcdedit(host: SimulatedHost): string {
  return [
    '',
    'Windows Boot Manager',
    '--------------------',
    'identifier              {bootmgr}',
    'device                  partition=\\Device\\HarddiskVolume1',
    'description             Windows Boot Manager',
    'locale                  en-US',
    'default                 {current}',
    'displayorder            {current}',
    'timeout                 30',
    '',
    'Windows Boot Loader',
    '-------------------',
    'identifier              {current}',
    'device                  partition=C:',
    'path                    \\Windows\\system32\\winload.exe',
    `description             ${host.system.productName}`,
    'locale                  en-US',
    `testsigning             ${host.signing.testSigning ? 'Yes' : 'No'}`,
    'osdevice                partition=C:',
    'systemroot              \\Windows',
    'nx                      OptOut',
    '',
  ].join(CRLF);
}

function adapterDetails(host: SimulatedHost): string {
  const blocks = host.adapters.map((a) =>
    [
      `Name                        : ${a.name}`,
      `InterfaceDescription        : ${a.interfaceDescription}`,
      `ifIndex                     : ${a.ifIndex}`,
      `Status                      : ${host.adapterStatus(a)}`,
      `MacAddress                  : ${a.macAddress}`,
      `LinkSpeed                   : ${a.linkSpeedBps / 1e9} Gbps`,
      `DriverVersion               : ${a.driverVersion}`,
      `ComponentID                 : ${a.componentId}`,
    ].join(CRLF),
  );
  return ['', '', ...blocks.flatMap((b) => [b, '']), ''].join(CRLF);
}

/** Each snapshot: the program logs-prepare.ps1 starts (null for a PowerShell one) and what it prints here. */
const snapshots: Record<string, { program: string | null; print: (host: SimulatedHost) => string }> = {
  'ipconfig-all': { program: 'ipconfig.exe', print: ipconfig },
  'net-use': { program: 'net.exe', print: netUse },
  'verifier-query': { program: 'verifier.exe', print: verifier },
  'pnputil-drivers': { program: 'pnputil.exe', print: pnputil },
  'bcdedit-enum': { program: 'bcdedit.exe', print: bcdedit },
  adapters: { program: null, print: adapterDetails },
};

function stagingFolder(host: SimulatedHost, run: string): string {
  return `${environment(host).get('temp')}\\hlk-assist-${run}`;
}

export const collectionBehaviours = {
  'logs.prepare': ({ host }, p) => {
    const env = environment(host);
    const staging = stagingFolder(host, String(p.run));
    const maxFiles = Number(p.maxFiles);
    host.files.removeFolder(staging);
    const files: Listed[] = [];
    const items: Item[] = [];
    const seen = new Set<string>();
    const listed: SimulatedFile[] = [];
    const add = (file: SimulatedFile, source: string): boolean => {
      if (files.length >= maxFiles) return false;
      if (seen.has(file.path.toLowerCase())) return true;
      seen.add(file.path.toLowerCase());
      listed.push(file);
      files.push({
        path: file.path,
        size: file.content().length,
        modified: file.modified.toISOString(),
        source,
        readable: !file.lockedBy,
        problem: file.lockedBy ? inUse(file.path) : null,
      });
      return true;
    };

    for (const id of p.snapshots as string[]) {
      const snapshot = snapshots[id]!;
      if (snapshot.program && host.missingCommands.has(snapshot.program)) {
        // Start-Process throws before it creates any file.
        items.push({ source: `snapshot:${id}`, what: id, files: 0, problem: 'This command cannot be run due to the error: The system cannot find the file specified.' });
        continue;
      }
      const text = Buffer.from(snapshot.print(host), 'latin1');
      add(host.files.add(`${staging}\\snapshots\\${id}.txt`, text), `snapshot:${id}`);
      items.push({ source: `snapshot:${id}`, what: id, files: 1, problem: null });
    }
    for (const pattern of p.eventLogs as string[]) {
      const matched = channels.filter((c) => wildcard(pattern).test(c));
      if (matched.length === 0) items.push({ source: `eventlog:${pattern}`, what: pattern, files: 0, problem: 'no such event log on this machine' });
      for (const channel of matched) {
        const file = host.files.add(`${staging}\\eventlogs\\${channel.replace(/\//g, '%4')}.evtx`, evtx(host, channel));
        add(file, `eventlog:${channel}`);
        items.push({ source: `eventlog:${channel}`, what: channel, files: 1, problem: null });
      }
    }
    for (const entry of p.paths as Array<{ source: string; pattern: string }>) {
      const expanded = expand(entry.pattern, env);
      const unknown = /%[^%\\]+%/.exec(expanded);
      if (unknown) {
        items.push({ source: entry.source, what: entry.pattern, files: 0, problem: `${entry.pattern}: the machine has no environment variable ${unknown[0]}` });
        continue;
      }
      let count = 0;
      let problem: string | null = null;
      for (const file of host.files.match(expanded)) {
        if (!add(file, entry.source)) {
          problem = `more than ${maxFiles} files; the rest were left out`;
          break;
        }
        count++;
      }
      items.push({ source: entry.source, what: entry.pattern, files: count, problem });
    }
    // What HLK removes as a job finishes is gone by the time anyone fetches it.
    for (const file of listed) if (file.vanishesAfterListing) host.files.remove(file.path);
    return { staging, files, items };
  },

  'logs.hashFiles': ({ host }, p) => ({
    files: (p.files as Array<{ path: string; length: number }>).map(({ path, length }) => {
      const file = host.files.get(path);
      const fail = (problem: string) => ({ path, sha256: null, problem });
      if (!file) return fail(`Could not find file '${path}'.`);
      if (file.lockedBy) return fail(inUse(file.path));
      const bytes = file.content();
      if (bytes.length < length) return fail(`the file is now ${bytes.length} bytes, shorter than the ${length} bytes copied`);
      return { path, sha256: createHash('sha256').update(bytes.subarray(0, length)).digest('hex'), problem: null };
    }),
  }),

  'logs.removeStaging': ({ host }, p) => {
    const staging = stagingFolder(host, String(p.run));
    return { staging, removed: host.files.removeFolder(staging) > 0 };
  },
} satisfies Partial<Behaviours>;
