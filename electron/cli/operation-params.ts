import { z } from 'zod';

/**
 * An operation's parameters as the command line sees them: each one's name, type in words and an example
 * read off its zod schema, and `key=value` text turned into the value the schema takes. The schema stays
 * the judge: what this makes is validated by the Machine like any other caller's parameters.
 */

export interface ParamInfo {
  name: string;
  /** In words: "text", "number", "true or false", "one of a, b", "list of text". */
  type: string;
  required: boolean;
  /** A value that passes the schema, as it would be typed after `--param name=`. */
  example: string | null;
}

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
    else if (inner instanceof z.ZodPipe) inner = inner.in as z.ZodType;
    else return { inner, optional };
  }
}

function typeInWords(schema: z.ZodType): string {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodString) return 'text';
  if (inner instanceof z.ZodNumber) return 'number';
  if (inner instanceof z.ZodBoolean) return 'true or false';
  if (inner instanceof z.ZodEnum) return `one of ${inner.options.join(', ')}`;
  if (inner instanceof z.ZodLiteral) return `exactly ${[...inner.values].join(', ')}`;
  if (inner instanceof z.ZodArray) return `list of ${typeInWords(inner.element as z.ZodType)} (comma-separated, or JSON)`;
  if (inner instanceof z.ZodObject) return 'object (JSON)';
  if (inner instanceof z.ZodUnion) return (inner.options as z.ZodType[]).map(typeInWords).join(' or ');
  return inner.def.type;
}

function exampleValue(schema: z.ZodType): unknown {
  const { inner } = unwrap(schema);
  const named = (inner.meta()?.examples as unknown[] | undefined)?.[0];
  if (named !== undefined) return named;
  if (inner instanceof z.ZodString) return 'x'.repeat(Math.max(1, inner.minLength ?? 1));
  if (inner instanceof z.ZodNumber) return inner.minValue !== null && Number.isFinite(inner.minValue) ? inner.minValue : 0;
  if (inner instanceof z.ZodBoolean) return true;
  if (inner instanceof z.ZodEnum) return inner.options[0];
  if (inner instanceof z.ZodLiteral) return [...inner.values][0];
  if (inner instanceof z.ZodUnion) return exampleValue(inner.options[0] as z.ZodType);
  if (inner instanceof z.ZodArray) return [exampleValue(inner.element as z.ZodType)];
  if (inner instanceof z.ZodObject) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
      if (!unwrap(field).optional) out[key] = exampleValue(field);
    }
    return out;
  }
  return null;
}

/** A value as typed after `--param name=`: text as it is, a list of plain values joined by commas, else JSON. */
export function asParamText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' || (typeof v === 'string' && !v.includes(',')))) return value.join(',');
  return JSON.stringify(value);
}

function fields(schema: z.ZodType): Record<string, z.ZodType> {
  const { inner } = unwrap(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : {};
}

export function describeParams(schema: z.ZodType): ParamInfo[] {
  return Object.entries(fields(schema)).map(([name, field]) => {
    const example = exampleValue(field);
    return { name, type: typeInWords(field), required: !unwrap(field).optional, example: example === null ? null : asParamText(example) };
  });
}

/** Parameters that pass the schema, for `hlk-assist ops` to show: the required ones, with example values. */
export function exampleParams(schema: z.ZodType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields(schema))) if (!unwrap(field).optional) out[name] = exampleValue(field);
  return out;
}

export class ParamError extends Error {}

/** Turns `text` into the value `schema` takes: text stays text, numbers and true/false are read, lists split on commas. */
function fromText(text: string, schema: z.ZodType, name: string): unknown {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodString || inner instanceof z.ZodEnum) return text;
  if (inner instanceof z.ZodNumber) {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw new ParamError(`--param ${name}: "${text}" is not a number`);
    return n;
  }
  if (inner instanceof z.ZodBoolean) {
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new ParamError(`--param ${name}: say true or false, not "${text}"`);
  }
  if (inner instanceof z.ZodArray && !text.trimStart().startsWith('[')) {
    return text === '' ? [] : text.split(',').map((part) => fromText(part, inner.element as z.ZodType, name));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ParamError(`--param ${name}: "${text}" is not JSON (this parameter is ${typeInWords(schema)})`);
  }
}

/** Builds the parameters from `--params JSON` (if any) and then each `key=value`, which wins over it. */
export function paramsFromArgs(schema: z.ZodType, pairs: string[], json: string | undefined): Record<string, unknown> {
  let params: Record<string, unknown> = {};
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new ParamError(`--params is not JSON: ${(e as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ParamError('--params must be a JSON object');
    params = parsed as Record<string, unknown>;
  }
  const known = fields(schema);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ParamError(`--param takes key=value, not "${pair}"`);
    const key = pair.slice(0, eq);
    const field = known[key];
    if (!field) {
      const names = Object.keys(known);
      throw new ParamError(`this operation has no parameter "${key}"${names.length > 0 ? ` (it takes ${names.join(', ')})` : ' (it takes none)'}`);
    }
    params[key] = fromText(pair.slice(eq + 1), field, key);
  }
  return params;
}
