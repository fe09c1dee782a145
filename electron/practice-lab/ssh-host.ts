import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { Server as SshServer, utils, type Connection, type ParsedKey, type ServerChannel } from 'ssh2';
import { findOperation } from '../../shared/operations';
import {
  BOOTSTRAP_COMMAND,
  decodeRequest,
  encodeAnswer,
  FRAME_PREFIX,
  LOOP_SCRIPT_LINE,
  scriptSha,
  type LoopAnswer,
} from '../transport/framing';
import { behaviourFor, SimulatedScriptError, type SimulatedNetwork } from './behaviours';
import { readableKeyPair } from './keys';
import { serveSftp } from './sftp-server';
import type { SimulatedHost } from './simulated-host';
import { onStandIn } from './windows-stand-in/coverage';
import { StandInPowerShell } from './windows-stand-in/stand-in-powershell';

/** The PowerShell engine: real PowerShell with the Windows stand-in, on the machine's state in stateFile. */
export interface PowerShellEngine {
  powershell: string;
  stateFile: string;
}

/** Loaded PowerShells kept per machine: as many loops as the app opens on one machine (Machine's MAX_LOOPS). */
export const SPARES = 3;
/** How long a script may run in the stand-in's PowerShell before the practice lab gives up on it. */
const STAND_IN_REQUEST_MS = 10 * 60_000;
/** PowerShell's start-up, the stand-in and the loop script, on a loaded computer. */
const STAND_IN_START_MS = 120_000;



/**
 * One simulated Windows machine behind a real SSH server on 127.0.0.1. It accepts what Windows OpenSSH
 * with hlk-assist's setup accepts (the practice key or the machine's password), runs the PowerShell
 * bootstrap and speaks the request loop; any other command gets cmd.exe's answer.
 */
export class SshHost {
  private readonly net: NetServer;
  private ssh!: SshServer;
  private hostKey!: string;
  private readonly sockets = new Set<Socket>();
  private readonly authorizedKey: ParsedKey;
  /** One script at a time on the machine's state file, whichever channel sent it. */
  private standInTurn: Promise<void> = Promise.resolve();
  /** PowerShells with the stand-in loaded, waiting for a client's loop (as many as a client opens loops). */
  private spares: StandInPowerShell[] = [];
  port = 0;
  private powershells = 0;
  private closed = false;

  constructor(
    readonly host: SimulatedHost,
    authorizedPublicKey: string,
    private readonly onRebootRequested: (delayMs: number) => void,
    private readonly onRebootNow: () => void,
    private readonly network: SimulatedNetwork,
    /** Null: every operation is answered by the TypeScript model. */
    private readonly engine: PowerShellEngine | null = null,
  ) {
    const parsed = utils.parseKey(authorizedPublicKey);
    if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('practice lab: bad authorized key');
    this.authorizedKey = parsed as ParsedKey;
    this.rotateHostKey();
    this.net = createServer((socket) => {
      if (this.host.down) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      // An answer is one small write after a request: with Nagle's algorithm on, it waits for the
      // client's delayed ACK of the request (40 ms on Linux) before it leaves.
      socket.setNoDelay(true);
      this.ssh.injectSocket(socket);
    });
  }

  listen(port = 0): Promise<number> {
    return new Promise((resolve, reject) => {
      this.net.once('error', reject);
      this.net.listen(port, '127.0.0.1', () => {
        this.net.off('error', reject);
        this.port = (this.net.address() as { port: number }).port;
        resolve(this.port);
      });
    });
  }

  /**
   * Under the PowerShell engine: starts the PowerShells the first loops will use and resolves once they
   * have loaded the stand-in (PowerShell takes seconds to start; a client gives a loop 20 or 30 s).
   */
  async warmUp(timeoutMs: number): Promise<void> {
    if (!this.engine) return;
    while (this.spares.length < SPARES) this.spares.push(this.newPowerShell());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`PowerShell for ${this.host.name} did not load the Windows stand-in within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.all(this.spares.map((s) => s.loaded)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private newPowerShell(): StandInPowerShell {
    const engine = this.engine!;
    // Each process has its own state file: a spare loads while another runs a script on the machine.
    return new StandInPowerShell(engine.powershell, this.host, `${engine.stateFile.replace(/\.json$/, '')}.${++this.powershells}.json`);
  }

  close(): Promise<void> {
    this.closed = true;
    for (const spare of this.spares.splice(0)) spare.kill();
    this.dropConnections();
    return new Promise((resolve) => this.net.close(() => resolve()));
  }

  /** Ends every open connection, as a reboot or a broken cable would. */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** Stops answering on every open connection (keepalives included) without closing it: a network black hole. */
  freezeConnections(): void {
    for (const s of this.sockets) s.pause();
  }

  /** A new host key, as after a reinstall or when something else answers at this address. */
  rotateHostKey(): void {
    this.hostKey = readableKeyPair().private;
    // Windows Server's OpenSSH names itself so; clients (ssh2 among them) size SFTP reads by it.
    this.ssh = new SshServer({ hostKeys: [this.hostKey], ident: 'OpenSSH_for_Windows_8.1' }, (client) => this.onClient(client));
    this.ssh.on('error', () => undefined);
  }

  private onClient(client: Connection): void {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.username !== this.host.user) return ctx.reject(['publickey', 'password']);
      if (ctx.method === 'password') {
        const a = Buffer.from(ctx.password);
        const b = Buffer.from(this.host.password);
        return a.length === b.length && timingSafeEqual(a, b) ? ctx.accept() : ctx.reject(['publickey', 'password']);
      }
      if (ctx.method === 'publickey') {
        const key = this.authorizedKey;
        if (ctx.key.algo !== key.type || !ctx.key.data.equals(key.getPublicSSH())) return ctx.reject(['publickey', 'password']);
        if (!ctx.signature) return ctx.accept(); // the client asks whether this key would do
        return key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject();
      }
      return ctx.reject(['publickey', 'password']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('exec', (acceptExec, _reject, info) => this.onExec(acceptExec(), info.command));
        session.on('sftp', (acceptSftp) => serveSftp(acceptSftp(), this.host.files, this.host.user, () => this.dropConnections()));
      });
    });
  }

  private onExec(channel: ServerChannel, command: string): void {
    if (command !== BOOTSTRAP_COMMAND) {
      const word = command.split(/\s+/)[0] ?? '';
      channel.stderr.write(`'${word}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`);
      channel.exit(1);
      channel.end();
      return;
    }
    if (this.engine) {
      this.serveWithPowerShell(channel);
      return;
    }
    const cache = new Map<string, string>();
    let started = false;
    let pending = '';
    let queue = Promise.resolve();
    channel.on('data', (data: Buffer) => {
      pending += data.toString('latin1');
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        const line = pending.slice(0, nl).replace(/\r$/, '');
        pending = pending.slice(nl + 1);
        if (!started) {
          if (`${line}\n` !== LOOP_SCRIPT_LINE) {
            channel.stderr.write('#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">The script sent on stdin is not the request loop this simulated machine knows._x000D__x000A_</S></Objs>');
            channel.exit(1);
            channel.end();
            return;
          }
          started = true;
          channel.write(encodeAnswer({ id: 'ready', ok: true, result: { protocol: 1, powershell: this.host.system.powershellVersion, pid: 4000 + this.port % 1000 } }));
        } else if (line.length > 0) {
          queue = queue.then(() => this.answer(channel, line, cache));
        }
        nl = pending.indexOf('\n');
      }
    });
    channel.on('end', () => {
      void queue.then(() => {
        channel.exit(0);
        channel.end();
      });
    });
  }

  /**
   * The request loop run by real PowerShell with the Windows stand-in: the client's lines go to it as they
   * would to Windows PowerShell (the loop script included, unchecked), and what it prints comes back. An
   * operation the stand-in cannot run yet is answered by the model, on the same state.
   */
  private serveWithPowerShell(channel: ServerChannel): void {
    const cache = new Map<string, string>();
    let powershell: StandInPowerShell | null = null;
    let pending = '';
    let queue = Promise.resolve();
    let finished = false;
    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      channel.exit(code);
      channel.end();
    };
    channel.on('data', (data: Buffer) => {
      pending += data.toString('latin1');
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        const line = pending.slice(0, nl).replace(/\r$/, '');
        pending = pending.slice(nl + 1);
        if (!powershell) {
          const ps = this.spares.shift() ?? this.newPowerShell();
          ps.attach(
            (noise) => channel.write(`${noise}\n`),
            (chunk) => channel.stderr.write(chunk),
            (code) => void queue.then(() => finish(code)),
          );
          powershell = ps;
          // Not in the machine's turn: a PowerShell still starting must not hold up the scripts of the others.
          queue = queue.then(() =>
            ps.start(`${line}\n`, STAND_IN_START_MS).then((ready) => void channel.write(`${ready}\n`)).catch((e: Error) => {
              channel.stderr.write(`${e.message}\r\n`);
              ps.kill();
            }),
          );
        } else if (line.length > 0) {
          const ps = powershell;
          queue = queue.then(() => this.answer(channel, line, cache, ps));
        }
        nl = pending.indexOf('\n');
      }
    });
    channel.on('close', () => {
      if (!powershell) return;
      powershell.kill();
      // The next client's loop finds one loaded too. Started only now, not when this one was taken: a
      // PowerShell loading beside the scripts a client is waiting for would slow them on a busy computer.
      if (!this.closed && this.spares.length < SPARES) this.spares.push(this.newPowerShell());
    });
    channel.on('end', () => {
      void queue.then(() => {
        if (powershell) powershell.end();
        else finish(0);
      });
    });
  }

  private withStandIn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.standInTurn.then(work);
    this.standInTurn = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** One request in the stand-in's PowerShell; its answer goes to the channel, and a reboot it asked for to the lab. */
  private async answerWithPowerShell(channel: ServerChannel, line: string, id: string, powershell: StandInPowerShell): Promise<void> {
    let answer: { frame: string; rebootInSeconds: number | null };
    try {
      answer = await this.withStandIn(() => powershell.request(line, STAND_IN_REQUEST_MS, this.network.hosts(), this.network.now()));
    } catch (e) {
      channel.stderr.write(`${(e as Error).message}\r\n`);
      powershell.kill();
      return;
    }
    if (this.host.faults.wrongShapeNextAnswer) {
      this.host.faults.wrongShapeNextAnswer = false;
      channel.write(encodeAnswer({ id, ok: true, result: { unexpected: 'shape' } }));
    } else channel.write(`${answer.frame}\n`);
    if (answer.rebootInSeconds !== null) this.onRebootRequested(answer.rebootInSeconds * 1000);
  }

  private async answer(channel: ServerChannel, line: string, cache: Map<string, string>, powershell: StandInPowerShell | null = null): Promise<void> {
    const faults = this.host.faults;
    let request;
    try {
      request = decodeRequest(line);
    } catch {
      channel.write(encodeAnswer({ id: null, ok: false, error: scriptError('Invalid JSON primitive: the request line could not be read.') }));
      return;
    }
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (faults.rebootDuringNextOperation) {
      faults.rebootDuringNextOperation = false;
      this.onRebootNow();
      return;
    }
    if (faults.hangNextOperation) {
      faults.hangNextOperation = false;
      await new Promise<void>((resolve) => channel.once('close', () => resolve()));
      return;
    }
    if (faults.garbageNextAnswer) {
      faults.garbageNextAnswer = false;
      channel.write(`${FRAME_PREFIX}%%%% this is not base64 %%%%\r\n`);
      return;
    }
    if (powershell && onStandIn.has(request.op)) return this.answerWithPowerShell(channel, line, request.id, powershell);
    channel.write(encodeAnswer(this.run(request, cache)));
  }

  private run(request: ReturnType<typeof decodeRequest>, cache: Map<string, string>): LoopAnswer {
    const id = request.id;
    if (request.script !== undefined) {
      if (scriptSha(request.script) !== request.sha) {
        return { id, ok: false, error: scriptError('hlk-assist: the script does not match its hash') };
      }
      cache.set(request.sha, request.script);
    }
    const script = cache.get(request.sha);
    if (script === undefined) return { id, ok: false, error: scriptError('hlk-assist: script not cached; send it again') };
    const op = findOperation(request.op);
    const behaviour = behaviourFor(request.op);
    if (!op || op.script !== script || !behaviour) {
      // A real machine would run any script; the model only knows hlk-assist's own.
      return { id, ok: false, error: scriptError(`The simulated machine does not model the script sent as ${request.op}.`) };
    }
    if (this.host.faults.wrongShapeNextAnswer) {
      this.host.faults.wrongShapeNextAnswer = false;
      return { id, ok: true, result: { unexpected: 'shape' } };
    }
    try {
      // PowerShell's ConvertFrom-Json gives the script a copy of the data, never a reference.
      const params: unknown = JSON.parse(JSON.stringify(request.params ?? {}));
      const result = behaviour({ host: this.host, scheduleReboot: this.onRebootRequested, network: this.network }, params);
      return { id, ok: true, result: JSON.parse(JSON.stringify(result ?? null)) };
    } catch (e) {
      if (e instanceof SimulatedScriptError) return { id, ok: false, error: scriptError(e.message, e.line) };
      throw e;
    }
  }
}

function scriptError(message: string, line = 1) {
  return { message, type: 'System.Management.Automation.RuntimeException', category: 'OperationStopped', line };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
