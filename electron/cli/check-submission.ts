import { LabFileError, readLabFile } from '../lab/lab-file';
import { defaultTimings } from '../machines/machine';
import { runSubmissionCheck } from '../submission/gather';
import { SecretCancelled } from './ask-secret';
import type { CliCommand } from './command';
import { askSecrets, openLabMachines } from './connect';

/**
 * `hlk-assist check-submission --lab FILE [--json]`: the pre-submission check. Exit 0 when the project is
 * ready to package, 1 when something would get it rejected (each finding with what to do), 2 when it
 * cannot be checked (a bad lab file, the controller unreachable, HLK not answering).
 */

const USAGE = 'usage: hlk-assist check-submission --lab FILE [--json]\n';

export const checkSubmissionCommand: CliCommand = {
  name: 'check-submission',
  usage: 'check-submission --lab FILE [--json]',
  summary: 'check the HLK project before packaging (exit 0 ready, 1 not, 2 cannot check)',
  async run(args) {
    let lab: string | undefined;
    let json = false;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--json') json = true;
      else if (args[i] === '--lab') lab = args[++i];
      else {
        process.stderr.write(`hlk-assist check-submission: unknown option ${args[i]}\n${USAGE}`);
        return 2;
      }
    }
    if (!lab) {
      process.stderr.write(`hlk-assist check-submission: --lab FILE is required\n${USAGE}`);
      return 2;
    }
    let file;
    try {
      file = await readLabFile(lab);
    } catch (e) {
      if (!(e instanceof LabFileError)) throw e;
      process.stderr.write(`hlk-assist check-submission: ${e.message}\n`);
      return 2;
    }
    let secrets: Map<string, string>;
    try {
      const asked = await askSecrets(file.machines, 'check-submission');
      if (typeof asked === 'string') {
        process.stderr.write(`hlk-assist check-submission: ${asked}\n`);
        return 2;
      }
      secrets = asked;
    } catch (e) {
      if (!(e instanceof SecretCancelled)) throw e;
      process.stderr.write('hlk-assist check-submission: cancelled\n');
      return 2;
    }
    const { machines, connect, close } = await openLabMachines(file, defaultTimings);
    try {
      await connect(secrets, defaultTimings.connectTimeoutMs);
      const result = await runSubmissionCheck(machines, file.readiness);
      const code = !result.ok ? 2 : result.ready ? 0 : 1;
      if (json) process.stdout.write(`${JSON.stringify({ lab: { name: file.name, path: lab }, exitCode: code, ...result }, null, 2)}\n`);
      else if (!result.ok) process.stdout.write(`${file.name}\ncannot check: ${result.reason}\n`);
      else {
        const lines = [file.name, result.ready ? 'ready to package' : `NOT READY: ${result.findings.length} finding(s)`];
        for (const f of result.findings) lines.push(`  ${f.id}: ${f.text}`, `    what to do: ${f.todo}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      return code;
    } finally {
      close();
    }
  },
};
