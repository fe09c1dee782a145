import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { buildCli, Cli } from '../support/cli';
import { startPracticeLab } from '../support/practice';

/**
 * `hlk-assist prepare` against the practice lab's 'fresh' scenario over SSH: the built CLI in its own
 * process, the machines changed for real (their simulated state), then `check --json` as the proof.
 */

let lab: PracticeLab;
let stopLab: () => Promise<void>;
let dir: string;
let labPath: string;

beforeAll(async () => {
  buildCli();
  ({ lab, cleanup: stopLab } = await startPracticeLab({ scenario: 'fresh', rebootDownMs: 500 }));
  dir = await mkdtemp(join(tmpdir(), 'hlka-cli-prepare-'));
  labPath = join(dir, 'lab.json');
  await writeFile(labPath, JSON.stringify(lab.labFile('CLI prepare lab'), null, 2));
}, 120_000);

afterAll(async () => {
  cli.killAll();
  await stopLab?.();
  await rm(dir, { recursive: true, force: true });
});

const cli = new Cli(() => ({ ...process.env, HLK_ASSIST_HOME: join(dir, 'home') }));
/** Preparing waits for reboots: more time than the other commands get. */
const run = (args: string[], timeoutMs = 90_000) => cli.run(args, timeoutMs);

const PROVISIONED = ['test-signing', 'test-certificate', 'driver-installed', 'driver-store', 'hvci', 'adapter-names', 'pending-reboot'];

describe('hlk-assist prepare', () => {
  test('cannot start (exit 2) without --yes off a terminal, for a machine the lab lacks, for the controller, for a relative driver folder', async () => {
    const noYes = await run(['prepare', '--lab', labPath]);
    expect(noYes).toMatchObject({ code: 2, stderr: expect.stringContaining('say --yes to run without a terminal') });
    const unknown = await run(['prepare', '--lab', labPath, '--machine', 'client9', '--yes']);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('the lab has no machine "client9" (it has controller, client1, client2, support)') });
    const controller = await run(['prepare', '--lab', labPath, '--machine', 'controller', '--yes']);
    expect(controller).toMatchObject({ code: 2, stderr: expect.stringContaining('controller is the controller: prepare takes clients and support machines') });
    const relative = await run(['prepare', '--lab', labPath, '--driver-folder', 'driver', '--yes']);
    expect(relative).toMatchObject({ code: 2, stderr: expect.stringContaining('--driver-folder: a Windows folder such as C:\\HLK\\driver') });
    expect(lab.host('client1').signing.testSigning).toBe(false);
  }, 120_000);

  test('stops at the first step it cannot do, with the reason (a driver folder the machine does not have)', async () => {
    const r = await run(['prepare', '--lab', labPath, '--machine', 'client2', '--driver-folder', 'C:\\Nowhere', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('client2: stopped: Install the driver under test from the driver folder (older packages of it removed first) failed (script-error): The driver folder C:\\Nowhere has no oemvista.inf.');
    // The steps before it ran; nothing after it did (no HVCI, no reboot).
    expect(lab.host('client2').signing).toMatchObject({ testSigning: true, testSigningActive: false });
    expect(lab.host('client2').verifier).toBeNull();
  }, 120_000);

  test('prepares a fresh client in order with one reboot at the end; check --json then passes every provisioning step', async () => {
    const bootBefore = lab.host('client1').bootTime.getTime();
    const r = await run(['prepare', '--lab', labPath, '--machine', 'client1', '--yes'], 180_000);
    const steps = [...r.stdout.matchAll(/^client1: \[\d+\] (.+) \((\S+)\) \.\.\.$/gm)].map((m) => m[2]);
    expect(steps).toEqual(['signing.enableTestSigning', 'signing.importCertificate', 'driver.install', 'hvci.enable', 'network.renameAdapters', 'system.reboot']);
    const host = lab.host('client1');
    expect(host.bootTime.getTime()).toBeGreaterThan(bootBefore);
    expect(host.signing).toMatchObject({ testSigning: true, testSigningActive: true });
    expect(host.deviceGuard.running).toBe(true);
    expect(host.adapters.find((a) => a.componentId === 'tap0901')).toMatchObject({ driverVersion: '9.24.6.601' });
    // OpenVPN and the HLK client are not automated yet: they are what is left, and prepare says so (exit 1).
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^client1: \d+ checks still failing$/m);
    expect(r.stdout).toContain('OpenVPN installed: OpenVPN is not installed');

    const check = await run(['check', '--lab', labPath, '--json']);
    const report = JSON.parse(check.stdout) as { machines: Array<{ machine: string; checks: Array<{ check: string; status: string }> }> };
    const client1 = report.machines.find((m) => m.machine === 'client1')!;
    const provisioned = client1.checks.filter((c) => PROVISIONED.includes(c.check));
    expect(provisioned.map((c) => c.check).sort()).toEqual([...PROVISIONED].sort());
    expect(provisioned.filter((c) => c.status !== 'pass')).toEqual([]);
  }, 240_000);
});
