import type { MachineRole } from '../lab';
import type { ResultOf } from '../operations/define';
import { hlkMachines } from '../operations/hlk';
import { hvciStatus } from '../operations/hvci';
import { readinessController, readinessMachine, readinessReachability } from '../operations/readiness';
import { systemFacts } from '../operations/system';
import { isRoutableIPv6, sameIPv6 } from './ipv6';
import type { ReadinessSettings } from './settings';

/**
 * The operation results checks read ("readings"), how their parameters follow from the lab's settings,
 * and how a check gets at them: a reading that failed, or a part of one that could not be read, stops
 * the check as unknown with the reason (CannotCheck), never as a pass.
 */

export const readingOperations = {
  system: systemFacts,
  machine: readinessMachine,
  reachability: readinessReachability,
  controller: readinessController,
  hlk: hlkMachines,
  hvci: hvciStatus,
} as const;
export type ReadingName = keyof typeof readingOperations;
export type ReadingValue<R extends ReadingName> = ResultOf<(typeof readingOperations)[R]>;

/** Readings taken first; the rest need them (reachability pings the support machine's TAP address). */
export const firstReadings: readonly ReadingName[] = ['system', 'machine', 'controller', 'hlk', 'hvci'];

/** The HLK ports clients must reach on the controller (the wiki's firewall list). */
export const controllerPorts = [1771, 1782, 445] as const;

/** The lab's settings with what the main process worked out from the lab file. */
export interface ReadinessContext {
  settings: ReadinessSettings;
  /** How clients reach the controller: the settings' controllerAddress, else the controller's host. */
  controllerAddress: string | null;
  /** The test certificate file, when one is configured and could be read. */
  certificate: { der: string; thumbprint: string; subject: string } | null;
  /** Why the configured certificate file could not be used, if it could not. */
  certificateProblem: string | null;
  /** The lab file's driver folder (provisioning.driverFolder) as the machines reach it, if it names one. */
  driverFolder: string | null;
}

export type ReadingOutcome<T = unknown> = { ok: true; value: T; at: string } | { ok: false; error: string; at: string };

/** A check could not run: it becomes unknown with this reason. */
export class CannotCheck extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CannotCheck';
  }
}

type MachinePart = keyof ReadingValue<'machine'>;
type ControllerPart = keyof ReadingValue<'controller'>;
type PartValue<T> = T extends { ok: true; value: infer V } ? V : never;

/** One machine's readings as a check sees them. */
export class MachineReadings {
  constructor(
    readonly name: string,
    readonly role: MachineRole,
    private readonly outcomes: Partial<Record<ReadingName, ReadingOutcome>>,
  ) {}

  has(reading: ReadingName): boolean {
    return this.outcomes[reading]?.ok === true;
  }

  get<R extends ReadingName>(reading: R): ReadingValue<R> {
    const outcome = this.outcomes[reading];
    if (!outcome) throw new CannotCheck(`${readingOperations[reading].name} has not been read on ${this.name}`);
    if (!outcome.ok) throw new CannotCheck(outcome.error);
    return outcome.value as ReadingValue<R>;
  }

  machinePart<K extends MachinePart>(key: K): PartValue<ReadingValue<'machine'>[K]> {
    const partOutcome = this.get('machine')[key];
    if (!partOutcome.ok) throw new CannotCheck(`could not read ${describePart[key]} on ${this.name}: ${partOutcome.error}`);
    return partOutcome.value as PartValue<ReadingValue<'machine'>[K]>;
  }

  controllerPart<K extends ControllerPart>(key: K): PartValue<ReadingValue<'controller'>[K]> {
    const partOutcome = this.get('controller')[key];
    if (!partOutcome.ok) throw new CannotCheck(`could not read ${describePart[key]} on ${this.name}: ${partOutcome.error}`);
    return partOutcome.value as PartValue<ReadingValue<'controller'>[K]>;
  }
}

const describePart: Record<MachinePart | ControllerPart, string> = {
  services: 'the services',
  signing: 'test signing (bcdedit)',
  certificates: 'the certificate stores',
  adapters: 'the network adapters',
  driverStore: 'the driver store (pnputil)',
  drives: 'the network drives',
  openvpn: 'OpenVPN\'s installation',
  systemDrive: 'the system drive',
  studio: 'HLK Studio\'s installation',
  testShare: 'the test share',
};

/** The TAP adapters of the driver under test: by hardware id, or by description (Windows numbers copies "#2"). */
export function driverAdapters<A extends { componentId: string; interfaceDescription: string }>(adapters: A[], settings: ReadinessSettings): A[] {
  const id = settings.driver.hardwareId.toLowerCase();
  const description = settings.driver.adapterDescription.toLowerCase();
  return adapters.filter((a) => a.componentId.toLowerCase() === id || a.interfaceDescription.toLowerCase().startsWith(description));
}

/** The first routable IPv6 address of a machine's TAP adapter, from its readings, if it has one. */
export function tapAddress(machine: MachineReadings, settings: ReadinessSettings): string | null {
  if (!machine.has('machine')) return null;
  const adapters = machine.get('machine').adapters;
  if (!adapters.ok) return null;
  for (const adapter of driverAdapters(adapters.value.adapters, settings)) {
    const address = adapter.ipv6Addresses.find((a) => isRoutableIPv6(a.address));
    if (address) return address.address.split('%')[0]!;
  }
  return null;
}

/** What each reading is asked, given the lab and the other machines' first readings. */
export function readingParams(
  reading: ReadingName,
  context: ReadinessContext,
  machine: { role: MachineRole },
  supports: MachineReadings[],
): Record<string, unknown> {
  const s = context.settings;
  switch (reading) {
    case 'system':
    case 'hlk':
      return {};
    case 'machine':
      return {
        services: [...new Set([...s.hlkClientServices, ...s.openvpnServices])],
        infName: s.driver.infName,
        certificate: {
          subject: s.testCertificate.subject ?? null,
          thumbprint: s.testCertificate.thumbprint ?? context.certificate?.thumbprint ?? null,
        },
      };
    case 'hvci':
      return { driverFile: s.driver.file };
    case 'controller':
      return { services: s.hlkControllerServices, testShare: { name: s.testShare.name, files: s.testShare.requiredFiles } };
    case 'reachability': {
      const tcp = context.controllerAddress ? controllerPorts.map((port) => ({ host: context.controllerAddress, port })) : [];
      const ping = machine.role === 'client' ? pingTargets(context, supports).map((t) => ({ address: t.address })) : [];
      return { tcp, ping };
    }
  }
}

/** Whom a client pings over the VPN: the configured peer, and each support machine's TAP address. */
export function pingTargets(context: ReadinessContext, supports: MachineReadings[]): Array<{ address: string; what: string }> {
  const targets = [{ address: context.settings.vpnPeerAddress, what: 'VPN peer' }];
  for (const support of supports) {
    const address = tapAddress(support, context.settings);
    if (!address) continue;
    const same = targets.find((t) => sameIPv6(t.address, address) || t.address.toLowerCase() === address.toLowerCase());
    if (same) same.what += `, ${support.name}`;
    else targets.push({ address, what: support.name });
  }
  return targets;
}
