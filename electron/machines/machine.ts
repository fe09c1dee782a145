import { userInfo } from 'node:os';
import type { ConnectionState, HostKeyMismatch, LabEventKind, MachineRole, MachineView } from '../../shared/lab';
import { OperationFailure, type OperationError } from '../../shared/errors';
import type { OperationDefinition, ParamsOf, ResultOf } from '../../shared/operations/define';
import { systemFacts, type SystemFacts } from '../../shared/operations/system';
import type { HostKeyIdentity, HostKeyStore } from '../lab/host-keys';
import type { LabMachine } from '../lab/lab-file';
import type { Link, LinkFailure } from '../transport/link';
import type { RemoteFiles } from '../transport/remote-files';
import { startLocalLink } from '../transport/local-link';
import { RequestLoop } from '../transport/request-loop';
import { startSshLink } from '../transport/ssh-link';

export interface MachineTimings {
  /** SSH keepalive: a silent connection is declared lost after interval × count. */
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** How long the SSH handshake and authentication may take. */
  connectTimeoutMs: number;
  /** How long PowerShell may take to start the request loop. */
  loopStartTimeoutMs: number;
  reconnectInitialMs: number;
  reconnectMaxMs: number;
}

export const defaultTimings: MachineTimings = {
  keepaliveIntervalMs: 1500,
  keepaliveCountMax: 3,
  connectTimeoutMs: 15_000,
  loopStartTimeoutMs: 30_000,
  reconnectInitialMs: 1000,
  reconnectMaxMs: 15_000,
};

export interface MachineDeps {
  hostKeys: HostKeyStore;
  timings: MachineTimings;
  /** Called whenever what the operator sees of this machine changes. */
  changed: (view: MachineView) => void;
  record: (kind: LabEventKind, text: string) => void;
  /** Told of every operation that was sent (or could not be sent) with valid parameters, and how it ended. */
  operationRan?: (run: OperationRun) => void;
}

export interface OperationRun {
  operation: OperationDefinition;
  /** The validated parameters, as sent. */
  params: unknown;
  elapsedMs: number;
  outcome: { ok: true; result: unknown } | { ok: false; error: OperationError };
}

/** At most this many PowerShell loops per machine: well under OpenSSH's default MaxSessions of 10. */
const MAX_LOOPS = 3;

type Verdict = 'rebooted' | 'same';

interface Waiting {
  resolve: (loop: RequestLoop) => void;
  reject: (e: OperationFailure) => void;
}

/**
 * One lab machine: its SSH connection, the PowerShell loops over it, and what the operator sees of it.
 * It reconnects by itself after a drop and tells a reboot from a network blip by the boot time.
 */
export class Machine {
  private state: ConnectionState = 'idle';
  private stateSince = new Date().toISOString();
  private stateDetail: string | null = null;
  private hostKey: HostKeyIdentity | null = null;
  private mismatch: HostKeyMismatch | null = null;
  private facts: SystemFacts | null = null;
  private factsAt: string | null = null;
  private rebootedAt: string | null = null;

  private link: Link | null = null;
  private loops: RequestLoop[] = [];
  private readonly reserved = new Set<RequestLoop>();
  private startingLoops = 0;
  private waiting: Waiting[] = [];
  /** Held only in memory, for reconnecting after a reboot; never written anywhere. */
  private password: string | undefined;
  private wanted = false;
  private expectingReboot = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backoffMs: number;
  private attempt = 0;
  private verdictWaiters: Array<(v: Verdict) => void> = [];
  private connectedWaiters: Array<() => void> = [];

  constructor(
    readonly config: LabMachine,
    private readonly deps: MachineDeps,
  ) {
    this.backoffMs = deps.timings.reconnectInitialMs;
  }

  get name(): string {
    return this.config.name;
  }

  get role(): MachineRole {
    return this.config.role;
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  view(): MachineView {
    const c = this.config;
    const local = c.connection === 'local';
    return {
      name: c.name,
      role: c.role,
      host: local ? 'this computer' : c.host,
      port: local ? 0 : c.port,
      user: local ? userInfo().username : c.user,
      auth: local ? 'local' : c.auth.type,
      state: this.state,
      stateSince: this.stateSince,
      stateDetail: this.stateDetail,
      hostKey: this.hostKey,
      hostKeyMismatch: this.mismatch,
      facts: this.facts,
      factsAt: this.factsAt,
      rebootedAt: this.rebootedAt,
    };
  }

  /** Connects (or reconnects now). A password, if given, is kept in memory for reconnects. */
  connect(password?: string): void {
    if (password !== undefined) this.password = password;
    this.wanted = true;
    this.clearReconnect();
    this.backoffMs = this.deps.timings.reconnectInitialMs;
    if (this.config.connection === 'ssh' && this.config.auth.type === 'password' && this.password === undefined) {
      this.setState('needs-password', 'type the password to connect; it is kept in memory only');
      return;
    }
    this.open();
  }

  disconnect(): void {
    this.wanted = false;
    this.clearReconnect();
    this.teardown();
    this.setState('idle', 'disconnected by the operator');
  }

  /** Accepts the key the machine now presents (after the operator compared fingerprints) and reconnects. */
  async trustPresentedHostKey(fingerprint: string): Promise<void> {
    const m = this.mismatch;
    if (!m || m.presented !== fingerprint || this.config.connection !== 'ssh') {
      throw new Error(`${this.name} does not present the key ${fingerprint}; connect again and compare the fingerprints`);
    }
    await this.deps.hostKeys.pin(this.config.host, this.config.port, { fingerprint: m.presented, keyType: m.keyType });
    this.deps.record('host-key-pinned', `operator trusted the new host key ${m.presented} (was ${m.pinned})`);
    this.mismatch = null;
    this.connect();
  }

  acknowledgeReboot(): void {
    this.rebootedAt = null;
    this.emit();
  }

  /** Marks that a reboot was asked for, so the coming drop reads as "rebooting", not "unreachable". */
  expectReboot(): void {
    this.expectingReboot = true;
  }

  /**
   * Runs an operation: validated parameters in, validated result out, a typed OperationFailure otherwise.
   * `timeoutMs` overrides the operation's own limit (long waits the operator chose, tests).
   */
  async run<D extends OperationDefinition>(op: D, params: ParamsOf<D>, timeoutMs = op.timeoutMs): Promise<ResultOf<D>> {
    const fail = (kind: OperationFailure['info']['kind'], message: string, detail?: OperationFailure['info']['detail']) =>
      new OperationFailure({ kind, message, machine: this.name, operation: op.name, ...(detail ? { detail } : {}) });
    const parsed = op.params.safeParse(params ?? {});
    if (!parsed.success) {
      throw fail('invalid-params', `${op.name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ')}`);
    }
    const started = Date.now();
    try {
      // The result schema is D's own (runValid parsed it), so its output is ResultOf<D>.
      const result = (await this.runValid(op, parsed.data, timeoutMs, started, fail)) as ResultOf<D>;
      this.deps.operationRan?.({ operation: op, params: parsed.data, elapsedMs: Date.now() - started, outcome: { ok: true, result } });
      return result;
    } catch (e) {
      if (e instanceof OperationFailure) {
        this.deps.operationRan?.({ operation: op, params: parsed.data, elapsedMs: Date.now() - started, outcome: { ok: false, error: e.info } });
      }
      throw e;
    }
  }

  private async runValid(
    op: OperationDefinition,
    params: unknown,
    timeoutMs: number,
    started: number,
    fail: (kind: OperationFailure['info']['kind'], message: string, detail?: OperationFailure['info']['detail']) => OperationFailure,
  ): Promise<unknown> {
    if (this.state !== 'connected') {
      throw fail('not-connected', `${this.name} is not connected (${this.state}${this.stateDetail ? `: ${this.stateDetail}` : ''})`);
    }
    const loop = await this.acquireLoop(op);
    let raw: unknown;
    try {
      raw = await loop.run(op, params, timeoutMs);
    } catch (e) {
      if (e instanceof OperationFailure && e.info.kind === 'connection-lost' && this.state !== 'connected') {
        // The whole connection went: wait (within the operation's time) to learn whether it was a reboot.
        const verdict = await this.awaitVerdict(Math.max(0, timeoutMs - (Date.now() - started)));
        if (verdict === 'rebooted') {
          throw fail('host-rebooted', `${this.name} rebooted while ${op.name} was running`, {
            rebootedAt: this.rebootedAt,
          });
        }
      }
      throw e;
    } finally {
      this.releaseLoop(loop);
    }
    const result = op.result.safeParse(raw);
    if (!result.success) {
      throw fail(
        'bad-output',
        `${op.name} on ${this.name} returned output of the wrong shape: ${result.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || 'result'}: ${i.message}`)
          .join('; ')}`,
        { snippet: JSON.stringify(raw)?.slice(0, 200) ?? 'undefined' },
      );
    }
    return result.data;
  }

  /**
   * A session for reading the machine's files (SFTP; the disk itself for this computer), on the current
   * connection. The caller closes it; it fails with the connection.
   */
  async files(): Promise<RemoteFiles> {
    if (this.state !== 'connected' || !this.link) {
      throw new OperationFailure({ kind: 'not-connected', message: `${this.name} is not connected (${this.state})`, machine: this.name });
    }
    return this.link.openFiles(this.deps.timings.connectTimeoutMs);
  }

  /** Resolves true once the machine is connected (at once if it is), false if that takes longer than withinMs. */
  whenConnected(withinMs: number): Promise<boolean> {
    if (this.state === 'connected' && this.link) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.connectedWaiters = this.connectedWaiters.filter((w) => w !== waiter);
        resolve(false);
      }, withinMs);
      this.connectedWaiters.push(waiter);
    });
  }

  private acquireLoop(op: OperationDefinition): Promise<RequestLoop> {
    const idle = this.loops.find((l) => !this.reserved.has(l) && !l.isClosed);
    if (idle) {
      this.reserved.add(idle);
      return Promise.resolve(idle);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (this.loops.length + this.startingLoops < MAX_LOOPS) void this.startLoop(op.name);
    });
  }

  private releaseLoop(loop: RequestLoop): void {
    this.reserved.delete(loop);
    if (loop.isClosed) return;
    this.handOver(loop);
  }

  /** Gives an idle loop to the longest-waiting operation, if any. */
  private handOver(loop: RequestLoop): void {
    const next = this.waiting.shift();
    if (!next) return;
    this.reserved.add(loop);
    next.resolve(loop);
  }

  private async startLoop(forOperation: string): Promise<void> {
    const link = this.link;
    if (!link) return;
    this.startingLoops++;
    try {
      const channel = await link.openChannel(this.deps.timings.connectTimeoutMs);
      const loop = await RequestLoop.start(channel, this.name, this.deps.timings.loopStartTimeoutMs);
      if (link !== this.link) {
        loop.close();
        return;
      }
      loop.onClose(() => {
        this.loops = this.loops.filter((l) => l !== loop);
        this.reserved.delete(loop);
        // A loop ended on its own (a timeout closes it): operations still waiting need a fresh one.
        if (this.waiting.length > 0 && link === this.link) void this.startLoop(forOperation);
      });
      this.loops.push(loop);
      this.handOver(loop);
    } catch (e) {
      const next = this.waiting.shift();
      next?.reject(
        new OperationFailure({
          kind: 'connection-lost',
          message: `could not start PowerShell on ${this.name}: ${(e as Error).message}`,
          machine: this.name,
          operation: forOperation,
        }),
      );
    } finally {
      this.startingLoops--;
    }
  }

  private awaitVerdict(withinMs: number): Promise<Verdict | 'unknown'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.verdictWaiters = this.verdictWaiters.filter((w) => w !== waiter);
        resolve('unknown');
      }, withinMs);
      const waiter = (v: Verdict) => {
        clearTimeout(timer);
        resolve(v);
      };
      this.verdictWaiters.push(waiter);
    });
  }

  private open(): void {
    this.teardown();
    this.setState(this.state === 'rebooting' ? 'rebooting' : 'connecting', this.attempt > 0 ? `attempt ${this.attempt + 1}` : null);
    const events = {
      ready: () => {
        if (link === this.link) void this.onReady(link);
      },
      dropped: () => {
        if (link === this.link) this.onDropped();
      },
      failed: (failure: LinkFailure) => {
        if (link === this.link) this.onFailed(failure);
      },
    };
    const c = this.config;
    const t = this.deps.timings;
    const link: Link =
      c.connection === 'local'
        ? startLocalLink(events)
        : startSshLink(
            {
              machine: c,
              password: this.password,
              hostKeys: this.deps.hostKeys,
              keepaliveIntervalMs: t.keepaliveIntervalMs,
              keepaliveCountMax: t.keepaliveCountMax,
              connectTimeoutMs: t.connectTimeoutMs,
              hostKeyAccepted: (key: HostKeyIdentity, pinnedNow: boolean) => {
                this.hostKey = key;
                if (pinnedNow) this.deps.record('host-key-pinned', `pinned host key ${key.fingerprint} (${key.keyType}) on first use`);
              },
            },
            events,
          );
    this.link = link;
  }

  private onFailed(failure: LinkFailure): void {
    if (failure.kind === 'unreachable') {
      this.scheduleReconnect(failure.message);
      return;
    }
    // Neither a refused password nor a changed host key gets better by retrying: wait for the operator.
    this.wanted = false;
    this.teardown();
    if (failure.kind === 'host-key-changed') {
      this.mismatch = failure.mismatch;
      this.deps.record('host-key-changed', `host key changed: ${failure.message}; connection refused`);
    } else {
      if (this.config.connection === 'ssh' && this.config.auth.type === 'password') this.password = undefined;
      this.deps.record('auth-failed', failure.message);
    }
    this.setState(failure.kind, failure.message);
  }

  private async onReady(link: Link): Promise<void> {
    this.setStateQuiet('connected');
    let facts: SystemFacts;
    try {
      facts = await this.run(systemFacts, {});
    } catch (e) {
      if (link !== this.link) return;
      this.setState('unreachable', `connected, but PowerShell did not answer: ${(e as Error).message}`);
      this.teardown();
      this.scheduleReconnect((e as Error).message);
      return;
    }
    if (link !== this.link) return;
    const before = this.facts?.lastBootTime ?? null;
    this.facts = facts;
    this.factsAt = new Date().toISOString();
    this.attempt = 0;
    this.backoffMs = this.deps.timings.reconnectInitialMs;
    const rebooted = before !== null && before !== facts.lastBootTime;
    this.expectingReboot = false;
    if (rebooted) {
      this.rebootedAt = this.factsAt;
      this.deps.record('rebooted', `rebooted: booted at ${facts.lastBootTime} (before: ${before})`);
    }
    this.deps.record('connected', `connected: Windows ${facts.osVersion} ${facts.edition}, ${facts.logicalProcessors} logical processors`);
    this.setState('connected', null);
    const waiters = this.verdictWaiters;
    this.verdictWaiters = [];
    for (const w of waiters) w(rebooted ? 'rebooted' : 'same');
    const connected = this.connectedWaiters;
    this.connectedWaiters = [];
    for (const w of connected) w();
  }

  private onDropped(): void {
    const expected = this.expectingReboot;
    this.teardown();
    this.deps.record('disconnected', expected ? 'went down for the reboot that was asked for' : 'connection lost');
    this.setState(expected ? 'rebooting' : 'unreachable', expected ? 'waiting for it to come back' : 'connection lost; reconnecting');
    if (this.wanted) this.scheduleReconnect(expected ? 'rebooting' : 'connection lost');
  }

  private scheduleReconnect(reason: string): void {
    this.teardown();
    if (!this.wanted) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.deps.timings.reconnectMaxMs);
    this.attempt++;
    const state = this.state === 'rebooting' ? 'rebooting' : 'unreachable';
    this.setState(state, `${reason}; retrying in ${Math.round(delay / 100) / 10} s`);
    this.clearReconnect();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.wanted) this.open();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private clearReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private teardown(): void {
    const link = this.link;
    this.link = null;
    for (const loop of this.loops) loop.close();
    this.loops = [];
    this.reserved.clear();
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) {
      w.reject(new OperationFailure({ kind: 'connection-lost', message: `the connection to ${this.name} was lost`, machine: this.name }));
    }
    link?.end();
  }

  private setState(state: ConnectionState, detail: string | null): void {
    if (state !== this.state) this.stateSince = new Date().toISOString();
    this.state = state;
    this.stateDetail = detail;
    this.emit();
  }

  private setStateQuiet(state: ConnectionState): void {
    this.state = state;
  }

  private emit(): void {
    this.deps.changed(this.view());
  }
}
