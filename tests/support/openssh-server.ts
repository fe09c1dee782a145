import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { MemoryHostKeyStore } from '../../electron/lab/host-keys';
import { readableKeyPair } from '../../electron/practice-lab/keys';
import type { CollectionTarget } from '../../electron/logs/collection/machine-collector';
import type { Link } from '../../electron/transport/link';
import { startSshLink } from '../../electron/transport/ssh-link';

/**
 * A real OpenSSH server for tests and benchmarks: Debian's sshd in the foreground on a free loopback port,
 * with its own configuration, host key and an authorized key made for the occasion; it lets the current
 * user in with that key, and serves SFTP with internal-sftp.
 */

export const SSHD = '/usr/sbin/sshd';

export function sshdInstalled(): boolean {
  return existsSync(SSHD);
}

export interface OpenSshServer {
  port: number;
  user: string;
  /** The private key the server accepts, in OpenSSH's format. */
  keyFile: string;
  /** A scratch folder that goes away with the server. */
  dir: string;
  /**
   * Kills (SIGKILL) every connection's sshd process, as a crash of the server would: the clients' TCP
   * connections end, and the sessions' programs lose their stdin. The listener stays, so a client can
   * reconnect. Resolves with how many it killed.
   */
  dropConnections(): Promise<number>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface OpenSshServerOptions {
  /**
   * Give the server's sessions a `powershell.exe` on PATH that starts this pwsh with the same arguments,
   * as Windows OpenSSH finds Windows PowerShell for an exec request.
   */
  pwsh?: string;
}

export async function startOpenSshServer(options: OpenSshServerOptions = {}): Promise<OpenSshServer> {
  const dir = await mkdtemp(join(tmpdir(), 'hlka-sshd-'));
  const setEnv: string[] = [];
  if (options.pwsh) {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const shim = join(bin, 'powershell.exe');
    // $HOME/.dotnet etc. come from the session; DOTNET_ROOT lets a global-tool pwsh find its runtime.
    await writeFile(shim, `#!/bin/sh\nexec '${options.pwsh.replace(/'/g, "'\\''")}' "$@"\n`, { mode: 0o755 });
    await chmod(shim, 0o755);
    setEnv.push(`SetEnv PATH=${bin}:/usr/local/bin:/usr/bin:/bin${process.env.DOTNET_ROOT ? ` DOTNET_ROOT=${process.env.DOTNET_ROOT}` : ''}`);
  }
  const hostKey = readableKeyPair();
  const clientKey = readableKeyPair();
  const hostKeyFile = join(dir, 'host_ed25519');
  const keyFile = join(dir, 'client_ed25519');
  const authorized = join(dir, 'authorized_keys');
  await writeFile(hostKeyFile, hostKey.private, { mode: 0o600 });
  await writeFile(keyFile, clientKey.private, { mode: 0o600 });
  await chmod(hostKeyFile, 0o600);
  await chmod(keyFile, 0o600);
  await writeFile(authorized, `${clientKey.public}\n`);
  // sshd started as root insists on its privilege separation folder, which Debian's ssh.service makes at boot.
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = join(dir, 'sshd_config');
    await writeFile(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKeyFile}`,
        `AuthorizedKeysFile ${authorized}`,
        'StrictModes no',
        'UsePAM no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PidFile none',
        'PrintMotd no',
        'Subsystem sftp internal-sftp',
        ...setEnv,
        '',
      ].join('\n'),
    );
    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      await listening(child, port);
      return {
        port,
        user: userInfo().username,
        keyFile,
        dir,
        dropConnections: async () => {
          const sessions = await childrenOf(child.pid!);
          for (const pid of sessions) process.kill(pid, 'SIGKILL');
          return sessions.length;
        },
        stop: async () => {
          await stopChild(child);
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      await stopChild(child);
      // Another process took the port between finding it free and sshd binding it: try another.
      if (attempt < 3 && /Address already in use/.test((e as Error).message)) continue;
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }
}

/** The processes whose parent is pid (Linux: read from /proc). */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name may hold spaces and parentheses: the fields after it start at the last ')'.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === pid) children.push(Number(entry));
  }
  return children;
}

function listening(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`sshd did not listen within 10 s:\n${log}`)), 10_000);
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes(`Server listening on 127.0.0.1 port ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with code ${code}:\n${log}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The server as a collection target through hlk-assist's own SSH link: files over SFTP, no PowerShell (so
 * only the operator's paths are collected) and nothing that would reconnect it.
 */
export function connectSftpTarget(server: OpenSshServer, name: string): Promise<{ target: CollectionTarget; link: Link }> {
  return new Promise((resolve, reject) => {
    const link = startSshLink(
      {
        machine: { name, role: 'client', connection: 'ssh', host: '127.0.0.1', port: server.port, user: server.user, auth: { type: 'key', file: server.keyFile } },
        password: undefined,
        hostKeys: new MemoryHostKeyStore(),
        keepaliveIntervalMs: 1500,
        keepaliveCountMax: 3,
        connectTimeoutMs: 10_000,
        hostKeyAccepted: () => undefined,
      },
      {
        ready: () => resolve({ target: { name, role: 'client', files: () => link.openFiles(10_000) }, link }),
        dropped: () => undefined,
        failed: (f) => reject(new Error(`${f.kind}: ${f.message}`)),
      },
    );
  });
}
