import { lanTestList } from '../hlk-model';
import type { SimulatedHost, SimulatedService } from '../simulated-host';

/**
 * One simulated machine's state as the Windows stand-in (windows.ps1) reads and writes it: JSON, the same
 * state the TypeScript model works on. The practice lab writes it before a request and reads back what
 * the script changed, so both engines act on one machine.
 */

/** Manufacturers as Win32_ComputerSystem names them; the model keeps "Manufacturer Model" as one string. */
const MANUFACTURERS = ['Dell Inc.', 'innotek GmbH', 'Microsoft Corporation', 'VMware, Inc.', 'QEMU', 'Xen', 'HP', 'Lenovo', 'Parallels Software International Inc.'];

function splitHardware(hardware: string): { manufacturer: string; model: string } {
  const manufacturer = MANUFACTURERS.find((m) => hardware === m || hardware.startsWith(`${m} `));
  return manufacturer ? { manufacturer, model: hardware.slice(manufacturer.length).trim() } : { manufacturer: '', model: hardware };
}

export function standInState(host: SimulatedHost): Record<string, unknown> {
  return {
    user: host.user,
    ...splitHardware(host.system.hardware),
    system: host.system,
    bootTime: host.bootTime.toISOString(),
    services: [...host.services.values()],
    adapters: host.adapters,
    signing: host.signing,
    certificates: host.certificates,
    driverStore: host.driverStore,
    driveMappings: host.driveMappings,
    openvpn: host.openvpn,
    hlkStudio: host.hlkStudio,
    // The kit's tests, which a project HLK creates starts with (read only).
    hlkKitTests: host.hlkStudio ? lanTestList() : null,
    shares: host.shares,
    listening: host.listening,
    missingCommands: [...host.missingCommands],
    tapdiag: host.tapdiag,
    tapDriver: host.tapDriver,
    storedFiles: host.storedFiles,
    deviceGuard: host.deviceGuard,
    verifier: host.verifier,
    rebootScheduled: host.rebootScheduled,
    rebootRequestedInSeconds: null,
    driverFolders: host.driverFolders,
    madeFiles: host.madeFiles,
  };
}

export function standInStateJson(host: SimulatedHost): string {
  return JSON.stringify(standInState(host));
}

/** What a script can change on a machine, as the stand-in writes it back. */
interface WrittenBack {
  system: SimulatedHost['system'];
  services: SimulatedService[];
  adapters: SimulatedHost['adapters'];
  signing: SimulatedHost['signing'];
  certificates: SimulatedHost['certificates'];
  driverStore: SimulatedHost['driverStore'];
  driveMappings: SimulatedHost['driveMappings'];
  hlkStudio: SimulatedHost['hlkStudio'];
  tapdiag: SimulatedHost['tapdiag'];
  tapDriver: SimulatedHost['tapDriver'];
  deviceGuard: SimulatedHost['deviceGuard'];
  verifier: SimulatedHost['verifier'];
  rebootScheduled: boolean;
  rebootRequestedInSeconds: number | null;
  madeFiles: SimulatedHost['madeFiles'];
}

/**
 * Takes back what a script changed on the machine. Returns the reboot the script asked for (shutdown.exe's
 * delay in seconds), or null.
 */
export function applyStandInState(host: SimulatedHost, json: string): { rebootInSeconds: number | null } {
  const state = JSON.parse(json) as WrittenBack;
  host.system = state.system;
  host.services = new Map(state.services.map((service) => [service.name.toLowerCase(), service]));
  host.adapters = state.adapters;
  host.signing = state.signing;
  host.certificates = state.certificates;
  host.driverStore = state.driverStore;
  host.driveMappings = state.driveMappings;
  host.hlkStudio = state.hlkStudio;
  host.tapdiag = state.tapdiag;
  host.tapDriver = state.tapDriver;
  host.deviceGuard = state.deviceGuard;
  host.verifier = state.verifier;
  host.rebootScheduled = state.rebootScheduled;
  host.madeFiles = state.madeFiles;
  return { rebootInSeconds: state.rebootRequestedInSeconds };
}
