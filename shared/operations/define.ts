import type { z } from 'zod';

export type OperationArea = 'system' | 'services' | 'network' | 'signing' | 'driver' | 'shares' | 'hlk' | 'readiness' | 'logs' | 'tapdiag';

/**
 * An operation is data: what it is called, what it takes, the PowerShell it runs and what it returns.
 * Parameters reach PowerShell only as one decoded JSON object (the script's `param($p)`), never as
 * script text, so no value can change what the script does.
 */
export interface OperationDefinition<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType, N extends string = string> {
  name: N;
  area: OperationArea;
  title: string;
  /** One or two sentences for the operator: what it does and when to use it. */
  description: string;
  params: P;
  result: R;
  /** Windows PowerShell 5.1 script; starts with `param($p)`. */
  script: string;
  timeoutMs: number;
  /** Changes the machine (restart, reboot, rename, delete): the UI asks before it runs. */
  changesMachine: boolean;
}

export function defineOperation<P extends z.ZodType, R extends z.ZodType, N extends string>(
  def: OperationDefinition<P, R, N>,
): OperationDefinition<P, R, N> {
  if (!/^\s*param\(\$p\)/.test(def.script)) {
    throw new Error(`operation ${def.name}: its script must start with param($p)`);
  }
  return def;
}

export type ParamsOf<D> = D extends OperationDefinition<infer P, z.ZodType, string> ? z.input<P> : never;
/** The parameters as the script receives them: after the schema's defaults and transformations. */
export type ParsedParamsOf<D> = D extends OperationDefinition<infer P, z.ZodType, string> ? z.output<P> : never;
export type ResultOf<D> = D extends OperationDefinition<z.ZodType, infer R, string> ? z.output<R> : never;
