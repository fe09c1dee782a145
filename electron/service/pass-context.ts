import type { ApiEventMessage } from '../../shared/api';
import type { MachineRole } from '../../shared/lab';
import type { JournalKind } from '../../shared/journal';
import { isOperationFailure, type OperationError } from '../../shared/errors';
import type { OperationDefinition, ParamsOf, ResultOf } from '../../shared/operations/define';
import type { LabComputer } from '../../shared/hlk/verdicts';
import type { ReadinessSettings } from '../../shared/readiness/settings';
import type { Machine } from '../machines/machine';
import type { ReadinessEngine } from '../readiness/engine';
import { ServiceError } from './service-error';

/**
 * What the services of an open lab (checklists, HLK Studio, tapdiag, machine actions, the report) share:
 * its machines and readiness, its settings, the journal and the event stream. The lab service builds one
 * per open lab.
 */
export interface PassContext {
  /** The lab's id in the data folder: its journal is journal/<id>.jsonl. */
  labId: string;
  labName: string;
  dataDir: string;
  machines: readonly Machine[];
  readiness: ReadinessEngine;
  settings(): Promise<ReadinessSettings>;
  /** Journals an entry; the UI hears of it once it is on disk. */
  record(machine: string | null, kind: JournalKind, text: string, data?: unknown): void;
  emit(message: ApiEventMessage): void;
}

export type Attempt<T = unknown> = { ok: true; result: T } | { ok: false; error: OperationError };

export function machineOf(ctx: PassContext, name: string): Machine {
  const m = ctx.machines.find((x) => x.name === name);
  if (!m) throw new ServiceError('unknown-machine', `the lab has no machine named ${name}`);
  return m;
}

function machinesWithRole(ctx: PassContext, role: MachineRole): Machine[] {
  return ctx.machines.filter((m) => m.role === role);
}

export function controllerOf(ctx: PassContext): Machine {
  const c = machinesWithRole(ctx, 'controller')[0];
  if (!c) throw new ServiceError('invalid-request', 'the lab names no controller: HLK Studio is reached on the controller');
  return c;
}

/** Runs an operation and answers with its result or its typed failure; anything else is a bug and is thrown. */
export async function attempt<D extends OperationDefinition>(machine: Machine, op: D, params: ParamsOf<D>): Promise<Attempt<ResultOf<D>>> {
  try {
    return { ok: true, result: await machine.run(op, params) };
  } catch (e) {
    if (isOperationFailure(e)) return { ok: false, error: e.info };
    throw e;
  }
}

/** The lab's machines with the computer names HLK knows them by (once read). */
export function labComputers(ctx: PassContext): LabComputer[] {
  return ctx.machines.map((m) => ({ name: m.name, role: m.role, computerName: m.view().facts?.computerName ?? null }));
}
