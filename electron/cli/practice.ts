import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PracticeLab } from '../practice-lab/practice-lab';
import { practiceEngines, type PracticeEngine } from '../../shared/practice-scenarios';
import { isScenarioName, scenarioNames } from '../practice-lab/scenarios';
import { defaultDataDir } from '../service/data-dir';
import type { CliCommand } from './command';

/**
 * `hlk-assist practice --scenario NAME --write-lab FILE [--engine model|powershell]`: runs the practice
 * lab in the foreground and writes a lab file that reaches it (with the practice key, which lives in the
 * app's data folder for as long as the lab runs). Ctrl+C or SIGTERM stops it. `--engine powershell` runs
 * the real scripts in a real PowerShell with the Windows stand-in; the TypeScript model is the default.
 */

const USAGE = `usage: hlk-assist practice --scenario ${scenarioNames.join('|')} --write-lab FILE [--engine ${practiceEngines.join('|')}] [--clock N]\n`;

function isEngine(name: string): name is PracticeEngine {
  return (practiceEngines as readonly string[]).includes(name);
}

export const practiceCommand: CliCommand = {
  name: 'practice',
  usage: 'practice --scenario NAME --write-lab FILE [--engine model|powershell] [--clock N]',
  summary: `run the practice lab (${scenarioNames.join(', ')}) and write a lab file for it`,
  async run(args) {
    let scenario = 'ready';
    let labPath: string | undefined;
    let engine = 'model';
    let clock = '1';
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--scenario') scenario = args[++i] ?? '';
      else if (arg === '--write-lab') labPath = args[++i];
      else if (arg === '--engine') engine = args[++i] ?? '';
      else if (arg === '--clock') clock = args[++i] ?? '';
      else {
        process.stderr.write(`hlk-assist practice: unknown option ${arg}\n${USAGE}`);
        return 2;
      }
    }
    if (!isScenarioName(scenario)) {
      process.stderr.write(`hlk-assist practice: there is no scenario "${scenario}"\n${USAGE}`);
      return 2;
    }
    if (!isEngine(engine)) {
      process.stderr.write(`hlk-assist practice: there is no engine "${engine}"\n${USAGE}`);
      return 2;
    }
    const clockSpeed = Number(clock);
    if (!/^\d+(\.\d+)?$/.test(clock) || !(clockSpeed > 0)) {
      process.stderr.write(`hlk-assist practice: --clock takes the simulated seconds of HLK time a second, a positive number, not "${clock}"\n${USAGE}`);
      return 2;
    }
    if (!labPath) {
      process.stderr.write(`hlk-assist practice: --write-lab FILE is required\n${USAGE}`);
      return 2;
    }
    labPath = resolve(labPath);

    const dataDir = defaultDataDir();
    await mkdir(dataDir, { recursive: true });
    const dir = await mkdtemp(join(dataDir, 'practice-'));
    let lab: PracticeLab;
    try {
      lab = await PracticeLab.start({ dir, scenario, engine, clockSpeed });
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      process.stderr.write(`hlk-assist practice: ${(e as Error).message}\n`);
      return 2;
    }
    const stop = async () => {
      await lab.stop();
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await mkdir(dirname(labPath), { recursive: true });
      await writeFile(labPath, `${JSON.stringify(lab.labFile(`Practice lab (${scenario})`), null, 2)}\n`);
    } catch (e) {
      await stop();
      process.stderr.write(`hlk-assist practice: cannot write ${labPath}: ${(e as Error).message}\n`);
      return 2;
    }

    const lines = lab.hosts.map((h) => `  ${h.name.padEnd(12)} ${h.role.padEnd(10)} 127.0.0.1:${lab.sshHost(h.name).port}`);
    process.stdout.write(
      `practice lab "${scenario}" running${engine === 'powershell' ? ' (the real scripts in PowerShell on the Windows stand-in)' : ''}\nlab file: ${labPath}\n${lines.join('\n')}\nstop it with Ctrl+C\n`,
    );

    await new Promise<void>((done) => {
      const onSignal = () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        done();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    await stop();
    process.stdout.write('practice lab stopped\n');
    return 0;
  },
};
