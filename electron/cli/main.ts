/**
 * `hlk-assist <command>`: the command-line face of hlk-assist for scripts and CI.
 * Each command lives in its own file and exits 0 (all good), 1 (something found / not ready) or 2
 * (it could not do its job: bad input, unreachable machine).
 */
import type { CliCommand } from './command';
import { analyzeCommand } from './analyze';
import { checkCommand } from './check';
import { checkSubmissionCommand } from './check-submission';
import { opsCommand } from './ops';
import { practiceCommand } from './practice';
import { prepareCommand } from './prepare';
import { runCommand } from './run';

const commands: CliCommand[] = [checkCommand, checkSubmissionCommand, prepareCommand, runCommand, opsCommand, practiceCommand, analyzeCommand];

function usage(): string {
  const lines = commands.map((c) => `  ${c.usage.padEnd(52)} ${c.summary}`);
  return `usage: hlk-assist <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`hlk-assist: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`usage: hlk-assist ${command.usage}\n`);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`hlk-assist: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
