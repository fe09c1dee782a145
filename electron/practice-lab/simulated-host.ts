import type { MachineRole } from '../../shared/lab';
import type { SimulatedDriverFolder, SimulatedMadeFile } from './driver-package';
import type { SimulatedHlkStudio } from './hlk-model';
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

/**
 * tapdiag on a client or support machine (what the tool does is in shared/operations/tapdiag.ts): where the
 * tool is, whether the driver was built with the tapdiag endpoint, and the driver's TapDiag registry value.
 */
export interface SimulatedTapdiag {
  /** Where tapdiag.exe is; null when it is not on the machine. */
  toolPath: string | null;
  /** The installed tap-windows6 has the tapdiag endpoint (the HLK build); older builds do not. */
  driverSupportsEndpoint: boolean;
  /** HKLM\SYSTEM\CurrentControlSet\Services\tap0901 TapDiag = 1. The driver reads it when it loads. */
  registryEnabled: boolean;
}

/** What the TAP driver holds only while it is loaded: a reboot or an adapter restart resets it. */
export interface TapDriverRuntime {
  /** The driver opened its tapdiag endpoint when it loaded (TapDiag was set, and the build has it). */
  endpointOpen: boolean;
  /** The virtual cable: off takes the TAP adapter's media state down. */
  link: 'on' | 'off';
  /** 802.1Q priority/VLAN header handling; the driver starts with it off. */
  q: 'on' | 'off' | 'always';
  /** How many times tapdiag changed the link since the machine started (LinkCheck watches it). */
  linkChanges: number;
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
  tapdiag?: SimulatedTapdiag;
  /** Driver package folders: the one kept for the submission, the copies in the driver store. */
  driverFolders?: SimulatedDriverFolder[];
  /** Files put on the machine for provisioning (a driver folder, an installer), by Windows path, with their text. */
  storedFiles?: SimulatedStoredFile[];
  deviceGuard?: SimulatedDeviceGuard;
  verifier?: SimulatedVerifier | null;
}

/**
 * Device Guard on the machine: whether the hardware can run virtualization-based security (virtualization
 * extensions with SLAT), the values in HKLM\SYSTEM\CurrentControlSet\Control\DeviceGuard that turn VBS
 * and HVCI on (read at boot), and whether they run in this boot.
 */
export interface SimulatedDeviceGuard {
  capable: boolean;
  /** EnableVirtualizationBasedSecurity, RequirePlatformSecurityFeatures, HypervisorEnforcedCodeIntegrity (the Scenarios key's Enabled). */
  registry: Record<string, number>;
  running: boolean;
}

/** Driver Verifier's settings for the next boot, as verifier.exe writes them (VerifyDrivers, VerifyDriverLevel). */
export interface SimulatedVerifier {
  drivers: string[];
  flags: number;
}

export function deviceGuardConfigured(guard: SimulatedDeviceGuard): boolean {
  return guard.registry.EnableVirtualizationBasedSecurity === 1 && guard.registry.HypervisorEnforcedCodeIntegrity === 1;
}

/** A small file the provisioning operations read on the machine (an INF, a stand-in installer). */
export interface SimulatedStoredFile {
  path: string;
  text: string;
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
  tapdiag: SimulatedTapdiag;
  tapDriver: TapDriverRuntime;
  driverFolders: SimulatedDriverFolder[];
  /** What scripts wrote on the machine (the attestation .ddf and .cab) and the folders they made. */
  madeFiles: SimulatedMadeFile[] = [];
  storedFiles: SimulatedStoredFile[];
  deviceGuard: SimulatedDeviceGuard;
  verifier: SimulatedVerifier | null;
  bootTime: Date;
  /** Its files, as log collection reads them over SFTP. */
  files: SimulatedFileSystem;
  faults: Faults = noFaults();
  /** shutdown.exe was told to reboot and the reboot has not happened yet: Windows refuses a second one. */
  rebootScheduled = false;
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
    this.tapdiag = structuredClone(spec.tapdiag ?? { toolPath: null, driverSupportsEndpoint: false, registryEnabled: false });
    this.driverFolders = structuredClone(spec.driverFolders ?? []);
    this.storedFiles = structuredClone(spec.storedFiles ?? []);
    this.deviceGuard = structuredClone(spec.deviceGuard ?? { capable: true, registry: {}, running: false });
    this.verifier = structuredClone(spec.verifier ?? null);
    this.tapDriver = { endpointOpen: false, link: 'on', q: 'off', linkChanges: 0 };
    this.loadTapDriver();
    this.bootTime = bootTime;
    this.files = practiceFiles(spec);
  }

  /**
   * What Get-NetAdapter says of an adapter's state: a tunnel adapter has a link only while its service runs,
   * and a TAP adapter whose cable tapdiag unplugged has none either.
   */
  adapterStatus(adapter: SimulatedAdapter): SimulatedAdapter['status'] {
    if (adapter.status !== 'Up') return adapter.status;
    if (isTapAdapter(adapter) && this.tapDriver.link === 'off') return 'Disconnected';
    if (!adapter.connectedBy) return adapter.status;
    return adapter.connectedBy.some((name) => this.service(name)?.status === 'Running') ? 'Up' : 'Disconnected';
  }

  /** The TAP driver (re)loads: it reads TapDiag, and everything tapdiag set at run time is gone. */
  loadTapDriver(): void {
    this.tapDriver.endpointOpen = this.tapdiag.registryEnabled && this.tapdiag.driverSupportsEndpoint && this.adapters.some(isTapAdapter);
    this.tapDriver.link = 'on';
    this.tapDriver.q = 'off';
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
    this.rebootScheduled = false;
    this.system.pendingReboot = [];
    this.signing.testSigningActive = this.signing.testSigning;
    this.deviceGuard.running = this.deviceGuard.capable && deviceGuardConfigured(this.deviceGuard);
    for (const s of this.services.values()) {
      s.status = s.startType === 'Automatic' && !s.failsToStart ? 'Running' : 'Stopped';
    }
    this.loadTapDriver();
  }
}

/** The TAP adapter of tap-windows6 (its component id is the driver's hardware id). */
export function isTapAdapter(adapter: SimulatedAdapter): boolean {
  return adapter.componentId.toLowerCase() === 'tap0901';
}
