import { windowsFolder } from '../../shared/operations/driver';
import type { CheckResult, MachineReadiness } from '../../shared/readiness/results';
import { LabFileError, readLabFile, type LabFile } from '../lab/lab-file';
import { checkCatalogue } from '../readiness/engine';
import { SecretCancelled } from './ask-secret';
import { secondsOption, type CliCommand } from './command';
import { confirmed } from './confirm';
import { askSecrets, openReadinessLab } from './connect';

/**
 * `hlk-assist prepare --lab FILE [--machine NAME]... [--driver-folder PATH] [--yes]`: takes clients and the
 * support machine from fresh towards ready. It runs the readiness checks, then on each machine in turn the
 * fixes its provisioning checks offer, in the order a person would do them (test signing, the test
 * certificate, the driver under test, HVCI, adapter names), one reboot at the end when a step needs it,
 * and checks again. It stops on a machine at the first step that fails, with the reason. Exit 0 when every
 * machine it prepared has no failing check left, 1 when a step failed or checks still fail (listed: what
 * hlk-assist cannot do yet), 2 when it could not start (bad input, a machine it cannot reach).
 */

const USAGE = 'usage: hlk-assist prepare --lab FILE [--machine NAME]... [--driver-folder PATH] [--yes] [--connect-timeout SECONDS]\n';

/** The checks whose fixes prepare a machine, in the order they are done. */
export const provisioningSteps = ['test-signing', 'test-certificate', 'driver-installed', 'driver-store', 'hvci', 'adapter-names', 'pending-reboot'] as const;

/** A machine runs at most this many fixes: a fix that does not take is not run round and round. */
const MAX_FIXES_PER_MACHINE = 16;

interface Options {
  lab: string;
  machines: string[];
  driverFolder: string | null;
  yes: boolean;
  connectTimeoutMs: number;
}

function parse(args: string[]): Options | string {
  const o: Options = { lab: '', machines: [], driverFolder: null, yes: false, connectTimeoutMs: 20_000 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--lab') o.lab = args[++i] ?? '';
    else if (arg === '--machine') o.machines.push(args[++i] ?? '');
    else if (arg === '--yes') o.yes = true;
    else if (arg === '--driver-folder') {
      const folder = windowsFolder.safeParse(args[++i] ?? '');
      if (!folder.success) return `--driver-folder: ${folder.error.issues[0]!.message}`;
      o.driverFolder = folder.data;
    } else if (arg === '--connect-timeout') {
      const ms = secondsOption(args[++i], arg, 600);
      if (typeof ms === 'string') return ms;
      o.connectTimeoutMs = ms;
    } else return `unknown option ${arg}`;
  }
  if (!o.lab) return '--lab FILE is required';
  if (o.machines.some((m) => m === '')) return '--machine takes a machine name from the lab file';
  return o;
}

/** The clients and support machines to prepare: the named ones, else all of them. */
function targets(file: LabFile, names: string[]): string[] | string {
  const preparable = file.machines.filter((m) => m.role !== 'controller').map((m) => m.name);
  if (names.length === 0) return preparable;
  for (const name of names) {
    const machine = file.machines.find((m) => m.name === name);
    if (!machine) return `the lab has no machine "${name}" (it has ${file.machines.map((m) => m.name).join(', ')})`;
    if (machine.role === 'controller') return `${name} is the controller: prepare takes clients and support machines`;
  }
  return [...new Set(names)];
}

const order = new Map<string, number>(provisioningSteps.map((id, i) => [id, i]));

/**
 * The next fix to run on a machine: the first provisioning step that offers one, a reboot last (one reboot
 * then covers every step that needs it).
 */
export function nextStep(readiness: MachineReadiness): CheckResult | null {
  const offered = readiness.checks
    .filter((c) => order.has(c.check) && c.fix && c.status !== 'pass')
    .sort((a, b) => order.get(a.check)! - order.get(b.check)!);
  return offered.find((c) => !c.fix!.rebootsMachine) ?? offered[0] ?? null;
}

const titles = new Map(checkCatalogue().map((c) => [c.id, c.title]));
const say = (line: string) => process.stdout.write(`${line}\n`);

export const prepareCommand: CliCommand = {
  name: 'prepare',
  usage: 'prepare --lab FILE [--machine NAME]... [--driver-folder PATH] [--yes]',
  summary: 'prepare clients and the support machine (exit 0 ready, 1 a step failed or checks still fail, 2 cannot start)',
  async run(args) {
    const cannot = (message: string) => {
      process.stderr.write(`hlk-assist prepare: ${message}\n`);
      return 2;
    };
    const options = parse(args);
    if (typeof options === 'string') return cannot(`${options}\n${USAGE}`.trimEnd());
    let file: LabFile;
    try {
      file = await readLabFile(options.lab);
    } catch (e) {
      if (!(e instanceof LabFileError)) throw e;
      return cannot(e.message);
    }
    if (options.driverFolder) file = { ...file, provisioning: { ...file.provisioning, driverFolder: options.driverFolder } };
    const names = targets(file, options.machines);
    if (typeof names === 'string') return cannot(names);
    if (!options.yes && !process.stdin.isTTY) return cannot('preparing changes the machines (and reboots them): say --yes to run without a terminal to ask on');

    let secrets: Map<string, string>;
    try {
      const asked = await askSecrets(file.machines, 'prepare');
      if (typeof asked === 'string') return cannot(asked);
      secrets = asked;
    } catch (e) {
      if (!(e instanceof SecretCancelled)) throw e;
      return cannot('cancelled');
    }

    const lab = file;
    const { machines, engine, connect, close } = await openReadinessLab(lab, options.lab, options.connectTimeoutMs);
    try {
      await connect(secrets);
      const away = machines.filter((m) => m.connectionState !== 'connected');
      if (away.length > 0) return cannot(`cannot reach ${away.map((m) => `${m.name} (${m.connectionState})`).join(', ')}`);
      let snapshot = await engine.run();
      const of = (name: string) => snapshot.machines.find((m) => m.machine === name)!;

      const plan = names.map((name) => {
        const steps = of(name).checks.filter((c) => order.has(c.check) && c.fix && c.status !== 'pass');
        // Two checks may offer the same fix (the driver install mends both of its checks): it is listed once.
        return `${name}: ${steps.length === 0 ? 'nothing to do' : [...new Set(steps.map((c) => c.fix!.title))].join('; ')}`;
      });
      say(`Prepare ${names.join(', ')} (${lab.name}):\n  ${plan.join('\n  ')}`);
      if (!options.yes && !(await confirmed('This changes the machines and may reboot them. Go ahead? [y/N] '))) return cannot('cancelled');

      const failed: string[] = [];
      for (const name of names) {
        let runs = 0;
        const done = new Map<string, number>();
        for (let step = nextStep(of(name)); step; step = nextStep(of(name))) {
          const key = `${step.check}:${step.fix!.fix}`;
          if (runs >= MAX_FIXES_PER_MACHINE || (done.get(key) ?? 0) >= 2) {
            say(`${name}: stopped: "${step.fix!.title}" did not make ${titles.get(step.check) ?? step.check} pass: ${step.evidence}`);
            failed.push(name);
            break;
          }
          runs++;
          done.set(key, (done.get(key) ?? 0) + 1);
          say(`${name}: [${runs}] ${step.fix!.title} (${step.fix!.operation}) ...`);
          const outcome = await engine.fix(name, step.check);
          snapshot = { ...snapshot, machines: snapshot.machines.map((m) => (m.machine === name ? outcome.readiness : m)) };
          if (!outcome.ok) {
            say(`${name}: stopped: ${step.fix!.title} failed (${outcome.error!.kind}): ${outcome.error!.message}`);
            failed.push(name);
            break;
          }
          say(`${name}: [${runs}] done in ${(outcome.elapsedMs / 1000).toFixed(1)} s; ${titles.get(step.check) ?? step.check}: ${outcome.check?.status ?? 'not checked'}`);
        }
      }

      snapshot = await engine.run();
      let left = 0;
      for (const name of names) {
        const failing = of(name).checks.filter((c) => c.status === 'fail' || c.status === 'unknown');
        left += failing.length;
        say(`${name}: ${failing.length === 0 ? 'ready' : `${failing.length} check${failing.length === 1 ? '' : 's'} still failing`}`);
        for (const c of failing) say(`  ${c.status.padEnd(7)} ${titles.get(c.check) ?? c.check}: ${c.evidence}`);
      }
      return failed.length === 0 && left === 0 ? 0 : 1;
    } finally {
      close();
    }
  },
};
