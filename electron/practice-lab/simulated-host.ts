import type { MachineRole } from '../../shared/api';
import { practiceFiles } from './practice-logs';
import type { SimulatedFileSystem } from './simulated-files';

/**
 * The state of one simulated Windows machine: what the operations read and what they change.
 * Everything here is plain data so a scenario can describe a machine in a few lines.
 */

export interface SimulatedService {
  name: string;
  displayName: string;
  status: 'Running' | 'Stopped';
  startType: 'Automatic' | 'Manual' | 'Disabled';
  /** Start-Service fails with this message (a broken install, a missing binary). */
  failsToStart?: string;
}

export interface SimulatedAdapter {
  name: string;
  interfaceDescription: string;
  ifIndex: number;
  status: 'Up' | 'Disconnected' | 'Disabled';
  linkSpeedBps: number;
  macAddress: string;
  driverVersion: string;
  componentId: string;
  addresses: Array<{ address: string; family: 'IPv4' | 'IPv6'; prefixLength: number }>;
  /** The next hop of the adapter's IPv6 default route (::/0), if it has one. */
  ipv6Gateway?: string | null;
  /** Services that bring the link up (OpenVPN for a TAP adapter): with none of them running the adapter is Disconnected. */
  connectedBy?: string[];
}

/** A certificate in a LocalMachine store. */
export interface SimulatedCertificate {
  store: 'Root' | 'TrustedPublisher';
  subject: string;
  thumbprint: string;
  notAfter: string;
}

/** A package in the driver store, as pnputil /enum-drivers lists it. */
export interface SimulatedDriverPackage {
  publishedName: string;
  originalName: string;
  provider: string;
  className: string;
  /** "x.y.z.w" */
  version: string;
  /** "MM/DD/YYYY" */
  date: string;
}

/** A network drive mapping as Get-SmbMapping (and net use) lists it. */
export interface SimulatedDriveMapping {
  localPath: string;
  remotePath: string;
  status: 'OK' | 'Unavailable' | 'Disconnected';
}

export interface SimulatedOpenVpn {
  installDir: string;
  version: string;
  /** Its configuration files (.ovpn) with their text. */
  configs: Array<{ path: string; text: string }>;
}

/** A machine as HLK's object model lists it. */
export interface SimulatedHlkMachine {
  name: string;
  pool: string;
  status: 'Ready' | 'NotReady' | 'Initializing' | 'Running';
  lastHeartbeat: string | null;
}

/** HLK Studio on the controller: its folder (WTTSTDIO), connect.xml, and the machines in its database. */
export interface SimulatedHlkStudio {
  directory: string;
  missingAssemblies: string[];
  controller: string;
  database: string;
  machines: SimulatedHlkMachine[];
}

/** An SMB share, with the relative paths of the files in it that anything asks about. */
export interface SimulatedShare {
  name: string;
  path: string;
  holds: string[];
}

/** A TCP port the machine answers on while its service (if any) runs and the machine is up. */
export interface SimulatedListener {
  port: number;
  service?: string;
}

export interface SimulatedSystem {
  computerName: string;
  osVersion: string;
  ubr: number;
  productName: string;
  edition: string;
  releaseId: string;
  cores: number;
  logicalProcessors: number;
  hardware: string;
  isVirtual: boolean;
  pendingReboot: string[];
  powershellVersion: string;
  elevated: boolean;
  /** Free and total bytes on the system drive (C:). */
  systemDriveFreeBytes: number;
  systemDriveTotalBytes: number;
}

/** Failures the practice lab can be told to produce, to rehearse them and to test against them. */
export interface Faults {
  /** Added before every answer. */
  latencyMs: number;
  /** The next answer is not a valid frame. */
  garbageNextAnswer: boolean;
  /** The next answer is a valid frame whose result has the wrong shape. */
  wrongShapeNextAnswer: boolean;
  /** The next operation never answers (the script hangs). */
  hangNextOperation: boolean;
  /** The machine reboots while the next operation runs, before it answers. */
  rebootDuringNextOperation: boolean;
}

export const noFaults = (): Faults => ({
  latencyMs: 0,
  garbageNextAnswer: false,
  wrongShapeNextAnswer: false,
  hangNextOperation: false,
  rebootDuringNextOperation: false,
});

export interface SimulatedHostSpec {
  name: string;
  role: MachineRole;
  user: string;
  password: string;
  system: SimulatedSystem;
  services: SimulatedService[];
  adapters: SimulatedAdapter[];
  /** bcdedit's testsigning for the next boot, whether this boot has it, and Secure Boot. */
  signing?: { testSigning: boolean; testSigningActive: boolean; secureBoot: boolean | null };
  certificates?: SimulatedCertificate[];
  driverStore?: SimulatedDriverPackage[];
  driveMappings?: SimulatedDriveMapping[];
  /** OpenVPN's installation (HKLM\SOFTWARE\OpenVPN), or null when it is not installed. */
  openvpn?: SimulatedOpenVpn | null;
  hlkStudio?: SimulatedHlkStudio | null;
  shares?: SimulatedShare[];
  listening?: SimulatedListener[];
  /** Commands that are not on this machine (lower case, e.g. "pnputil.exe", "get-smbmapping"). */
  missingCommands?: string[];
}

export class SimulatedHost {
  readonly name: string;
  readonly role: MachineRole;
  readonly user: string;
  password: string;
  system: SimulatedSystem;
  services: Map<string, SimulatedService>;
  adapters: SimulatedAdapter[];
  signing: { testSigning: boolean; testSigningActive: boolean; secureBoot: boolean | null };
  certificates: SimulatedCertificate[];
  driverStore: SimulatedDriverPackage[];
  driveMappings: SimulatedDriveMapping[];
  openvpn: SimulatedOpenVpn | null;
  hlkStudio: SimulatedHlkStudio | null;
  shares: SimulatedShare[];
  listening: SimulatedListener[];
  missingCommands: Set<string>;
  bootTime: Date;
  /** Its files, as log collection reads them over SFTP. */
  files: SimulatedFileSystem;
  faults: Faults = noFaults();
  /** True while the machine is rebooting or switched off: it accepts no connection. */
  down = false;

  constructor(spec: SimulatedHostSpec, bootTime = new Date(Date.now() - 3 * 3600_000)) {
    this.name = spec.name;
    this.role = spec.role;
    this.user = spec.user;
    this.password = spec.password;
    this.system = structuredClone(spec.system);
    this.services = new Map(spec.services.map((s) => [s.name.toLowerCase(), structuredClone(s)]));
    this.adapters = structuredClone(spec.adapters);
    this.signing = structuredClone(spec.signing ?? { testSigning: false, testSigningActive: false, secureBoot: false });
    this.certificates = structuredClone(spec.certificates ?? []);
    this.driverStore = structuredClone(spec.driverStore ?? []);
    this.driveMappings = structuredClone(spec.driveMappings ?? []);
    this.openvpn = structuredClone(spec.openvpn ?? null);
    this.hlkStudio = structuredClone(spec.hlkStudio ?? null);
    this.shares = structuredClone(spec.shares ?? []);
    this.listening = structuredClone(spec.listening ?? []);
    this.missingCommands = new Set((spec.missingCommands ?? []).map((c) => c.toLowerCase()));
    this.bootTime = bootTime;
    this.files = practiceFiles(spec);
  }

  /** What Get-NetAdapter says of an adapter's state: a tunnel adapter has a link only while its service runs. */
  adapterStatus(adapter: SimulatedAdapter): SimulatedAdapter['status'] {
    if (adapter.status !== 'Up' || !adapter.connectedBy) return adapter.status;
    return adapter.connectedBy.some((name) => this.service(name)?.status === 'Running') ? 'Up' : 'Disconnected';
  }

  /** Whether the machine answers on a TCP port now. */
  listensOn(port: number): boolean {
    const listener = this.listening.find((l) => l.port === port);
    return listener !== undefined && (listener.service === undefined || this.service(listener.service)?.status === 'Running');
  }

  service(name: string): SimulatedService | undefined {
    return this.services.get(name.toLowerCase());
  }

  /** What a boot does to the state: services follow their start type, runtime-only settings are gone. */
  boot(at: Date): void {
    this.bootTime = at;
    this.system.pendingReboot = [];
    this.signing.testSigningActive = this.signing.testSigning;
    for (const s of this.services.values()) {
      s.status = s.startType === 'Automatic' && !s.failsToStart ? 'Running' : 'Stopped';
    }
  }
}
