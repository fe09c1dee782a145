import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryHostKeyStore } from '../../electron/lab/host-keys';
import { parseLabFile, type SshMachine } from '../../electron/lab/lab-file';
import type { Link, LinkFailure } from '../../electron/transport/link';
import { startSshLink } from '../../electron/transport/ssh-link';
import { echo, hang, processGone, requestLoopTests, startLoop, type LoopHost } from '../support/loop-suite';
import { failureOf } from '../support/operation-failure';
import { sshdInstalled, SSHD, startOpenSshServer, type OpenSshServer } from '../support/openssh-server';
import { describePwsh, requirePwsh } from '../support/pwsh';

/**
 * The request loop over Debian's OpenSSH server into real PowerShell 7: the exec command is the same
 * `powershell.exe -EncodedCommand ...` bootstrap a Windows machine gets, and a powershell.exe on the
 * server's PATH starts pwsh with those arguments, as Windows OpenSSH starts Windows PowerShell.
 */

function labMachine(server: OpenSshServer): SshMachine {
  const lab = parseLabFile(
    JSON.stringify({
      name: 'real PowerShell over real OpenSSH',
      machines: [{ name: 'lab-machine', role: 'client', connection: 'ssh', host: '127.0.0.1', port: server.port, user: server.user, auth: { type: 'key', file: server.keyFile } }],
    }),
  );
  return lab.machines[0] as SshMachine;
}

function connect(machine: SshMachine, hostKeys: MemoryHostKeyStore, dropped: () => void = () => undefined): Promise<Link> {
  return new Promise((resolve, reject) => {
    const link = startSshLink(
      { machine, password: undefined, hostKeys, keepaliveIntervalMs: 1000, keepaliveCountMax: 3, connectTimeoutMs: 15_000, hostKeyAccepted: () => undefined },
      { ready: () => resolve(link), dropped, failed: (f: LinkFailure) => reject(new Error(`${f.kind}: ${f.message}`)) },
    );
  });
}

const title = sshdInstalled() ? 'the request loop over real OpenSSH' : `the request loop over real OpenSSH (needs ${SSHD}: apt-get install openssh-server)`;

describePwsh(title, () => {
  let server: OpenSshServer;
  let link: Link;
  const hostKeys = new MemoryHostKeyStore();
  const host: LoopHost = { link: () => link, startMs: 30_000 };

  beforeAll(async () => {
    if (!sshdInstalled()) throw new Error(`${SSHD} is not installed: apt-get install openssh-server`);
    server = await startOpenSshServer({ pwsh: requirePwsh() });
    link = await connect(labMachine(server), hostKeys);
  });
  afterAll(async () => {
    link?.end();
    await server?.stop();
  });

  requestLoopTests(host);

  it('gives connection-lost when the server dies mid-request, and a reconnect works', async () => {
    let dropped = false;
    const machine = labMachine(server);
    const own = await connect(machine, hostKeys, () => (dropped = true));
    const { loop } = await startLoop({ link: () => own, startMs: 30_000 });
    const pid = loop.session!.pid;
    const running = failureOf(loop.run(hang, { seconds: 600 }, 8000));
    // Let the request reach PowerShell before the server goes.
    await new Promise((r) => setTimeout(r, 500));
    expect(await server.dropConnections()).toBeGreaterThan(0);
    const error = await running;
    expect(error.kind).toBe('connection-lost');
    expect(error.message).toMatch(/lab-machine.*test\.hang/);
    await expect.poll(() => dropped, { timeout: 10_000 }).toBe(true);
    // The pinned key still matches: the same machine, reached again.
    const again = await connect(machine, hostKeys);
    try {
      const { loop: fresh } = await startLoop({ link: () => again, startMs: 30_000 });
      expect(await fresh.run(echo, { value: 'back' }, 20_000)).toBe('back');
      fresh.close();
    } finally {
      again.end();
    }
    // Closing its stdin does not stop a PowerShell inside Start-Sleep: its watchdog ends it at the
    // request's limit and the grace (8 s + 5 s).
    expect(await processGone(pid, 30_000)).toBe(true);
  }, 120_000);

  it('the suite connects again after the drop (which ended every connection to the server)', async () => {
    link.end();
    link = await connect(labMachine(server), hostKeys);
    const { loop } = await startLoop(host);
    expect(await loop.run(echo, { value: 'ok' }, 20_000)).toBe('ok');
    loop.close();
  });
});
