import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { BOOTSTRAP_SCRIPT, decodeRequest, encodePowerShellCommand, FrameSplitter } from '../../transport/framing';
import { moveHlkClock, stampQueuedRuns, usesObjectModel } from '../hlk-model';
import type { SimulatedHost } from '../simulated-host';
import { applyStandInState, standInStateJson } from './machine-state';
import hlkObjectModel from './hlk-object-model.cs?raw';
import windowsStandIn from './windows.ps1?raw';
import provisioningStandIn from './provisioning.ps1?raw';

/**
 * A real PowerShell acting as one simulated machine: the Windows stand-in is loaded first, then the request
 * loop the client sends, exactly as a Windows machine runs it. Before each request the machine's state is
 * written where the stand-in reads it, and after the answer what the script changed is taken back.
 */

/** Printed once the stand-in is loaded: the process waits for a loop script from then on. */
const LOADED = '#HLKA-STAND-IN-LOADED#';
/**
 * The first stdin line is the stand-in, the second the request loop: the bootstrap, twice, with the mark
 * between. PowerShell's start-up and the stand-in happen before a client asks, as on a Windows machine
 * whose PowerShell is already in its disk cache.
 */
const STAND_IN_COMMAND = encodePowerShellCommand(`${BOOTSTRAP_SCRIPT};[Console]::Out.WriteLine('${LOADED}');[Console]::Out.Flush();${BOOTSTRAP_SCRIPT}`);
/**
 * The provisioning part of the stand-in (driver folders, HVCI), then windows.ps1, as one script: windows.ps1
 * ends by warming up the functions it shadows, and its registry already calls into provisioning.ps1.
 */
const STAND_IN_LINE = `${Buffer.from(`${provisioningStandIn}\n${windowsStandIn}`, 'utf8').toString('base64')}\n`;

/**
 * The PowerShell the practice lab's PowerShell engine runs: Windows PowerShell 5.1 on Windows (what the
 * lab's machines run), else PowerShell 7 (pwsh) on PATH or where `dotnet tool install --global
 * PowerShell` puts it. Null when this computer has none.
 */
export function findPowerShell(): string | null {
  const names = process.platform === 'win32' ? ['powershell.exe', 'pwsh.exe'] : ['pwsh'];
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), join(homedir(), '.dotnet', 'tools')];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export class StandInPowerShell {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly splitter: FrameSplitter;
  private waiting: ((frame: string) => void) | null = null;
  private readonly early: string[] = [];
  private exited = false;
  private exitCode = 0;
  private onNoise: (line: string) => void = () => undefined;
  private onStderr: (chunk: Buffer) => void = () => undefined;
  private onExit: (code: number) => void = () => undefined;
  /** Resolves once the stand-in is loaded (the process then waits for a loop script). */
  readonly loaded: Promise<void>;

  /** Starts PowerShell and loads the stand-in; the state is written first, as the stand-in reads it at load. */
  constructor(
    powershell: string,
    /** The machine it acts as; a test may point one PowerShell at another machine between requests. */
    public host: SimulatedHost,
    private readonly stateFile: string,
  ) {
    writeFileSync(stateFile, standInStateJson(host));
    // The HLK object model stand-in's source, which windows.ps1 compiles when a script loads HLK's assemblies.
    const objectModel = join(dirname(stateFile), 'hlk-object-model.cs');
    writeFileSync(objectModel, hlkObjectModel);
    let markLoaded: () => void = () => undefined;
    let failLoad: (e: Error) => void = () => undefined;
    this.loaded = new Promise<void>((resolve, reject) => {
      markLoaded = resolve;
      failLoad = reject;
    });
    // Nobody may wait on it (a spare that is never used); a failed load still shows when it is used.
    this.loaded.catch(() => undefined);
    let loaded = false;
    this.child = spawn(powershell, ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', STAND_IN_COMMAND], {
      env: { ...process.env, HLKA_STAND_IN_STATE: stateFile, HLKA_STAND_IN_OBJECT_MODEL: objectModel },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.splitter = new FrameSplitter(
      (frame) => this.frame(frame),
      (line) => {
        if (!loaded && line === LOADED) {
          loaded = true;
          markLoaded();
        } else this.onNoise(line);
      },
    );
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.splitter.push(chunk));
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => {
      if (!loaded) stderr += chunk.toString();
      this.onStderr(chunk);
    });
    this.child.stdin.on('error', () => undefined);
    const exited = (code: number) => {
      this.exited = true;
      this.exitCode = code;
      failLoad(new Error(`practice lab PowerShell for ${host.name} exited (${code}) while loading the stand-in: ${stderr.trim().slice(0, 500)}`));
      this.onExit(code);
    };
    this.child.on('exit', (code) => exited(code ?? 1));
    this.child.on('error', () => exited(1));
    this.child.stdin.write(STAND_IN_LINE);
  }

  /** Where what the process prints goes once a client uses it, and who hears that it ended. */
  attach(onNoise: (line: string) => void, onStderr: (chunk: Buffer) => void, onExit: (code: number) => void): void {
    this.onNoise = onNoise;
    this.onStderr = onStderr;
    this.onExit = onExit;
    if (this.exited) onExit(this.exitCode);
  }

  /** Starts the request loop with the client's first line (the loop script) and resolves with the ready frame. */
  async start(loopLine: string, timeoutMs: number): Promise<string> {
    await this.loaded;
    await writeFile(this.stateFile, standInStateJson(this.host));
    this.child.stdin.write(loopLine);
    return this.next(timeoutMs, 'the request loop did not start');
  }

  /**
   * Runs one request line on the machine's current state; resolves with the answer frame and the reboot
   * the script asked for, after the state it left is taken back. `peers`: the lab's machines, whose state
   * HLK's tests are judged on; `now`: the lab's clock (the practice lab's HLK time), which HLK's tests move on.
   */
  async request(line: string, timeoutMs: number, peers: readonly SimulatedHost[] = [this.host], now = Date.now()): Promise<{ frame: string; rebootInSeconds: number | null }> {
    // HLK's test clock belongs to the lab around HLK, not to the object model: it moves as under the model.
    const hlk = usesObjectModel(decodeRequest(line).op);
    if (hlk) moveHlkClock(this.host, peers, now);
    await writeFile(this.stateFile, standInStateJson(this.host));
    this.child.stdin.write(line.endsWith('\n') ? line : `${line}\n`);
    const frame = await this.next(timeoutMs, 'the script did not answer');
    const { rebootInSeconds } = applyStandInState(this.host, await readFile(this.stateFile, 'utf8'));
    if (hlk) stampQueuedRuns(this.host, peers);
    return { frame, rebootInSeconds };
  }

  /** No more requests: stdin closes and the loop ends as it does when the channel closes. */
  end(): void {
    this.child.stdin.end();
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private frame(frame: string): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting(frame);
    } else this.early.push(frame);
  }

  private next(timeoutMs: number, what: string): Promise<string> {
    const early = this.early.shift();
    if (early !== undefined) return Promise.resolve(early);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new Error(`practice lab PowerShell for ${this.host.name}: ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const onExit = () => {
        clearTimeout(timer);
        this.waiting = null;
        reject(new Error(`practice lab PowerShell for ${this.host.name}: it exited before answering (${what})`));
      };
      if (this.exited) return onExit();
      this.child.once('exit', onExit);
      this.waiting = (frame) => {
        clearTimeout(timer);
        this.child.off('exit', onExit);
        resolve(frame);
      };
    });
  }
}
