import { createHash } from 'node:crypto';
import loopFunctions from './scripts/request-loop-functions.ps1?raw';
import loopServe from './scripts/request-loop-serve.ps1?raw';

/**
 * The wire format between hlk-assist and the PowerShell request loop on a machine.
 *
 * Windows OpenSSH starts an exec command through cmd.exe, which cuts command lines at 8191 characters,
 * so the command is a short fixed bootstrap (`-EncodedCommand`) that reads the loop script from the
 * first line of stdin. Every later stdin line is one request, every answer one stdout line. All of it
 * is base64 (ASCII), so neither the console code page nor any value can change its meaning.
 */

export const FRAME_PREFIX = '#HLKA# ';
export const PROTOCOL_VERSION = 1;

export const LOOP_FUNCTIONS = loopFunctions;
export const LOOP_SCRIPT = `${loopFunctions}\n${loopServe}`;

/** Reads the first stdin line as base64 UTF-8 PowerShell and runs it in the current scope. */
export const BOOTSTRAP_SCRIPT =
  "$ProgressPreference='SilentlyContinue';$l=[Console]::In.ReadLine();" +
  'if($l){. ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($l))))}';

export function encodePowerShellCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** The exec command: constant, whatever the lab or the operation. */
export const BOOTSTRAP_COMMAND =
  'powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ' +
  encodePowerShellCommand(BOOTSTRAP_SCRIPT);

export const LOOP_SCRIPT_LINE = `${Buffer.from(LOOP_SCRIPT, 'utf8').toString('base64')}\n`;

export function scriptSha(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

export interface LoopRequest {
  id: string;
  op: string;
  sha: string;
  /** Omitted once the loop has cached this script. */
  script?: string;
  params: unknown;
  /** The loop ends its own PowerShell when a request runs this long and a few seconds more (the caller has given up by then). */
  timeoutMs?: number;
}

export function encodeRequest(request: LoopRequest): string {
  return `${Buffer.from(JSON.stringify(request), 'utf8').toString('base64')}\n`;
}

export function decodeRequest(line: string): LoopRequest {
  const value: unknown = JSON.parse(Buffer.from(line, 'base64').toString('utf8'));
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.op !== 'string' || typeof value.sha !== 'string') {
    throw new Error('not a request');
  }
  return value as unknown as LoopRequest;
}

export interface ScriptErrorInfo {
  message: string;
  type: string;
  category: string;
  line: number;
}

export type LoopAnswer =
  | { id: string | null; ok: true; result: unknown }
  | { id: string | null; ok: false; error: ScriptErrorInfo };

export function encodeAnswer(answer: LoopAnswer): string {
  return `${FRAME_PREFIX}${Buffer.from(JSON.stringify(answer), 'utf8').toString('base64')}\n`;
}

export class BadFrame extends Error {
  constructor(
    message: string,
    readonly snippet: string,
  ) {
    super(message);
    this.name = 'BadFrame';
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes one answer line (prefix included). Throws BadFrame with a snippet when it does not parse. */
export function decodeAnswer(line: string): LoopAnswer {
  const body = line.slice(FRAME_PREFIX.length).trim();
  const snippet = line.slice(0, 120);
  if (!BASE64.test(body) || body.length % 4 !== 0) throw new BadFrame('the answer is not base64', snippet);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
  } catch {
    throw new BadFrame('the answer is not JSON', snippet);
  }
  if (!isRecord(value) || typeof value.ok !== 'boolean' || !(typeof value.id === 'string' || value.id === null)) {
    throw new BadFrame('the answer lacks id and ok', snippet);
  }
  if (value.ok) return { id: value.id, ok: true, result: value.result ?? null };
  const err = isRecord(value.error) ? value.error : {};
  return {
    id: value.id,
    ok: false,
    error: {
      message: typeof err.message === 'string' ? err.message : 'the script failed without a message',
      type: typeof err.type === 'string' ? err.type : '',
      category: typeof err.category === 'string' ? err.category : '',
      line: typeof err.line === 'number' ? err.line : 0,
    },
  };
}

/**
 * Splits a stdout stream into lines and sorts them into answers and noise (whatever else a script or
 * native command printed). Each chunk is scanned once, so a large answer arriving in many chunks costs
 * linear time. A line longer than maxLine is reported once (its first 200 characters) through
 * onOverlong, and the rest of it is dropped up to its newline.
 */
export class FrameSplitter {
  private parts: string[] = [];
  private partsLength = 0;
  /** Inside an over-long line that was already reported. */
  private skipping = false;
  constructor(
    private readonly onFrame: (line: string) => void,
    private readonly onNoise: (line: string) => void,
    private readonly maxLine = 64 * 1024 * 1024,
    private readonly onOverlong: (start: string) => void = onNoise,
  ) {}

  push(chunk: string): void {
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline >= 0) {
      const piece = chunk.slice(start, newline);
      if (this.skipping) this.skipping = false;
      else {
        const whole = this.parts.length > 0 ? this.parts.join('') + piece : piece;
        this.line(whole.endsWith('\r') ? whole.slice(0, -1) : whole);
      }
      this.parts = [];
      this.partsLength = 0;
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length && !this.skipping) {
      this.parts.push(chunk.slice(start));
      this.partsLength += chunk.length - start;
      if (this.partsLength > this.maxLine) {
        this.onOverlong(this.parts.join('').slice(0, 200));
        this.skipping = true;
        this.parts = [];
        this.partsLength = 0;
      }
    }
  }

  private line(line: string): void {
    if (line.length > this.maxLine) this.onOverlong(line.slice(0, 200));
    else if (line.startsWith(FRAME_PREFIX)) this.onFrame(line);
    else if (line.length > 0) this.onNoise(line);
  }
}

/** Windows PowerShell 5.1 writes errors to stderr as CLIXML; this pulls the readable text out of it. */
export function readableStderr(text: string): string {
  if (!text.includes('#< CLIXML')) return text.trim();
  const parts: string[] = [];
  for (const m of text.matchAll(/<S S="Error">([\s\S]*?)<\/S>/g)) {
    parts.push(
      m[1]!
        .replace(/_x000D__x000A_/g, '\n')
        .replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  return parts.join('').trim();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
