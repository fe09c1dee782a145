import { execFile, execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';

const repo = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `hlk-assist analyze ...` as an operator runs it, from the repository folder. */
function analyze(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/cli.js', 'analyze', ...args], { cwd: repo }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

let scratch: string;
beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs', 'node'], { cwd: repo, stdio: 'pipe' });
  scratch = await mkdtemp(join(tmpdir(), 'hlk-analyze-cli-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The start of a Windows kernel dump: binary, as collected run folders always contain some. */
function dumpBytes(): Buffer {
  const dump = Buffer.alloc(2048);
  dump.write('PAGEDU64', 0, 'latin1');
  return dump;
}

describe('hlk-assist analyze', () => {
  it('exits 1 and names each failure with its file, line, remedy and fix', async () => {
    const run = await analyze('tests/fixtures/logs/openvpn', 'tests/fixtures/logs/hlk/WttEa.log');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'openvpnLinkDownAfterFaultHandling: OpenVPN lost its TAP adapter (the link stays down after 1c_FaultHandling)\n' +
        '  tests/fixtures/logs/openvpn/fault-handling-peer.log:10 (and 3 more lines)\n' +
        '    2024-04-09 14:07:55 TUN/TAP I/O operation aborted, restarting\n' +
        '  remedy: Restart the OpenVPN service on the machine that wrote this log;',
    );
    expect(run.stdout).toContain('  fix: Restart OpenVPNService (services.restart {"name":"OpenVPNService"})\n');
    expect(run.stdout).toContain('staleDriveMapping: A stale network drive mapping blocks the HLK execution agent\n');
    expect(run.stdout).toContain('  tests/fixtures/logs/hlk/WttEa.log:7 (and 1 more line)\n');
    expect(run.stdout).toContain(
      '    0x800704c3 ERROR_SESSION_CREDENTIAL_CONFLICT: the user already holds a connection to that server',
    );
    expect(run.stdout).toMatch(/4 known failures found in 3 of 4 logs\.\n$/);
    expect(run.stderr).toBe('');
  });

  it('says where in a setupapi log a failure sits', async () => {
    const run = await analyze('tests/fixtures/logs/setupapi/wrong-architecture/setupapi.dev.log');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '    in [Device Install (UpdateDriverForPlugAndPlayDevices) - tap0901] started 2024/05/02 16:41:07.532\n',
    );
  });

  it('prints findings as JSON for scripts', async () => {
    const run = await analyze('--json', 'tests/fixtures/logs/setupapi');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { file: string; kind: string }) => [f.file, f.kind])).toEqual([
      ['tests/fixtures/logs/setupapi/clean/setupapi.dev.log', 'setupapi'],
      ['tests/fixtures/logs/setupapi/unsigned-package/setupapi.dev.log', 'setupapi'],
      ['tests/fixtures/logs/setupapi/untrusted-test-certificate/setupapi.dev.log', 'setupapi'],
      ['tests/fixtures/logs/setupapi/wrong-architecture/setupapi.dev.log', 'setupapi'],
    ]);
    const found = report.findings.map((f: { failureId: string; file: string; line: number }) => [
      f.failureId,
      f.file.split('/').at(-2),
      f.line,
    ]);
    expect(found).toEqual([
      ['driverPackageWithoutCatalog', 'unsigned-package', 24],
      ['catalogDoesNotCoverFile', 'unsigned-package', 36],
      ['testCertificateNotTrusted', 'untrusted-test-certificate', 59],
      ['deviceInstallFailed', 'untrusted-test-certificate', 66],
      ['noCompatibleDriver', 'wrong-architecture', 59],
      ['deviceInstallFailed', 'wrong-architecture', 67],
    ]);
    expect(report.findings[0].remedy).toMatch(/buildtap\.py --hlk/);
    expect(report.skipped).toEqual([]);
    expect(report.errors).toEqual([]);
  });

  it('exits 0 when the logs show no known failure', async () => {
    const run = await analyze(
      'tests/fixtures/logs/setupapi/clean/setupapi.dev.log',
      'tests/fixtures/logs/openvpn/peer-to-peer-ok.log',
      'tests/fixtures/logs/hlk/ndistest-passed.log',
    );
    expect(run).toEqual({ code: 0, stdout: 'No known failure found in 3 logs.\n', stderr: '' });
  });

  it('skips what is not text inside a folder, with a note, and still reads the rest', async () => {
    const folder = join(scratch, 'run-0611', 'SUP-SRV19-B');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'MEMORY.DMP'), dumpBytes());
    await copyFile(fixture('openvpn/peer-to-peer-ok.log'), join(folder, 'openvpn.log'));
    const run = await analyze(join(scratch, 'run-0611'));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No known failure found in 1 log.\n');
    expect(run.stderr).toBe(
      `note: skipped ${join(folder, 'MEMORY.DMP')}: not a text log: it contains NUL bytes (binary data)\n`,
    );
  });

  it('exits 2 for a file named on the command line that is not text', async () => {
    const file = join(scratch, 'MEMORY.DMP');
    await writeFile(file, dumpBytes());
    const run = await analyze(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`hlk-assist analyze: ${file}: not a text log: it contains NUL bytes (binary data)\n`);
  });

  it('exits 2 for a folder without a single text log', async () => {
    const folder = join(scratch, 'dumps-only');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, '061124-8812-01.dmp'), dumpBytes());
    const run = await analyze(folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`hlk-assist analyze: no text log found in ${folder}\n`);
  });

  it('exits 2 for a missing file, and still reports what it could read', async () => {
    const run = await analyze('tests/fixtures/logs/hlk/WttEa.log', 'runs/dut7/setupapi.dev.log');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('hlk-assist analyze: runs/dut7/setupapi.dev.log: no such file or folder\n');
    expect(run.stdout).toContain('staleDriveMapping: ');
  });

  it('exits 2 with its usage when it has nothing to read or an option it does not know', async () => {
    const none = await analyze();
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'hlk-assist analyze: name at least one log file or folder\nusage: hlk-assist analyze FILE_OR_FOLDER... [--json]\n',
    );
    const unknown = await analyze('--yaml', 'tests/fixtures/logs/hlk');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^hlk-assist analyze: unknown option --yaml\n/);
    const help = await analyze('--help');
    expect(help).toEqual({ code: 0, stdout: 'usage: hlk-assist analyze FILE_OR_FOLDER... [--json]\n', stderr: '' });
  });
});
