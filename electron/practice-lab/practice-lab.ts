import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SshMachine } from '../lab/lab-file';
import { isRoutableIPv6, sameIPv6, sameIPv6Prefix } from '../../shared/readiness/ipv6';
import type { ReadinessSettingsInput } from '../../shared/readiness/settings';
import type { ProvisioningSettings } from '../../shared/provisioning';
import { adapterHolds, type SimulatedNetwork } from './behaviours';
import { readableKeyPair } from './keys';
import { PracticeClock } from './hlk-clock';
import { practiceCertificate } from './practice-certificate';
import { scenarios, type Scenario, type ScenarioName } from './scenarios';
import { SimulatedHost } from './simulated-host';
import { SshHost, type PowerShellEngine } from './ssh-host';
import { findPowerShell } from './windows-stand-in/stand-in-powershell';
import type { PracticeEngine } from '../../shared/practice-scenarios';

export interface PracticeLabOptions {
  /** Where the practice key is written (the lab file points at it). */
  dir: string;
  /** Which lab to simulate (see scenarios.ts); 'ready' by default. */
  scenario?: ScenarioName;
  /** Other machines than the scenario's, with the lab's readiness settings. */
  custom?: Scenario;
  /** How long a simulated reboot keeps a machine away. */
  rebootDownMs?: number;
  /** How long a queued HLK test waits before it runs, and how long it runs (5 s unless given). */
  hlkTestStepMs?: number;
  /** Simulated seconds of HLK time a second (1 unless given): `practice --clock N`. */
  clockSpeed?: number;
  /**
   * What answers the operations: 'model' (the TypeScript behaviours, the default) or 'powershell' (the real
   * scripts in a real PowerShell with the Windows stand-in, for the operations it covers).
   */
  engine?: PracticeEngine;
  /** The PowerShell the 'powershell' engine runs; found on this computer when not given. */
  powershell?: string;
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
  /** HLK time on the simulated controller; tests move it on with `clock.advance`. */
  readonly clock: PracticeClock;

  private constructor(
    readonly hosts: SimulatedHost[],
    keyFile: string,
    rebootDownMs: number,
    /** The lab file's readiness settings, the practice test certificate's file included. */
    readonly readiness: ReadinessSettingsInput,
    clock: PracticeClock,
    /** The lab file's provisioning section, when the scenario has what preparing its machines installs. */
    readonly provisioning: ProvisioningSettings | undefined,
  ) {
    this.clock = clock;
    this.keyFile = keyFile;
    this.rebootDownMs = rebootDownMs;
  }

  static async start(options: PracticeLabOptions): Promise<PracticeLab> {
    await mkdir(options.dir, { recursive: true });
    const key = readableKeyPair();
    const keyFile = join(options.dir, 'practice-lab-key');
    await writeFile(keyFile, key.private, { mode: 0o600 });
    await chmod(keyFile, 0o600);
    let powershell: string | null = null;
    if (options.engine === 'powershell') {
      powershell = options.powershell ?? findPowerShell();
      if (!powershell) {
        throw new Error('the practice lab\'s PowerShell engine needs PowerShell: neither pwsh nor powershell.exe is on this computer (see the README, "Test it")');
      }
    }
    const scenario = options.custom ?? scenarios[options.scenario ?? 'ready']();
    // The driver's test certificate, as a .cer file the lab file points at for the import fix.
    const certificateFile = join(options.dir, 'practice-test-certificate.cer');
    await writeFile(certificateFile, practiceCertificate().der);
    const readiness = { ...scenario.readiness, testCertificate: { ...scenario.readiness.testCertificate, file: certificateFile } };
    const hosts = scenario.hosts.map((spec) => new SimulatedHost(spec));
    for (const host of hosts) if (host.hlkStudio && options.hlkTestStepMs !== undefined) host.hlkStudio.testStepMs = options.hlkTestStepMs;
    const lab = new PracticeLab(hosts, keyFile, options.rebootDownMs ?? 3000, readiness, new PracticeClock(options.clockSpeed), scenario.provisioning);
    const network = labNetwork(hosts, lab.clock);
    try {
      await Promise.all(
        hosts.map(async (host) => {
          const engine: PowerShellEngine | null = powershell ? { powershell, stateFile: join(options.dir, `${host.name}.state.json`) } : null;
          const ssh = new SshHost(
            host,
            key.public,
            // Like shutdown.exe, the reboot starts a moment after the command returns, even with /t 0.
            (delayMs) => lab.reboot(host.name, { afterMs: Math.max(delayMs, 200) }),
            () => lab.reboot(host.name),
            network,
            engine,
          );
          lab.ssh.set(host.name, ssh);
          await ssh.listen();
          await ssh.warmUp(300_000);
        }),
      );
    } catch (e) {
      await lab.stop();
      throw e;
    }
    return lab;
  }

  /** A lab file that reaches this lab with the practice key. */
  labFile(name = 'Practice lab (simulated)'): { name: string; machines: SshMachine[]; readiness: ReadinessSettingsInput; provisioning?: ProvisioningSettings } {
    return {
      name,
      readiness: this.readiness,
      ...(this.provisioning ? { provisioning: this.provisioning } : {}),
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

/**
 * How the simulated machines reach each other. A ping answers when the sender has a link in the
 * address's network (an Up adapter with an address in the same prefix) and a machine that is up holds
 * the address on an Up adapter. A TCP connection finds the machine by computer name or address; it is
 * refused unless the machine listens on the port (its service running), and unanswered while it is down.
 */
function labNetwork(hosts: SimulatedHost[], clock: PracticeClock): SimulatedNetwork {
  const upAdapters = (h: SimulatedHost) => h.adapters.filter((a) => h.adapterStatus(a) === 'Up');
  return {
    hosts: () => hosts,
    now: () => clock.now(),
    ping(from, address) {
      const isV6 = address.includes(':');
      const linked = upAdapters(from).some((a) =>
        a.addresses.some((x) =>
          isV6 ? x.family === 'IPv6' && isRoutableIPv6(x.address) && sameIPv6Prefix(x.address, address, x.prefixLength) : x.family === 'IPv4',
        ),
      );
      if (!linked) return { answered: false, detail: 'DestinationHostUnreachable' };
      const target = hosts.find((h) => !h.down && upAdapters(h).some((a) => adapterHolds(a, address)));
      return target ? { answered: true, detail: 'Success' } : { answered: false, detail: 'TimedOut' };
    },
    connect(_from, name, port, timeoutMs) {
      const target = hosts.find(
        (h) =>
          h.system.computerName.toLowerCase() === name.toLowerCase() ||
          h.adapters.some((a) => a.addresses.some((x) => x.address === name || (x.family === 'IPv6' && sameIPv6(x.address, name)))),
      );
      if (!target) return { open: false, detail: 'No such host is known' };
      if (target.down) return { open: false, detail: `no answer within ${timeoutMs} ms` };
      if (!target.listensOn(port)) {
        const address = target.adapters.flatMap((a) => a.addresses).find((x) => x.family === 'IPv4')?.address ?? name;
        return { open: false, detail: `No connection could be made because the target machine actively refused it ${address}:${port}` };
      }
      return { open: true, detail: 'open' };
    },
  };
}
