import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildCli, Cli } from '../support/cli';

/**
 * `hlk-assist check` and `analyze` given a named pipe or a device: they refuse it at once with exit 2
 * instead of waiting forever for a writer or reading /dev/zero without end.
 */

let dir: string;
beforeAll(async () => {
  buildCli();
  dir = await mkdtemp(join(tmpdir(), 'hlka-cli-special-'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
}, 150_000);
afterAll(async () => {
  cli.killAll();
  await rm(dir, { recursive: true, force: true });
});

const cli = new Cli(() => ({ ...process.env, HLK_ASSIST_HOME: join(dir, 'home') }));
/** Exit code and stderr: what the operator sees of a refused file. */
const refused = async (args: string[]) => {
  const { code, stderr } = await cli.run(args, 15_000);
  return { code, stderr };
};

describe.runIf(process.platform !== 'win32')('special files on the command line', () => {
  test.each([
    ['fifo', 'a named pipe (FIFO), not a file'],
    ['/dev/zero', 'a device, not a file'],
    ['/dev/urandom', 'a device, not a file'],
  ])('check --lab %s exits 2 at once, saying what it is', async (file, what) => {
    const path = file.startsWith('/') ? file : join(dir, file);
    const run = await refused(['check', '--lab', path]);
    expect(run).toEqual({ code: 2, stderr: `hlk-assist check: ${path}: cannot read it: ${what}; a lab file is a JSON file\n` });
  });

  test.each([
    ['fifo', 'a named pipe (FIFO), not a log file'],
    ['/dev/zero', 'a device, not a log file'],
    ['/dev/urandom', 'a device, not a log file'],
  ])('analyze %s exits 2 at once, saying what it is', async (file, what) => {
    const path = file.startsWith('/') ? file : join(dir, file);
    const run = await refused(['analyze', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`hlk-assist analyze: ${path}: ${what}\n`);
  });
});

describe.runIf(process.platform !== 'win32')('the data folder', () => {
  test('check makes it its user alone, also when an earlier version left it open to all', async () => {
    const home = join(dir, 'home');
    await mkdir(home, { recursive: true, mode: 0o755 });
    await chmod(home, 0o755);
    expect((await cli.run(['check', '--lab', join(dir, 'no-such-lab.json')])).code).toBe(2);
    expect((await stat(home)).mode & 0o777).toBe(0o755); // a lab file that cannot be read touches nothing
    await writeFile(join(dir, 'lab.json'), JSON.stringify({ name: 'Private lab', machines: [{ name: 'c1', role: 'client', host: '127.0.0.1', port: 1, user: 'u', auth: { type: 'agent' } }] }));
    expect((await cli.run(['check', '--lab', join(dir, 'lab.json'), '--connect-timeout', '1'], 20_000)).code).toBe(2);
    expect((await stat(home)).mode & 0o777).toBe(0o700);
  }, 30_000);
});
