import type { MachineReadiness } from '../../shared/readiness/results';
import type { CheckResult } from '../../shared/readiness/results';
import { LabFileError, readLabFile } from '../lab/lab-file';
import { checkCatalogue } from '../readiness/engine';
import { SecretCancelled } from './ask-secret';
import { secondsOption, type CliCommand } from './command';
import { askSecrets, openReadinessLab } from './connect';

/**
 * `hlk-assist check --lab FILE [--json]`: connects to every machine of the lab, runs every readiness
 * check once and prints one line per machine with what is wrong. Exit 0 when every machine is ready,
 * 1 when one is not, 2 when the lab cannot be checked (a bad lab file, a machine that cannot be reached
 * or logged into). Host keys are pinned in the app's data folder, as the app does. Passwords and key
 * passphrases are asked on the terminal, never echoed and never stored; without a terminal, a lab that
 * needs one cannot be checked (exit 2, naming the machines).
 */

const USAGE = 'usage: hlk-assist check --lab FILE [--json] [--connect-timeout SECONDS]\n';

interface Options {
  lab: string;
  json: boolean;
  connectTimeoutMs: number;
}

function parse(args: string[]): Options | string {
  let lab: string | undefined;
  let json = false;
  let connectTimeoutMs = 20_000;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--lab') lab = args[++i];
    else if (arg === '--connect-timeout') {
      const ms = secondsOption(args[++i], arg, 600);
      if (typeof ms === 'string') return ms;
      connectTimeoutMs = ms;
    } else return `unknown option ${arg}`;
  }
  if (!lab) return '--lab FILE is required';
  return { lab, json, connectTimeoutMs };
}

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check --lab FILE [--json] [--connect-timeout SECONDS]',
  summary: 'check every machine for the HLK pass (exit 0 ready, 1 not ready, 2 cannot check)',
  async run(args) {
    const options = parse(args);
    if (typeof options === 'string') {
      process.stderr.write(`hlk-assist check: ${options}\n${USAGE}`);
      return 2;
    }
    let file;
    try {
      file = await readLabFile(options.lab);
    } catch (e) {
      if (!(e instanceof LabFileError)) throw e;
      process.stderr.write(`hlk-assist check: ${e.message}\n`);
      return 2;
    }

    let secrets: Map<string, string>;
    try {
      const asked = await askSecrets(file.machines, 'check');
      if (typeof asked === 'string') {
        process.stderr.write(`hlk-assist check: ${asked}\n`);
        return 2;
      }
      secrets = asked;
    } catch (e) {
      if (!(e instanceof SecretCancelled)) throw e;
      process.stderr.write('hlk-assist check: cancelled\n');
      return 2;
    }

    const { machines, engine, connect, close } = await openReadinessLab(file, options.lab, options.connectTimeoutMs);
    try {
      await connect(secrets);
      const snapshot = await engine.run();
      const unreachable = machines.filter((m) => m.connectionState !== 'connected');
      const ready = snapshot.machines.every((m) => m.ready === true);
      const code = unreachable.length > 0 ? 2 : ready ? 0 : 1;
      if (options.json) {
        const report = { lab: { name: file.name, path: options.lab }, ready, exitCode: code, machines: snapshot.machines, checks: checkCatalogue() };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        process.stdout.write(text(file.name, snapshot.machines, unreachable.map((m) => m.name)));
      }
      return code;
    } finally {
      close();
    }
  },
};

const titles = new Map(checkCatalogue().map((c) => [c.id, c.title]));

function text(lab: string, machines: MachineReadiness[], unreachable: string[]): string {
  const width = Math.max(...machines.map((m) => m.machine.length));
  const lines = [`${lab}`];
  for (const m of machines) {
    lines.push(`${m.machine.padEnd(width)}  ${m.ready ? 'ready' : 'NOT READY'}`);
    for (const r of m.checks.filter((c) => c.status !== 'pass')) lines.push(`  ${line(r)}`);
  }
  const readyCount = machines.filter((m) => m.ready).length;
  lines.push(`${readyCount} of ${machines.length} machines ready${unreachable.length > 0 ? `; cannot check ${unreachable.join(', ')}` : ''}`);
  return `${lines.join('\n')}\n`;
}

function line(r: CheckResult): string {
  const fix = r.fix ? ` [fix: ${r.fix.title}]` : '';
  return `${r.status.padEnd(7)} ${titles.get(r.check) ?? r.check}: ${r.evidence}${fix}`;
}
