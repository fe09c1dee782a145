import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operations } from '../../shared/operations';
import { operationExamples } from '../../electron/cli/operation-examples';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { buildCli, Cli } from '../support/cli';
import { startPracticeLab } from '../support/practice';

/**
 * `hlk-assist run` and `hlk-assist ops` as an operator's script uses them, spawned as `node dist/cli.js`
 * against the practice lab over SSH: exit 0 when the operation ran, 1 when it failed on the machine, 2
 * when it could not run, each with a message that says why.
 */

let lab: PracticeLab;
let stopLab: () => Promise<void>;
let dir: string;
let labPath: string;

beforeAll(async () => {
  buildCli();
  ({ lab, cleanup: stopLab } = await startPracticeLab());
  dir = await mkdtemp(join(tmpdir(), 'hlka-cli-run-'));
  labPath = join(dir, 'lab.json');
  await writeFile(labPath, JSON.stringify(lab.labFile('CLI run lab'), null, 2));
}, 120_000);

afterAll(async () => {
  cli.killAll();
  await stopLab?.();
  await rm(dir, { recursive: true, force: true });
});

const cli = new Cli(() => ({ ...process.env, HLK_ASSIST_HOME: join(dir, 'home') }));

const run = (machine: string, ...rest: string[]) => cli.run(['run', '--lab', labPath, '--machine', machine, ...rest]);

describe('hlk-assist run', () => {
  test('runs a reading operation and prints its result; --json gives one object with ok and the result', async () => {
    const plain = await run('client1', 'services.status', '--param', 'names=OpenVPNService,HLKSvc');
    expect(plain.stderr).toBe('');
    expect(plain.code).toBe(0);
    const result = JSON.parse(plain.stdout) as { services: Array<{ name: string; status: string }> };
    expect(result.services.map((s) => [s.name, s.status])).toEqual([
      ['OpenVPNService', 'Running'],
      ['HLKSvc', 'Running'],
    ]);
    const json = await run('client1', 'system.facts', '--json');
    expect(json.code).toBe(0);
    const line = JSON.parse(json.stdout) as { machine: string; operation: string; ok: boolean; result: { build: number } };
    expect(line).toMatchObject({ machine: 'client1', operation: 'system.facts', ok: true, result: { build: 17763 } });
  }, 90_000);

  test('a change of the machine needs --yes without a terminal, and with it changes the machine', async () => {
    const refused = await run('support', 'services.stop', '--param', 'names=OpenVPNService');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/services\.stop changes support .*--yes/);
    expect(lab.host('support').services.get('openvpnservice')?.status).toBe('Running');

    const done = await run('support', 'services.stop', '--param', 'names=OpenVPNService', '--yes');
    expect(done.code).toBe(0);
    expect(lab.host('support').services.get('openvpnservice')?.status).toBe('Stopped');
    const back = await run('support', 'services.ensureRunning', '--params', '{"names":["OpenVPNService"]}', '--yes');
    expect(back.code).toBe(0);
    expect(lab.host('support').services.get('openvpnservice')?.status).toBe('Running');
  }, 90_000);

  test('an operation that fails on the machine exits 1 with its kind and message', async () => {
    // HLK Studio's object model lives on the controller only.
    const failed = await run('client1', 'hlk.pools', '--json');
    expect(failed.code).toBe(1);
    const line = JSON.parse(failed.stdout) as { ok: boolean; error: { kind: string; message: string } };
    expect(line.ok).toBe(false);
    expect(line.error.kind).toBe('script-error');
    expect(failed.stderr).toMatch(/hlk\.pools on client1 failed, script-error: .*WTTSTDIO/);
  }, 90_000);

  test.each([
    [['--machine', 'client1', 'system.facts'], /--lab FILE is required/],
    [['--lab', 'LAB', 'system.facts'], /--machine NAME is required/],
    [['--lab', 'LAB', '--machine', 'client1'], /name the OPERATION/],
    [['--lab', 'LAB', '--machine', 'client1', 'system.nonsense'], /no operation "system\.nonsense"/],
    [['--lab', 'LAB', '--machine', 'client9', 'system.facts'], /has no machine "client9" \(it has controller, client1, client2, support\)/],
    [['--lab', 'LAB', '--machine', 'client1', 'services.status'], /services\.status: names: /],
    [['--lab', 'LAB', '--machine', 'client1', 'services.status', '--param', 'name=OpenVPNService'], /no parameter "name" \(it takes names\)/],
    [['--lab', 'LAB', '--machine', 'client1', 'services.status', '--param', 'names=Open*'], /names\.0: a service name/],
    [['--lab', 'LAB', '--machine', 'client1', 'system.reboot', '--param', 'delaySeconds=soon'], /"soon" is not a number/],
    [['--lab', 'LAB', '--machine', 'client1', 'services.status', '--params', '{"names":'], /--params is not JSON/],
    [['--lab', 'LAB', '--machine', 'client1', 'system.facts', 'system.bootTime'], /one operation at a time/],
    [['--lab', 'LAB', '--machine', 'client1', 'system.facts', '--timeout', '0'], /--timeout takes a number of seconds/],
  ])('cannot run %j: exit 2, says why', async (args, message) => {
    const result = await cli.run(['run', ...args.map((a) => (a === 'LAB' ? labPath : a))]);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  }, 60_000);

  test('a lab file that is not one, and a machine that does not answer, exit 2', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{ "name": "x", "machines": [ }');
    const notLab = await cli.run(['run', '--lab', bad, '--machine', 'client1', 'system.facts']);
    expect(notLab.code).toBe(2);
    expect(notLab.stderr).toMatch(/bad\.json/);

    const closed = join(dir, 'closed.json');
    const file = lab.labFile('closed');
    // A port nothing listens on (the practice lab's own machines are on others).
    await writeFile(closed, JSON.stringify({ ...file, machines: file.machines.map((m) => (m.name === 'client1' ? { ...m, port: 9 } : m)) }));
    const unreachable = await cli.run(['run', '--lab', closed, '--machine', 'client1', 'system.facts', '--connect-timeout', '3']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/cannot reach client1 within 3 s: unreachable \(.*ECONNREFUSED/);

    // A password machine, and no terminal to type the password on: say so at once, naming it.
    const password = join(dir, 'password.json');
    await writeFile(password, JSON.stringify({ ...file, machines: file.machines.map((m) => (m.name === 'client1' ? { ...m, auth: { type: 'password' } } : m)) }));
    const noTerminal = await cli.run(['run', '--lab', password, '--machine', 'client1', 'system.facts']);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toMatch(/client1 needs a password or key passphrase: run hlk-assist run on a terminal/);
  }, 60_000);
});

describe('--help', () => {
  test.each(['check', 'run', 'ops', 'practice', 'analyze'])('hlk-assist %s --help prints its usage and exits 0', async (command) => {
    const help = await cli.run([command, '--help']);
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^usage: hlk-assist ${command} `));
  });
});

describe('hlk-assist ops', () => {
  test('lists every operation with its parameters, an example and whether it changes the machine', async () => {
    const listed = await cli.run(['ops', '--json']);
    expect(listed.code).toBe(0);
    const list = JSON.parse(listed.stdout) as Array<{ name: string; changesMachine: boolean; example: string; exampleParams: unknown; params: Array<{ name: string }> }>;
    expect(list.map((o) => o.name)).toEqual(operations.map((o) => o.name));
    for (const entry of list) {
      const op = operations.find((o) => o.name === entry.name)!;
      expect(entry.changesMachine).toBe(op.changesMachine);
      // Every example is one the operation takes.
      expect({ op: op.name, issues: op.params.safeParse(entry.exampleParams).error?.issues ?? [] }).toEqual({ op: op.name, issues: [] });
      expect(entry.example).toContain(`hlk-assist run --lab LAB.json --machine NAME ${op.name}`);
    }
    const text = await cli.run(['ops']);
    expect(text.stdout).toMatch(/^services\.stop {2}\[changes the machine\]/m);
    expect(text.stdout).toMatch(/^network\.adapters {2}\[reads only\]/m);
  });

  test('the hand-written examples name real operations and parameters', () => {
    for (const [name, params] of Object.entries(operationExamples)) {
      const op = operations.find((o) => o.name === name);
      expect(op, name).toBeDefined();
      expect({ name, issues: op!.params.safeParse(params).error?.issues ?? [] }).toEqual({ name, issues: [] });
    }
  });

  test('an example line typed into a shell runs as shown', async () => {
    const list = JSON.parse((await cli.run(['ops', '--json'])).stdout) as Array<{ name: string; example: string }>;
    const line = list.find((o) => o.name === 'services.status')!.example.replace('LAB.json', labPath).replace('NAME', 'client1').replace(/^hlk-assist /, `${process.execPath} dist/cli.js `);
    const shell = await cli.run([], 60_000, ['/bin/sh', '-c', line]);
    expect(shell.stderr).toBe('');
    expect(shell.code).toBe(0);
    expect((JSON.parse(shell.stdout) as { services: unknown[] }).services).toHaveLength(3);
  }, 60_000);
});
