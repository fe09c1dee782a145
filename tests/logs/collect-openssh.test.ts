import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Collections } from '../../electron/logs/collection/collections';
import { analyzeLogFile } from '../../electron/logs/analysis/analyze-log';
import { listFilesUnder } from '../../electron/logs/analysis/log-folder';
import { NotTextError } from '../../electron/logs/analysis/log-text';
import { practiceFiles } from '../../electron/practice-lab/practice-logs';
import { readyScenario } from '../../electron/practice-lab/scenarios';
import { connectSftpTarget, sshdInstalled, SSHD, startOpenSshServer, type OpenSshServer } from '../support/openssh-server';

/**
 * Collection and analysis against Debian's own OpenSSH server (sshd with internal-sftp), not our model of
 * one: the operator's folders are walked and fetched over SFTP, every copy is compared with its source
 * on disk, and the run folder is then read against the knowledge base.
 */

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const title = sshdInstalled()
  ? 'collecting from a real OpenSSH server on loopback'
  : `collecting from a real OpenSSH server on loopback (skipped: ${SSHD} is not installed; apt-get install openssh-server)`;

describe.skipIf(!sshdInstalled())(title, () => {
  let server: OpenSshServer;
  let dir: string;
  /** The logs of the practice lab's test machines, written to disk as a Linux box would hold collected logs. */
  let logs: string;
  const sources = new Map<string, Buffer>();

  beforeAll(async () => {
    server = await startOpenSshServer();
    dir = await mkdtemp(join(tmpdir(), 'hlka-openssh-'));
    logs = join(dir, 'hlk logs');
    for (const spec of readyScenario().hosts.filter((h) => h.role !== 'controller')) {
      const files = practiceFiles(spec);
      for (const path of ['C:\\Windows\\INF\\setupapi.dev.log', 'C:\\Program Files\\OpenVPN\\log\\hlk.log', 'C:\\DGLogs\\DeviceGuardCheckLog.txt', 'C:\\Windows\\Minidump\\042824-15031-01.dmp']) {
        const file = files.get(path);
        if (!file) continue;
        const target = join(logs, spec.name, ...path.slice(3).split('\\'));
        sources.set(target, file.content());
      }
      for (const file of files.match('C:\\HLK\\JobsWorkingDir\\**\\TaskLog.log').concat(files.match('C:\\Program Files (x86)\\**\\WttEa.log'))) {
        sources.set(join(logs, spec.name, ...file.path.slice(3).split('\\')), file.content());
      }
    }
    sources.set(join(logs, 'empty.log'), Buffer.alloc(0));
    for (const [path, data] of sources) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data);
    }
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('fetches every file of the operator\'s folders, each copy matching its source, and the run reads against the knowledge base', async () => {
    const { target, link } = await connectSftpTarget(server, 'linux-box');
    const runsDir = join(dir, 'runs');
    const collections = new Collections(runsDir, () => undefined);
    const run = await collections.start('OpenSSH on loopback', [target], [logs, join(dir, 'not there')], false);
    const view = await run.done;
    link.end();
    expect(view.state).toBe('finished');

    const manifest = await collections.manifest(view.run);
    const machine = manifest.machines[0]!;
    expect(machine.items).toEqual([
      { source: 'extra', what: logs, files: sources.size, problem: null },
      { source: 'extra', what: join(dir, 'not there'), files: 0, problem: 'no such file or folder on the machine' },
    ]);
    expect(machine.files.map((f) => f.remotePath).sort()).toEqual([...sources.keys()].sort());
    for (const f of machine.files) {
      expect(f.status, f.remotePath).toBe('complete');
      // No PowerShell there: the comparison is with the source on disk.
      expect(f.verified).toBe(false);
      const copy = await readFile(join(runsDir, manifest.run, 'linux-box', ...f.localPath.split('/')));
      expect(sha256(copy), f.remotePath).toBe(sha256(sources.get(f.remotePath)!));
      expect(f.sha256).toBe(sha256(copy));
    }
    expect(machine.files.find((f) => f.remotePath.endsWith('empty.log'))?.size).toBe(0);

    // The analysis half reads the run folder as collected.
    const found = new Set<string>();
    for (const file of await listFilesUnder(view.folder)) {
      try {
        for (const finding of (await analyzeLogFile(file)).findings) found.add(finding.failureId);
      } catch (e) {
        if (!(e instanceof NotTextError)) throw e; // the minidump
      }
    }
    expect([...found]).toEqual(
      expect.arrayContaining(['ndisTestBinariesMissing', 'staleDriveMapping', 'testCertificateNotTrusted', 'openvpnLinkDownAfterFaultHandling', 'hvciExecutablePool']),
    );
  });
});
