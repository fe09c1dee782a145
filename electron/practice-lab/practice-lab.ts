import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { utils } from 'ssh2';
import type { SshMachine } from '../lab/lab-file';
import { readyLab } from './scenarios';
import { SimulatedHost, type SimulatedHostSpec } from './simulated-host';
import { SshHost } from './ssh-host';

export interface PracticeLabOptions {
  /** Where the practice key is written (the lab file points at it). */
  dir: string;
  /** The machines; the ready HLK 1809 lab by default. */
  hosts?: SimulatedHostSpec[];
  /** How long a simulated reboot keeps a machine away. */
  rebootDownMs?: number;
}

/**
 * A simulated HLK lab on loopback: each machine its own SSH server on 127.0.0.1. The app reaches it
 * exactly as it reaches real machines; tests and the practice mode drive failures through it.
 */
export class PracticeLab {
  private readonly ssh = new Map<string, SshHost>();
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly keyFile: string;
  readonly rebootDownMs: number;

  private constructor(
    readonly hosts: SimulatedHost[],
    keyFile: string,
    rebootDownMs: number,
  ) {
    this.keyFile = keyFile;
    this.rebootDownMs = rebootDownMs;
  }

  static async start(options: PracticeLabOptions): Promise<PracticeLab> {
    await mkdir(options.dir, { recursive: true });
    const key = utils.generateKeyPairSync('ed25519');
    const keyFile = join(options.dir, 'practice-lab-key');
    await writeFile(keyFile, key.private, { mode: 0o600 });
    await chmod(keyFile, 0o600);
    const hosts = (options.hosts ?? readyLab()).map((spec) => new SimulatedHost(spec));
    const lab = new PracticeLab(hosts, keyFile, options.rebootDownMs ?? 3000);
    for (const host of hosts) {
      const ssh = new SshHost(
        host,
        key.public,
        // Like shutdown.exe, the reboot starts a moment after the command returns, even with /t 0.
        (delayMs) => lab.reboot(host.name, { afterMs: Math.max(delayMs, 200) }),
        () => lab.reboot(host.name),
      );
      await ssh.listen();
      lab.ssh.set(host.name, ssh);
    }
    return lab;
  }

  /** A lab file that reaches this lab with the practice key. */
  labFile(name = 'Practice lab (simulated)'): { name: string; machines: SshMachine[] } {
    return {
      name,
      machines: this.hosts.map((h) => ({
        name: h.name,
        role: h.role,
        connection: 'ssh' as const,
        host: '127.0.0.1',
        port: this.sshHost(h.name).port,
        user: h.user,
        auth: { type: 'key' as const, file: this.keyFile },
      })),
    };
  }

  host(name: string): SimulatedHost {
    const h = this.hosts.find((x) => x.name === name);
    if (!h) throw new Error(`practice lab has no machine ${name}`);
    return h;
  }

  sshHost(name: string): SshHost {
    const s = this.ssh.get(name);
    if (!s) throw new Error(`practice lab has no machine ${name}`);
    return s;
  }

  /** Reboots a machine: connections drop, it is away for rebootDownMs, then boots with a new boot time. */
  reboot(name: string, options: { afterMs?: number; downMs?: number } = {}): void {
    const go = () => {
      const host = this.host(name);
      host.down = true;
      this.sshHost(name).dropConnections();
      this.later(() => {
        host.boot(new Date());
        host.down = false;
      }, options.downMs ?? this.rebootDownMs);
    };
    if (options.afterMs) this.later(go, options.afterMs);
    else go();
  }

  /** Breaks every connection to the machine without a reboot (a network blip). */
  dropConnections(name: string): void {
    this.sshHost(name).dropConnections();
  }

  /** The machine stops answering on its open connections, keepalives included, and refuses new ones for downMs. */
  blackhole(name: string, downMs: number): void {
    const host = this.host(name);
    host.down = true;
    this.sshHost(name).freezeConnections();
    this.later(() => {
      host.down = false;
    }, downMs);
  }

  changeHostKey(name: string): void {
    this.sshHost(name).rotateHostKey();
    this.sshHost(name).dropConnections();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.ssh.values()].map((s) => s.close()));
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}
