import type { CheckResult, MachineReadiness } from './readiness/results';
import type { OperationError } from './errors';

/** What the one-click machine actions answer: services, reboot and wait, adapter names. */

export type ServiceGroup = 'openvpn' | 'hlk';
export type ServiceAction = 'start' | 'stop' | 'restart';

export interface ServiceControlOutcome {
  ok: boolean;
  error: OperationError | null;
  /** The services acted on, as they are afterwards. */
  services: Array<{ name: string; exists: boolean; status: string | null; startType: string | null }>;
  /** The machine's readiness, checked again afterwards. */
  readiness: MachineReadiness | null;
}

export interface RebootOutcome {
  ok: boolean;
  error: OperationError | null;
  bootBefore: string | null;
  bootAfter: string | null;
  /** Seconds from asking for the reboot until the machine answered again. */
  awaySeconds: number | null;
  readiness: MachineReadiness | null;
}

export interface AdapterNamesOutcome {
  ok: boolean;
  /** The adapters were renamed (they had lost or never had the names). */
  renamed: boolean;
  error: OperationError | null;
  check: CheckResult | null;
}
