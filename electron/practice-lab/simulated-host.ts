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
}

export class SimulatedHost {
  readonly name: string;
  readonly role: MachineRole;
  readonly user: string;
  password: string;
  system: SimulatedSystem;
  services: Map<string, SimulatedService>;
  adapters: SimulatedAdapter[];
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
    this.bootTime = bootTime;
    this.files = practiceFiles(spec.name, spec.role);
  }

  service(name: string): SimulatedService | undefined {
    return this.services.get(name.toLowerCase());
  }

  /** What a boot does to the state: services follow their start type, runtime-only settings are gone. */
  boot(at: Date): void {
    this.bootTime = at;
    this.system.pendingReboot = [];
    for (const s of this.services.values()) {
      s.status = s.startType === 'Automatic' && !s.failsToStart ? 'Running' : 'Stopped';
    }
  }
}
