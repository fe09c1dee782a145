import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readableKeyPair } from '../../electron/practice-lab/keys';
import { buildCli, Cli } from '../support/cli';

/**
 * The CLI as scripts and CI use it, spawned as `node dist/cli.js`: `practice` runs a practice lab in the
 * foreground and writes a lab file for it; `check` exits 0 when every machine is ready, 1 when one is
 * not, 2 when the lab cannot be checked, and never hangs on a machine that does not answer.
 */

let dir: string;

beforeAll(async () => {
  buildCli();
  dir = await mkdtemp(join(tmpdir(), 'hlka-cli-readiness-'));
  await writeFile(join(dir, 'key'), readableKeyPair().private, { mode: 0o600 });
}, 120_000);

afterAll(async () => {
  cli.killAll();
  await rm(dir, { recursive: true, force: true });
});

const cli = new Cli(() => ({ ...process.env, HLK_ASSIST_HOME: join(dir, 'home') }));
const practice = (scenario: string, labPath: string) => cli.practice(['--scenario', scenario, '--write-lab', labPath]);

describe('practice and check', () => {
  test("'ready': practice writes a lab file that reaches it, and check exits 0", async () => {
    const labPath = join(dir, 'ready', 'lab.json');
    const { child, output } = await practice('ready', labPath);
    expect(output()).toMatch(/^practice lab "ready" running\nlab file: .*lab\.json\n {2}controller {3}controller 127\.0\.0\.1:\d+\n/);
    const file = JSON.parse(await readFile(labPath, 'utf8')) as { machines: Array<{ port: number; auth: { file: string } }>; readiness: { testCertificate: { file: string } } };
    expect(file.machines).toHaveLength(4);
    expect(file.machines[0]!.auth.file).toMatch(/practice-key|practice-lab-key/);
    expect(file.readiness.testCertificate.file).toMatch(/practice-test-certificate\.cer$/);

    const text = await cli.run(['check', '--lab', labPath]);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/^Practice lab \(ready\)\ncontroller {2}ready\nclient1 {5}ready\nclient2 {5}ready\nsupport {5}ready\n4 of 4 machines ready\n$/);
    expect(text.code).toBe(0);

    const json = await cli.run(['check', '--lab', labPath, '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { ready: boolean; exitCode: number; machines: Array<{ machine: string; ready: boolean; checks: unknown[] }>; checks: unknown[] };
    expect(report).toMatchObject({ ready: true, exitCode: 0 });
    expect(report.machines.map((m) => [m.machine, m.ready])).toEqual([
      ['controller', true],
      ['client1', true],
      ['client2', true],
      ['support', true],
    ]);

    expect(await cli.stop(child)).toBe(0);
    expect(output()).toMatch(/practice lab stopped\n$/);
  });

  test("'broken': check exits 1 and says per machine what is wrong", async () => {
    const labPath = join(dir, 'broken', 'lab.json');
    const { child } = await practice('broken', labPath);
    try {
      const text = await cli.run(['check', '--lab', labPath]);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('client1     NOT READY');
      expect(text.stdout).toContain('  fail    No unavailable network drives: R: to \\\\HLK-CONTROLLER\\HLKInstall is Unavailable [fix: Delete the unavailable drive mappings (net use X: /delete)]');
      expect(text.stdout).toMatch(/\n0 of 4 machines ready\n$/);
      const json = JSON.parse((await cli.run(['check', '--lab', labPath, '--json'])).stdout) as { ready: boolean; exitCode: number };
      expect(json).toMatchObject({ ready: false, exitCode: 1 });
    } finally {
      await cli.stop(child);
    }
  });
});

describe('check cannot check the lab: exit 2', () => {
  test('a lab file that is not valid JSON, with where', async () => {
    const labPath = join(dir, 'bad.json');
    await writeFile(labPath, '{\n  "name": "x",\n  "machines": [,]\n}\n');
    const r = await cli.run(['check', '--lab', labPath]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hlk-assist check: .*bad\.json: not valid JSON at line 3, column 16/);
  });

  test('a lab file with a wrong readiness setting says which', async () => {
    const labPath = join(dir, 'bad-readiness.json');
    await writeFile(
      labPath,
      JSON.stringify({ name: 'x', machines: [{ name: 'c', role: 'client', host: 'h', user: 'u', auth: { type: 'agent' } }], readiness: { hlkVersion: '1810' } }),
    );
    const r = await cli.run(['check', '--lab', labPath]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/readiness\.hlkVersion: Invalid option: expected one of "1607"\|"1703"/);
  });

  test('no such lab file, no --lab at all, and a connect timeout that is not a number of seconds', async () => {
    expect(await cli.run(['check', '--lab', join(dir, 'nope.json')])).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read it: no such file/) });
    expect(await cli.run(['check'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--lab FILE is required/) });
    for (const bad of ['soon', '0', '601'])
      expect(await cli.run(['check', '--lab', join(dir, 'nope.json'), '--connect-timeout', bad])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--connect-timeout takes a number of seconds \(up to 600\)/) });
  });

  test('a machine whose port refuses connections: 2, without waiting long', async () => {
    const port = await freePort();
    const labPath = join(dir, 'refused.json');
    await writeFile(labPath, JSON.stringify(labWith(port)));
    const r = await cli.run(['check', '--lab', labPath, '--connect-timeout', '3']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/client1 {2}NOT READY\n {2}fail {4}Reachable: not connected \(unreachable: ECONNREFUSED/);
    expect(r.stdout).toMatch(/0 of 1 machines ready; cannot check client1\n$/);
    expect(r.ms).toBeLessThan(10_000);
  });

  test('a machine that accepts the connection and never answers: 2, within the connect timeout', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const labPath = join(dir, 'silent.json');
      await writeFile(labPath, JSON.stringify(labWith((silent.address() as { port: number }).port)));
      const r = await cli.run(['check', '--lab', labPath, '--json', '--connect-timeout', '2']);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({ ready: false, exitCode: 2 });
      expect(r.ms).toBeLessThan(10_000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  test('practice with a scenario that does not exist', async () => {
    const r = await cli.run(['practice', '--scenario', 'perfect', '--write-lab', join(dir, 'x.json')]);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringMatching(/there is no scenario "perfect"\nusage: hlk-assist practice --scenario ready\|fresh\|broken/) });
  });
});

function labWith(port: number) {
  return {
    name: 'one machine',
    machines: [{ name: 'client1', role: 'client', host: '127.0.0.1', port, user: 'Administrator', auth: { type: 'key', file: join(dir, 'key') } }],
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
