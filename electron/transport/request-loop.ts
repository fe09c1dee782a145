import type { OperationDefinition } from '../../shared/operations/define';
import { OperationFailure } from '../../shared/errors';
import {
  BadFrame,
  decodeAnswer,
  encodeRequest,
  FRAME_PREFIX,
  FrameSplitter,
  LOOP_SCRIPT_LINE,
  readableStderr,
  scriptSha,
} from './framing';

/** The stdin/stdout/stderr of one PowerShell process on a machine: an ssh2 exec channel, or a test double of one. */
export interface LoopChannel {
  write(text: string): void;
  onStdout(listener: (text: string) => void): void;
  onStderr(listener: (text: string) => void): void;
  onClose(listener: () => void): void;
  close(): void;
}

interface InFlight {
  id: string;
  op: OperationDefinition;
  resolve: (value: unknown) => void;
  reject: (error: OperationFailure) => void;
  timer: NodeJS.Timeout;
}

/** What the loop said of itself when it started. */
export interface LoopSession {
  /** PowerShell's version ($PSVersionTable.PSVersion): 5.1.x on Windows PowerShell, 7.x on pwsh. */
  powershell: string;
  /** The PowerShell process on the machine. */
  pid: number;
}

const STDERR_KEEP = 16 * 1024;
/** No operation answers with more than this; a longer line is output gone wrong, not an answer to wait for. */
const MAX_ANSWER_CHARS = 64 * 1024 * 1024;

/**
 * One long-lived PowerShell running the request loop. It answers one request at a time; the machine
 * keeps a small pool of these so a slow operation does not hold up the quick ones.
 */
export class RequestLoop {
  private readonly sentScripts = new Set<string>();
  private inFlight: InFlight | null = null;
  private stderr = '';
  private closed = false;
  /** Set as soon as we decide to end the loop, before the channel confirms: never hand it out again. */
  private retiring = false;
  private nextId = 1;
  private readyWaiter: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private readonly closeListeners: Array<() => void> = [];
  private started: LoopSession | null = null;
  readonly noise: string[] = [];

  private constructor(
    private readonly channel: LoopChannel,
    private readonly machine: string,
  ) {
    const splitter = new FrameSplitter(
      (line) => this.onFrame(line),
      (line) => {
        this.noise.push(line);
        if (this.noise.length > 50) this.noise.shift();
      },
      MAX_ANSWER_CHARS,
      (start) => this.onOverlong(start),
    );
    channel.onStdout((text) => splitter.push(text));
    channel.onStderr((text) => {
      this.stderr = (this.stderr + text).slice(-STDERR_KEEP);
    });
    channel.onClose(() => this.onClosed());
  }

  /** Sends the loop script and waits for the loop to say it is ready. */
  static async start(channel: LoopChannel, machine: string, timeoutMs: number): Promise<RequestLoop> {
    const loop = new RequestLoop(channel, machine);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        loop.readyWaiter = null;
        channel.close();
        reject(new Error(`PowerShell on ${machine} did not start the request loop within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      loop.readyWaiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      channel.write(LOOP_SCRIPT_LINE);
    });
    return loop;
  }

  /** Known once the loop has started. */
  get session(): LoopSession | null {
    return this.started;
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }

  get isClosed(): boolean {
    return this.closed || this.retiring;
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  close(): void {
    this.retiring = true;
    this.channel.close();
  }

  /** Runs one operation with already validated parameters; resolves with the raw (unvalidated) result. */
  run(op: OperationDefinition, params: unknown, timeoutMs: number): Promise<unknown> {
    if (this.closed) {
      return Promise.reject(
        new OperationFailure({ kind: 'connection-lost', message: `the PowerShell session on ${this.machine} has ended`, machine: this.machine, operation: op.name }),
      );
    }
    if (this.inFlight) throw new Error('RequestLoop.run while busy');
    const id = String(this.nextId++);
    const sha = scriptSha(op.script);
    const first = !this.sentScripts.has(sha);
    this.sentScripts.add(sha);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inFlight = null;
        reject(
          new OperationFailure({
            kind: 'timeout',
            message: `${op.name} on ${this.machine} did not answer within ${Math.round(timeoutMs / 1000)} s; its PowerShell session was ended`,
            machine: this.machine,
            operation: op.name,
            detail: { timeoutMs },
          }),
        );
        this.close();
      }, timeoutMs);
      this.inFlight = { id, op, resolve, reject, timer };
      this.channel.write(encodeRequest({ id, op: op.name, sha, ...(first ? { script: op.script } : {}), params, timeoutMs }));
    });
  }

  private onFrame(line: string): void {
    let answer;
    try {
      answer = decodeAnswer(line);
    } catch (e) {
      const bad = e as BadFrame;
      if (this.readyWaiter) {
        this.readyWaiter.reject(new Error(`PowerShell on ${this.machine} answered the start with output that does not parse: ${bad.message}`));
        this.readyWaiter = null;
        this.close();
        return;
      }
      this.finish((f) =>
        f.reject(
          new OperationFailure({
            kind: 'bad-output',
            message: `${f.op.name} on ${this.machine} answered with output that does not parse: ${bad.message}`,
            machine: this.machine,
            operation: f.op.name,
            detail: { snippet: bad.snippet },
          }),
        ),
      );
      // The loop's stream can no longer be trusted to stay in step: start a fresh one.
      this.close();
      return;
    }
    if (answer.id === 'ready' && this.readyWaiter) {
      const info = answer.ok && typeof answer.result === 'object' && answer.result !== null ? (answer.result as Record<string, unknown>) : {};
      this.started = { powershell: typeof info.powershell === 'string' ? info.powershell : 'unknown', pid: typeof info.pid === 'number' ? info.pid : 0 };
      this.readyWaiter.resolve();
      this.readyWaiter = null;
      return;
    }
    const current = this.inFlight;
    if (!current || answer.id !== current.id) {
      this.noise.push(`answer for request ${String(answer.id)} arrived after it was given up`);
      return;
    }
    this.finish((f) => {
      if (answer.ok) f.resolve(answer.result);
      else
        f.reject(
          new OperationFailure({
            kind: 'script-error',
            message: answer.error.message,
            machine: this.machine,
            operation: f.op.name,
            detail: { line: answer.error.line, type: answer.error.type, category: answer.error.category },
          }),
        );
    });
  }

  private onOverlong(start: string): void {
    if (!start.startsWith(FRAME_PREFIX) && !this.inFlight) return;
    this.finish((f) =>
      f.reject(
        new OperationFailure({
          kind: 'bad-output',
          message: `${f.op.name} on ${this.machine} printed a line longer than ${MAX_ANSWER_CHARS / (1024 * 1024)} MiB`,
          machine: this.machine,
          operation: f.op.name,
          detail: { snippet: start.slice(0, 120) },
        }),
      ),
    );
    this.close();
  }

  private finish(settle: (f: InFlight) => void): void {
    const f = this.inFlight;
    if (!f) return;
    this.inFlight = null;
    clearTimeout(f.timer);
    settle(f);
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    const why = readableStderr(this.stderr);
    if (this.readyWaiter) {
      this.readyWaiter.reject(new Error(`PowerShell on ${this.machine} ended before the request loop started${why ? `: ${why}` : ''}`));
      this.readyWaiter = null;
    }
    this.finish((f) =>
      f.reject(
        new OperationFailure({
          kind: 'connection-lost',
          message: `the connection to ${this.machine} was lost while ${f.op.name} was running${why ? ` (${why})` : ''}`,
          machine: this.machine,
          operation: f.op.name,
        }),
      ),
    );
    for (const listener of this.closeListeners) listener();
  }
}
