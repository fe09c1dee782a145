import type { SimulatedHost } from './simulated-host';
import { collectionBehaviours } from './collection-behaviours';

/**
 * What each operation does on a simulated machine: the model of its PowerShell script. A behaviour
 * returns what the script would return, or throws SimulatedScriptError with the message PowerShell
 * would put in the error record.
 */

export class SimulatedScriptError extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

export interface BehaviourContext {
  host: SimulatedHost;
  /** Asks the lab to reboot this machine after the given delay. */
  scheduleReboot(delayMs: number): void;
}

type Params = Record<string, unknown>;
export type Behaviour = (ctx: BehaviourContext, params: Params) => unknown;

function formatLinkSpeed(bps: number): string {
  if (bps >= 1e9) return `${bps / 1e9} Gbps`;
  if (bps >= 1e6) return `${bps / 1e6} Mbps`;
  return `${bps / 1e3} Kbps`;
}

export const behaviours: Record<string, Behaviour> = {
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
      lastBootTime: host.bootTime.toISOString(),
      pendingReboot: [...s.pendingReboot],
      powershellVersion: s.powershellVersion,
      elevated: s.elevated,
    };
  },

  'system.bootTime': ({ host }) => ({ lastBootTime: host.bootTime.toISOString(), now: new Date().toISOString() }),

  'system.reboot': ({ host, scheduleReboot }, p) => {
    if (!host.system.elevated) {
      throw new SimulatedScriptError('shutdown.exe refused the reboot (exit code 5); is the session elevated?', 6);
    }
    const delay = Number(p.delaySeconds);
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
    if (!host.system.elevated) {
      throw new SimulatedScriptError(`Service '${s.displayName} (${s.name})' cannot be started due to the following error: Cannot open ${s.name} service on computer '.'.`, 9);
    }
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
      status: a.status,
      mediaConnectionState: a.status === 'Up' ? 'Connected' : 'Disconnected',
      linkSpeed: formatLinkSpeed(a.linkSpeedBps),
      receiveLinkSpeed: a.linkSpeedBps,
      macAddress: a.macAddress,
      driverVersion: a.driverVersion,
      componentId: a.componentId,
      addresses: a.addresses.map((x) => ({ ...x })),
    })),
  }),

  ...collectionBehaviours,
};
