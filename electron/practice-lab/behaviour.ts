import type { ParsedParamsOf, ResultOf } from '../../shared/operations/define';
import type { Operation } from '../../shared/operations';
import type { SimulatedHost } from './simulated-host';

/** What a behaviour is and what it is given: the model of one operation's script on a simulated machine. */

export class SimulatedScriptError extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

/** What a machine reaches of the rest of the lab: the lab's hosts answering pings and TCP connections. */
export interface SimulatedNetwork {
  ping(from: SimulatedHost, address: string): { answered: boolean; detail: string };
  connect(from: SimulatedHost, host: string, port: number, timeoutMs: number): { open: boolean; detail: string };
  /**
   * Every machine of the lab. The controller's HLK sees its clients through their HLK client service; the
   * model reads their state directly (a test's verdict depends on the support machine's adapter, say).
   */
  hosts(): readonly SimulatedHost[];
  /** HLK time on the lab's clock (epoch ms): see hlk-clock.ts. */
  now(): number;
}

export interface BehaviourContext {
  host: SimulatedHost;
  /** Asks the lab to reboot this machine after the given delay. */
  scheduleReboot(delayMs: number): void;
  network: SimulatedNetwork;
}

/** The model of one operation: its parameters as the script gets them in, what the script returns out. */
export type Behaviour<D extends Operation = Operation> = (ctx: BehaviourContext, params: ParsedParamsOf<D>) => ResultOf<D>;

/** A behaviour for every operation: the compiler names a missing one. */
export type Behaviours = { [D in Operation as D['name']]: Behaviour<D> };

/** A time as .NET's round-trip format ('o') writes it: seven fractional digits, where JavaScript writes three. */
export function roundTripTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}
