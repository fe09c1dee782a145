import { SimulatedFileSystem } from './simulated-files';
import type { SimulatedHostSpec } from './simulated-host';

/**
 * The logs on the practice lab's machines: the files a collection fetches, with realistic contents made
 * deterministically (the same bytes at every start), a few MB each so an interrupted copy has something
 * to resume. Each test machine carries one known failure from the OpenVPN HLK wiki or the driver blog in
 * its logs, so collecting and then analysing the practice lab finds something to explain:
 * client1 the missing NDISTest binaries of 1c_FaultHandling and the 0x800704c3 drive mapping error,
 * client2 an untrusted-root signature failure in setupapi.dev.log and a minidump, the support machine
 * OpenVPN losing its TAP adapter. client2 also has a task log held open by a running test (locked), and
 * a finished job's log that HLK removes just after it was listed (vanishes).
 */

const CRLF = '\r\n';
/** All practice logs end before this moment, so their contents do not depend on when the lab starts. */
const EPOCH = Date.UTC(2024, 3, 29, 8, 12, 1, 500);

/** mulberry32, seeded from a string: the same sequence for the same machine and file. */
function random(seed: string): () => number {
  let a = 0x9e3779b9;
  for (let i = 0; i < seed.length; i++) a = Math.imul(a ^ seed.charCodeAt(i), 0x85ebca6b) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const hex = (r: () => number, digits: number) =>
  Array.from({ length: digits }, () => '0123456789ABCDEF'[Math.floor(r() * 16)]).join('');

/** The lines of a log being made, with its size so far (CRLF line ends, as Windows writes them). */
class LogLines {
  private readonly lines: string[] = [];
  size = 0;

  add(...lines: string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.size += line.length + 2;
    }
  }

  bytes(): Buffer {
    return Buffer.from(this.lines.join(CRLF) + CRLF, 'utf8');
  }
}

function setupapiTime(ms: number): { date: string; time: string } {
  const d = new Date(ms);
  return {
    date: `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`,
  };
}

const devices = [
  'PCI\\VEN_8086&DEV_15BB&SUBSYS_08B11028&REV_10\\3&11583659&0&FE',
  'USB\\VID_046D&PID_C077\\5&2A0D4F1E&0&2',
  'SWD\\MSRRAS\\MS_NDISWANIPV6',
  'SWD\\MSRRAS\\MS_AGILEVPN',
  'ACPI\\PNP0A08\\0',
  'HID\\VID_046D&PID_C077\\6&1B4E7E2&0&0000',
  'STORAGE\\VOLUME\\{7F1C3A2E-0A54-11EF-A1B2-806E6F6E6963}#0000000000100000',
];

/** setupapi.dev.log: device install sections in the format the driver blog shows, tap0901's among them. */
function setupapiLog(machine: string, targetBytes: number, failure: boolean): Buffer {
  const r = random(`${machine}:setupapi`);
  const log = new LogLines();
  log.add(
    '[Device Install Log]',
    '     OS Version = 10.0.17763',
    '     Service Pack = 0.0',
    '     Suite = 0x0110',
    '     ProductType = 3',
    '     Architecture = amd64',
    '',
    '[BeginLog]',
    '',
  );
  let ms = EPOCH - 30 * 86400_000;
  let n = 0;
  while (log.size < targetBytes) {
    ms += Math.floor(r() * 600_000) + 1000;
    const start = setupapiTime(ms);
    const end = setupapiTime(ms + 180 + Math.floor(r() * 400));
    n++;
    if (n % 40 === 7) {
      log.add(...tapSection(start, end, failure && n % 120 === 7));
      continue;
    }
    const device = pick(r, devices);
    log.add(
      `>>>  [Device Install (Hardware initiated) - ${device}]`,
      `>>>  Section start ${start.date} ${start.time}`,
      `     ump: Creating Install Process: DrvInst.exe ${start.time}`,
      '     ndv: Retrieving device info...',
      '     ndv: Setting device parameters...',
      '     ndv: Searching Driver Store and Device Path...',
      `     dvi: {Build Driver List} ${start.time}`,
      '     dvi:      Searching for hardware ID(s):',
      `     dvi:           ${device.split('\\').slice(0, 2).join('\\').toLowerCase()}`,
      `     dvi:      Enumerating INFs from path list 'C:\\Windows\\INF'`,
      `     inf:      Searched ${1 + Math.floor(r() * 9)} potential matches in published INF directory`,
      `     dvi: {Build Driver List - exit(0x00000000)} ${start.time}`,
      '     ndv: Selecting best match from Driver Store (including Device Path)...',
      `     dvi:      Selected Driver: oem${Math.floor(r() * 40)}.inf, Rank 0x00FF0000`,
      `     ndv: {Core Device Install} ${end.time}`,
      '     ndv:      Device install status=0x00000000',
      `     ndv: {Core Device Install - exit(0x00000000)} ${end.time}`,
      `     ump: Server install process exited with code 0x00000000 ${end.time}`,
      `<<<  Section end ${end.date} ${end.time}`,
      '<<<  [Exit status: SUCCESS]',
      '',
      '',
    );
  }
  return log.bytes();
}

function tapSection(start: { date: string; time: string }, end: { date: string; time: string }, untrusted: boolean): string[] {
  const inf = 'C:\\Program Files\\TAP-Windows\\driver\\OemVista.inf';
  const head = [
    '>>>  [Device Install (UpdateDriverForPlugAndPlayDevices) - tap0901]',
    `>>>  Section start ${start.date} ${start.time}`,
    `      cmd: "C:\\Program Files\\TAP-Windows\\bin\\tapinstall.exe" install "${inf}" tap0901`,
    `     ndv: INF path: ${inf}`,
    '     ndv: Install flags: 0x00000001',
    '     ndv: {Update Device Driver - ROOT\\NET\\0000}',
    `     sto: {Import Driver Package: ${inf}} ${start.time}`,
    '     sto:      Driver Store   = C:\\Windows\\System32\\DriverStore (Online | 10.0.17763.1879)',
    '     sto:      Driver Package = ' + inf,
    '     sto:      Architecture   = amd64',
    '     sto:      Flags          = 0x00000000',
    '     sto:      Verifying driver package signature...',
  ];
  if (untrusted) {
    return [
      ...head,
      '!!!  sig:           Verifying file against specific (valid) catalog failed! (0x800b0109)',
      '!!!  sig:           Error 0x800b0109: A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.',
      `!!!  sto:      Failed to import driver package. Error = 0x800B0109`,
      `     sto: {Import Driver Package: exit(0x800b0109)} ${end.time}`,
      `<<<  Section end ${end.date} ${end.time}`,
      '<<<  [Exit status: FAILURE(0x800b0109)]',
      '',
      '',
    ];
  }
  return [
    ...head,
    '     sto:      Driver package signer = OpenVPN Inc. (test signing)',
    `     sto: {Import Driver Package: exit(0x00000000)} ${end.time}`,
    '     dvi:      Driver Version = 04/21/2021,9.24.6.601',
    '     dvi:      Service Name   = tap0901',
    `     ndv: {Update Device Driver - exit(00000000)} ${end.time}`,
    `<<<  Section end ${end.date} ${end.time}`,
    '<<<  [Exit status: SUCCESS]',
    '',
    '',
  ];
}

function openvpnTime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()} us=${pad((ms % 1000) * 1000 + 407, 6)}`;
}

/** OpenVPN 2.5 and later stamp lines `2024-04-29 08:12:01`. */
function openvpnIsoTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * An OpenVPN log of the wiki's static-key peer setup: start, link, periodic status, and (where asked) a
 * lost TAP adapter. Its time stamps are those of the installed version: 2.4's, or 2.5's ISO ones.
 */
function openvpnLog(machine: string, version: string, adapter: string, peer: string, targetBytes: number, loseTap: boolean): Buffer {
  const r = random(`${machine}:openvpn`);
  let ms = EPOCH - 2 * 86400_000;
  const lines = new LogLines();
  const iso = !/^2\.[0-4]\./.test(version);
  const log = (text: string) => lines.add(`${iso ? openvpnIsoTime(ms) : openvpnTime(ms)} ${text}`);
  const start = () => {
    log(`OpenVPN ${version} x86_64-w64-mingw32 [SSL (OpenSSL)] [LZO] [LZ4] [PKCS11] [AEAD] built on Apr 21 2021`);
    log('Windows version 6.2 (Windows 8 or greater) 64bit');
    log('library versions: OpenSSL 1.1.1k  25 Mar 2021, LZO 2.10');
    log('WARNING: INSECURE cipher with block size less than 128 bit (64 bit). This allows attacks like SWEET32.');
    log(`TAP-WIN32 device [${adapter}] opened: \\\\.\\Global\\{${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}}.tap`);
    log('TAP-Windows Driver Version 9.24');
    log('Data Channel MTU parms [ L:1590 D:1450 EF:58 EB:4 ET:32 EL:3 ]');
    log(`UDP link remote: [AF_INET]${peer}:1194`);
    log(`Peer Connection Initiated with [AF_INET]${peer}:1194`);
    log('Initialization Sequence Completed');
  };
  start();
  let i = 0;
  while (lines.size < targetBytes) {
    ms += 60_000 + Math.floor(r() * 5000);
    i++;
    if (loseTap && i === 1500) {
      log('read from TUN/TAP [State=AT?c Err=[c:\\users\\openvpn\\openvpn\\src\\openvpn\\tun.c:6385] #O=5 #A=0 #AO=1 #AO=0]: The I/O operation has been aborted because of either a thread exit or an application request.   (code=995)');
      log('TUN/TAP I/O operation aborted, exiting');
      log('SIGTERM[soft,tun-abort] received, process exiting');
      ms += 4000;
      start();
      continue;
    }
    if (i % 60 === 0) log(`Data Channel: using negotiated cipher 'AES-256-CBC'`);
    log(`MANAGEMENT: >BYTECOUNT:${Math.floor(r() * 9e8)},${Math.floor(r() * 9e8)}`);
  }
  return lines.bytes();
}

function wttTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}:${d.getUTCMonth() + 1}:${d.getUTCDate()} ${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}:${d.getUTCMilliseconds()}`;
}

/** WttEa.log: the execution agent's infrastructure log, in the wiki's format. */
function executionAgentLog(machine: string, targetBytes: number, staleMapping: boolean): Buffer {
  const r = random(`${machine}:wttea`);
  let ms = EPOCH - 86400_000;
  const log = new LogLines();
  const pid = 2980;
  for (let n = 0; log.size < targetBytes; n++) {
    ms += 1000 + Math.floor(r() * 20_000);
    const tid = 4000 + Math.floor(r() * 1500);
    let line: string;
    if (staleMapping && n === 4000) {
      line =
        `${pid} ${tid} ${wttTime(ms)} Error: 0x800704c3, Multiple connections to a server or shared resource by the same user, using more than one user name, are not allowed. ` +
        'Disconnect all previous connections to the server or shared resource and try again. ' +
        'CRunManager::GetLogLocation()::(null)::CAUSE:Error returned from EnableShareAccess to the root of "\\\\controller.hlk.local\\HLKLogs\\EaFolderAccessCheck\\4825BE12-3B91-4414-B8E2-5AD703D69BB3" ' +
        'File=sdktools\\wtt\\jobs\\runtime\\wttexecutionagent\\eamanager\\runmanager\\src\\runmanager.cpp Line=2379';
    } else {
      line = `${pid} ${tid} ${wttTime(ms)} Info: ${pick(r, [
        'CRunManager::ProcessRun()::Run started',
        'CExecutionTask::Execute()::Task completed with result Pass',
        'CHeartbeat::Send()::Heartbeat sent to controller.hlk.local:1771',
        'CJobManager::DownloadJob()::Job files copied to C:\\HLK\\JobsWorkingDir\\Tasks',
        'CRunManager::UploadLogs()::Logs uploaded to \\\\controller.hlk.local\\HLKLogs',
      ])}`;
    }
    log.add(line);
  }
  return log.bytes();
}

/** A task log of "Run NDISTest Client" for 1c_FaultHandling: the wiki's missing downlevel binaries, or a clean run. */
function taskLog(machine: string, job: string, targetBytes: number, missingBinaries: boolean): Buffer {
  const r = random(`${machine}:${job}`);
  const log = new LogLines();
  log.add('NDISTest 6.0 - 1 machine - 1c_FaultHandling', `Job: WTTJobRun${job}`, '');
  if (missingBinaries) {
    for (const v of ['62', '61', '6', '51']) {
      const name = v === '6' ? 'ndprot60.sys' : `ndprot${v}.sys`;
      const folder = `ntndis${v}`;
      log.add(
        'Cause : Failed to Start the Task',
        '',
        `Cause : Failed to Copy File : "\\\\controller.hlk.local\\tests\\AMD64\\nethlk\\ndistest\\bin\\${folder}\\${name}"`,
        `  Dest : "C:\\hlk\\JobsWorkingDir\\Tasks\\WTTJobRun${job}\\ndistest\\bin\\${folder}\\${name}"`,
        '',
        'Failure : Failed to Start the Task "Copy downlevel NDISTest binaries"',
        '',
        `Cause : Cannot Find Pattern "\\\\controller.hlk.local\\tests\\AMD64\\nethlk\\ndistest\\bin\\${folder}\\${name}"`,
        '',
      );
    }
  }
  while (log.size < targetBytes) {
    log.add(`[${hex(r, 4)}] NDISTest: Variation ${Math.floor(r() * 400)}: ${pick(r, ['Send packets', 'Receive packets', 'Query OID_GEN_LINK_SPEED', 'Reset miniport'])}: Pass`);
  }
  return log.bytes();
}

/** The DG_Readiness_Tool log, with tap0901 failing HVCI for executable pool memory. */
function deviceGuardLog(): Buffer {
  const log = new LogLines();
  log.add(
    'Readiness Tool Version 3.7.2',
    'Readiness Tool Log Path: C:\\DGLogs\\DeviceGuardCheckLog.txt',
    ' ====================== Step 1 Driver Compat ====================== ',
    'Driver compatibility check: tap0901.sys ndis.sys tcpip.sys',
    '',
    'InCompatible HVCI Kernel Driver Modules found',
    '',
    'Module: tap0901.sys',
    '    Reason: execute pool type count:                3',
    '',
    '        Execute Pool Type Count:                3',
    '        Execute Page Protection Count:          0',
    '        Execute Page Mapping Count:             0',
    '        Execute-Write Pool Type Count:          0',
    '        Execute-Write Page Protection Count:    0',
    '        Execute-Write Page Mapping Count:       0',
    '        Execute-Write Self-Modifying Code Count: 0',
    '        Section Alignment Failures Count:       0',
    '',
    ' ====================== Step 2 Secure boot present ====================== ',
    'Secure Boot is present',
  );
  return log.bytes();
}

/** A kernel small memory dump: the PAGEDU64 header with a bug check code, then pseudo-random pages. */
function minidump(machine: string, bugCheck: number, size: number): Buffer {
  const r = random(`${machine}:minidump`);
  const dump = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) dump.writeUInt32LE(Math.floor(r() * 0x100000000), i);
  dump.write('PAGEDU64', 0, 'latin1');
  dump.writeUInt32LE(15, 8); // MajorVersion: a free build
  dump.writeUInt32LE(17763, 12); // MinorVersion: the build
  dump.writeUInt32LE(bugCheck, 0x38);
  return dump;
}

/** Controller service logs under WTTSystemLogs. */
function controllerLog(name: string, targetBytes: number): Buffer {
  const r = random(`controller:${name}`);
  let ms = EPOCH - 3 * 86400_000;
  const log = new LogLines();
  while (log.size < targetBytes) {
    ms += 500 + Math.floor(r() * 30_000);
    log.add(`${1200 + Math.floor(r() * 50)} ${3000 + Math.floor(r() * 900)} ${wttTime(ms)} Info: ${pick(r, [
      'CMachinePool::Heartbeat()::HLK-CLIENT1 is Ready',
      'CMachinePool::Heartbeat()::HLK-CLIENT2 is Ready',
      'CMachinePool::Heartbeat()::HLK-SUPPORT is Ready',
      'CScheduler::Schedule()::Job scheduled on pool Default Pool',
      'CResultManager::Save()::Result saved',
    ])}`);
  }
  return log.bytes();
}

const HLK_CLIENT_LOGS = 'C:\\Program Files (x86)\\Windows Kits\\10\\Hardware Lab Kit\\Client\\WTTLogs';
const TASKS = 'C:\\HLK\\JobsWorkingDir\\Tasks';
const at = (hoursBeforeEpoch: number) => new Date(EPOCH - hoursBeforeEpoch * 3600_000);

/**
 * The files of one practice machine: what its role and its installed software leave (OpenVPN's log and
 * configuration where OpenVPN is installed, HLK's logs where the HLK client runs).
 */
export function practiceFiles(spec: SimulatedHostSpec): SimulatedFileSystem {
  const { name, role } = spec;
  const files = new SimulatedFileSystem();
  if (role === 'controller') {
    const logs = 'C:\\Program Files (x86)\\Windows Kits\\10\\Hardware Lab Kit\\Controller\\WTTSystemLogs';
    files.add(`${logs}\\WTTSvc.log`, () => controllerLog('WTTSvc', 768 * 1024), { modified: at(1) });
    files.add(`${logs}\\HLKSvc.log`, () => controllerLog('HLKSvc', 256 * 1024), { modified: at(1) });
    return files;
  }
  const client1 = name === 'client1';
  const client2 = name === 'client2';
  files.add('C:\\Windows\\INF\\setupapi.dev.log', () => setupapiLog(name, 3 * 1024 * 1024, client2), { modified: at(2) });
  files.add('C:\\Windows\\INF\\setupapi.app.log', () => setupapiLog(`${name}:app`, 96 * 1024, false), { modified: at(30) });
  if (spec.openvpn) {
    const dir = spec.openvpn.installDir.replace(/\\+$/, '');
    const tap = spec.adapters.find((a) => a.componentId === 'tap0901');
    const peer = spec.openvpn.configs[0]?.text.match(/^remote (\S+)/m)?.[1] ?? '10.0.250.11';
    const version = spec.openvpn.version;
    files.add(`${dir}\\log\\hlk.log`, () => openvpnLog(name, version, tap?.name ?? 'Ethernet 2', peer, 1024 * 1024, role === 'support'), { modified: at(0) });
    for (const config of spec.openvpn.configs) files.add(config.path, Buffer.from(config.text.replace(/\n/g, CRLF), 'utf8'), { modified: at(72) });
  }
  if (spec.services.some((s) => s.name === 'HLKSvc')) {
    files.add(`${HLK_CLIENT_LOGS}\\WttEa.log`, () => executionAgentLog(name, 512 * 1024, client1), { modified: at(0) });
    const job = client1 ? '76257277-2193-E911-82AA-080027895339' : `${client2 ? '8A1F' : '5C3E'}0D11-2193-E911-82AA-080027895339`;
    files.add(`${TASKS}\\WTTJobRun${job}\\TaskLog.log`, () => taskLog(name, job, 160 * 1024, client1), { modified: at(3) });
    files.add(`${TASKS}\\WTTJobRun${job}\\te.wtl`, () => taskLog(`${name}:wtl`, job, 64 * 1024, false), { modified: at(3) });
    if (client2) {
      const running = `${TASKS}\\WTTJobRunC2D4E6F8-2193-E911-82AA-080027895339`;
      files.add(`${running}\\te.wtl`, () => taskLog(`${name}:running`, 'C2D4E6F8', 48 * 1024, false), { modified: at(0), lockedBy: 'te.exe' });
      const finished = `${TASKS}\\WTTJobRun9B3C5D7E-2193-E911-82AA-080027895339`;
      files.add(`${finished}\\TaskLog.log`, () => taskLog(`${name}:finished`, '9B3C5D7E', 32 * 1024, false), {
        modified: at(0),
        vanishesAfterListing: true,
      });
    }
  }
  if (client1) files.add('C:\\DGLogs\\DeviceGuardCheckLog.txt', deviceGuardLog(), { modified: at(48) });
  if (client2) files.add('C:\\Windows\\Minidump\\042824-15031-01.dmp', () => minidump(name, 0xd1, 512 * 1024), { modified: at(20) });
  return files;
}
