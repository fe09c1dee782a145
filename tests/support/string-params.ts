import { z } from 'zod';

/**
 * The places in an operation's parameter schema where a string goes (strings, arrays of strings,
 * strings in nested objects), found by walking the zod schema, so a new operation is covered without
 * listing it anywhere.
 */
export interface StringSlot {
  /** Where the string sits, for test names: `names[]`, `target.path`. */
  path: string;
  /** A parameter object that is valid except perhaps for `value`, which sits at this slot. */
  build(value: string): unknown;
  /**
   * A valid value the schema names (zod `.meta({ examples })`) where the string has a required form (a
   * path, an id): hostile text appended to it is what such a slot can be sent.
   */
  example?: string;
}

function exampleOf(schema: z.ZodType): string | undefined {
  const example = (schema.meta()?.examples as unknown[] | undefined)?.[0];
  return typeof example === 'string' ? example : undefined;
}

export class UnknownSchemaError extends Error {}

/** A valid value of the schema, or undefined where the schema may be left out (optional, default). */
export function filler(schema: z.ZodType): unknown {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) return undefined;
  if (schema instanceof z.ZodNullable) return null;
  if (schema instanceof z.ZodPipe) return filler(schema.in as z.ZodType);
  if (schema instanceof z.ZodString) return exampleOf(schema) ?? 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  if (schema instanceof z.ZodNumber) return schema.minValue !== null && Number.isFinite(schema.minValue) ? schema.minValue : 0;
  if (schema instanceof z.ZodBoolean) return false;
  if (schema instanceof z.ZodEnum) return schema.options[0];
  if (schema instanceof z.ZodLiteral) return [...schema.values][0];
  if (schema instanceof z.ZodUnion) return filler(schema.options[0] as z.ZodType);
  if (schema instanceof z.ZodArray) {
    const element = filler(schema.element as z.ZodType);
    return Array.from({ length: arrayMin(schema) }, () => element);
  }
  if (schema instanceof z.ZodObject) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const v = filler(field);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  throw new UnknownSchemaError(`no filler for a zod ${schema.def.type}: teach tests/support/string-params.ts about it`);
}

export function stringSlots(schema: z.ZodType, path = ''): StringSlot[] {
  if (schema instanceof z.ZodString) {
    const example = exampleOf(schema);
    return [{ path: path || '(params)', build: (v) => v, ...(example !== undefined ? { example } : {}) }];
  }
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return stringSlots(schema.unwrap() as z.ZodType, path);
  }
  if (schema instanceof z.ZodPipe) return stringSlots(schema.in as z.ZodType, path);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap((o) => stringSlots(o, path));
  if (schema instanceof z.ZodArray) {
    const element = schema.element as z.ZodType;
    return stringSlots(element, `${path}[]`).map((slot) => ({
      ...slot,
      // the hostile value first, then valid ones up to the minimum length
      build: (v) => [slot.build(v), ...Array.from({ length: Math.max(0, arrayMin(schema) - 1) }, () => filler(element))],
    }));
  }
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.entries(shape).flatMap(([key, field]) =>
      stringSlots(field, path ? `${path}.${key}` : key).map((slot) => ({
        ...slot,
        build: (v) => ({ ...(filler(schema) as Record<string, unknown>), [key]: slot.build(v) }),
      })),
    );
  }
  if (
    schema instanceof z.ZodNumber ||
    schema instanceof z.ZodBoolean ||
    schema instanceof z.ZodEnum ||
    schema instanceof z.ZodLiteral
  ) {
    return [];
  }
  throw new UnknownSchemaError(`no walk for a zod ${schema.def.type}: teach tests/support/string-params.ts about it`);
}

function arrayMin(schema: z.ZodArray): number {
  let min = 0;
  for (const check of schema.def.checks ?? []) {
    const def = check._zod.def as { check: string; minimum?: number; length?: number };
    if (def.check === 'min_length' && typeof def.minimum === 'number') min = Math.max(min, def.minimum);
    if (def.check === 'length_equals' && typeof def.length === 'number') min = def.length;
  }
  return min;
}
