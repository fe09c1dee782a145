import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/**
 * The command line as an operator's script runs it: `node dist/cli.js ...` in a child process (never in
 * this one, which may be serving the practice lab the CLI talks to), stdin not a terminal, with its own
 * HLK_ASSIST_HOME. Every child is killed when the suite ends, whatever state it is in.
 */

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Builds dist/cli.js; call it in beforeAll (allow it 120 s). */
export function buildCli(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', 'node'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

export class Cli {
  private readonly children: ChildProcess[] = [];

  constructor(private readonly env: () => NodeJS.ProcessEnv) {}

  /** Runs one command to its end; rejects (after killing it) when it outlives `timeoutMs`. */
  run(args: string[], timeoutMs = 60_000, command: string[] = [process.execPath, 'dist/cli.js']): Promise<CliRun> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = this.spawn(command, args);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`hlk-assist ${args.join(' ')} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      });
    });
  }

  /**
   * Starts `hlk-assist practice ARGS` in the foreground and resolves once it says it is running; rejects
   * when it ends first or does not start within `startMs` (loading PowerShell on every machine is slow on
   * a busy computer).
   */
  practice(args: string[], startMs = 60_000): Promise<{ child: ChildProcess; output: () => string }> {
    return new Promise((resolve, reject) => {
      const child = this.spawn([process.execPath, 'dist/cli.js'], ['practice', ...args]);
      let output = '';
      const timer = setTimeout(() => reject(new Error(`practice did not start within ${startMs / 1000} s: ${output}`)), startMs);
      child.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('stop it with Ctrl+C')) {
          clearTimeout(timer);
          resolve({ child, output: () => output });
        }
      });
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      child.on('close', (code) => {
        clearTimeout(timer);
        reject(new Error(`practice ended early (${code}): ${output}`));
      });
    });
  }

  /** Stops a foreground command as Ctrl+C would, and resolves with its exit code. */
  stop(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => {
      child.removeAllListeners('close');
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      child.on('close', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  }

  killAll(): void {
    for (const c of this.children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }

  private spawn(command: string[], args: string[]): ChildProcess {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.push(child);
    return child;
  }
}
