import { z } from 'zod';
import { readinessSettingsSchema } from '../../shared/readiness/settings';
import { provisioningSchema } from '../../shared/provisioning';
import { sniffEncoding } from '../logs/analysis/log-encoding';
import { decodeLogBytes } from '../logs/analysis/log-text';
import { RefusedFileError, readRegularFile } from '../regular-file';

/**
 * The lab file: the operator's description of the machines of one HLK lab, written by hand and kept in
 * git. It never holds a secret: password authentication means "ask me when connecting".
 */

const authSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('agent') }).strict(),
  z.object({ type: z.literal('key'), file: z.string().min(1) }).strict(),
  z.object({ type: z.literal('password') }).strict(),
]);

const machineName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore, starting with a letter or digit');
const role = z.enum(['controller', 'client', 'support']);

/** A machine reached over SSH: the usual case. `connection` may be left out. */
const sshMachineSchema = z
  .object({
    name: machineName,
    role,
    connection: z.literal('ssh'),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(22),
    user: z.string().min(1).max(256),
    auth: authSchema,
  })
  .strict();

/** This computer itself, for when hlk-assist runs on one of the lab's machines (typically the controller). */
const localMachineSchema = z.object({ name: machineName, role, connection: z.literal('local') }).strict();

const machineSchema = z.preprocess(
  (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) && !('connection' in v) ? { ...v, connection: 'ssh' } : v),
  z.discriminatedUnion('connection', [sshMachineSchema, localMachineSchema]),
);

/** HLK supports up to 150 clients per controller; a lab file lists them and their controller and support machines. */
export const MAX_CLIENTS = 150;
/** Room for 150 clients, their controller and a support machine per client, and no more. */
const MAX_MACHINES = 2 * MAX_CLIENTS + 1;
/** A lab file of 301 machines is about 60 KB; anything near this size is not a lab file. */
export const LAB_FILE_MAX_BYTES = 1024 * 1024;

/** The lab's name is shown in the title, the journal and `check`'s output: one line of plain text. */
const labName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>]*$/u, 'one line of text without control characters or < >');

export const labFileSchema = z
  .object({
    name: labName,
    machines: z
      .array(machineSchema)
      .min(1, 'list at least one machine')
      .max(MAX_MACHINES, `at most ${MAX_MACHINES} machines: HLK supports ${MAX_CLIENTS} clients per controller`),
    /** What readiness checks the lab against; defaults fit tap-windows6 behind OpenVPN on HLK 1809. */
    readiness: readinessSettingsSchema.prefault({}),
    /** What preparing a fresh client or support machine installs from where (shared/provisioning.ts). */
    provisioning: provisioningSchema.prefault({}),
  })
  .strict()
  .superRefine((lab, ctx) => {
    const names = new Map<string, number>();
    const endpoints = new Map<string, number>();
    lab.machines.forEach((m, i) => {
      const seen = names.get(m.name.toLowerCase());
      if (seen !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['machines', i, 'name'], message: `"${m.name}" is already the name of machines[${seen}]` });
      } else names.set(m.name.toLowerCase(), i);
      if (m.connection === 'local') {
        const other = endpoints.get('local');
        if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['machines', i, 'connection'], message: `this computer is already machines[${other}]` });
        else endpoints.set('local', i);
        return;
      }
      const endpoint = `${m.host.toLowerCase()}:${m.port}`;
      const other = endpoints.get(endpoint);
      if (other !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['machines', i, 'host'], message: `${endpoint} is already machines[${other}]` });
      } else endpoints.set(endpoint, i);
    });
    const controllers = lab.machines.filter((m) => m.role === 'controller').length;
    if (controllers > 1) {
      ctx.addIssue({ code: 'custom', path: ['machines'], message: `an HLK lab has one controller; this file lists ${controllers}` });
    }
    const clients = lab.machines.filter((m) => m.role === 'client').length;
    if (clients > MAX_CLIENTS) {
      ctx.addIssue({ code: 'custom', path: ['machines'], message: `HLK supports ${MAX_CLIENTS} clients per controller; this file lists ${clients}` });
    }
  });

export type LabFile = z.output<typeof labFileSchema>;
export type LabMachine = LabFile['machines'][number];
export type SshMachine = Extract<LabMachine, { connection: 'ssh' }>;

export class LabFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'LabFileError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(top level)';
}

/** Where in the text a JSON syntax error sits, as line and column. */
function syntaxPosition(text: string, message: string): string {
  const offset = jsonErrorOffset(text) ?? Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
  if (Number.isNaN(offset)) return '';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The offset of the first JSON syntax error, or null if there is none. V8's message names a position
 * for some errors only: not for a trailing comma, an unquoted word or a file cut short.
 */
function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (c: string) => {
    space();
    if (text[i] !== c) fail();
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail();
      } else i++;
    }
    expect('"');
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          string();
          expect(':');
        }
        value();
        space();
        if (text[i] === close) {
          i++;
          return;
        }
        expect(',');
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    JSON_NUMBER.lastIndex = i;
    if (!JSON_NUMBER.test(text)) fail();
    i = JSON_NUMBER.lastIndex;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return null;
  } catch (e) {
    if (e instanceof JsonSyntaxAt) return e.offset;
    return null;
  }
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

export function parseLabFile(text: string, source = 'lab file'): LabFile {
  // Notepad and Windows PowerShell 5.1 (Out-File, Set-Content -Encoding UTF8) write a byte order mark.
  text = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    // V8 quotes the offending text; a control character in it would reach a terminal or the journal raw.
    const shown = message.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    throw new LabFileError(source, [`not valid JSON${syntaxPosition(text, message)} (${shown})`]);
  }
  const parsed = labFileSchema.safeParse(value);
  if (!parsed.success) {
    throw new LabFileError(
      source,
      parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/**
 * Reads a lab file from disk: a regular file of at most LAB_FILE_MAX_BYTES, in UTF-8, UTF-16 (what
 * Windows PowerShell 5.1's Out-File writes) or the ANSI code page (its Set-Content).
 */
export async function readLabFile(path: string): Promise<LabFile> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, LAB_FILE_MAX_BYTES);
  } catch (e) {
    if (e instanceof RefusedFileError) throw new LabFileError(path, [`cannot read it: ${e.reason}; a lab file is a JSON file`]);
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'a folder, not a file' : err.message;
    throw new LabFileError(path, [`cannot read it: ${why}`]);
  }
  const verdict = sniffEncoding(bytes, true);
  if (!verdict.text) throw new LabFileError(path, [`not a text file (${verdict.reason}); a lab file is a JSON file`]);
  return parseLabFile(decodeLogBytes(bytes.subarray(verdict.bomBytes), verdict.encoding), path);
}
