import { operations } from '../../shared/operations';
import type { CliCommand } from './command';
import { operationExamples } from './operation-examples';
import { asParamText, describeParams, exampleParams } from './operation-params';

/**
 * `hlk-assist ops [--json]`: every operation hlk-assist can run on a machine, with its parameters, an
 * example `hlk-assist run` line, and whether it changes the machine.
 */

function exampleLine(name: string, params: Record<string, unknown>, pairs: string[]): string {
  const quoted = pairs.map((p) => (/^[\w.,:=/-]+$/.test(p) ? p : `'${p.replace(/'/g, "'\\''")}'`));
  const simple = Object.values(params).every((v) => typeof v !== 'object' || (Array.isArray(v) && v.every((e) => typeof e !== 'object')));
  const tail = simple ? quoted.map((p) => ` --param ${p}`).join('') : ` --params '${JSON.stringify(params).replace(/'/g, "'\\''")}'`;
  return `hlk-assist run --lab LAB.json --machine NAME ${name}${tail}`;
}

export const opsCommand: CliCommand = {
  name: 'ops',
  usage: 'ops [--json]',
  summary: 'list the operations: parameters, an example, whether they change the machine',
  async run(args) {
    const json = args.includes('--json');
    const unknown = args.filter((a) => a !== '--json');
    if (unknown.length > 0) {
      process.stderr.write(`hlk-assist ops: unknown option ${unknown[0]}\nusage: hlk-assist ops [--json]\n`);
      return 2;
    }
    const list = operations.map((op) => {
      const params = describeParams(op.params);
      const example = operationExamples[op.name] ?? exampleParams(op.params);
      const pairs = Object.entries(example).map(([key, value]) => `${key}=${asParamText(value)}`);
      return { name: op.name, area: op.area, title: op.title, description: op.description, changesMachine: op.changesMachine, timeoutSeconds: op.timeoutMs / 1000, params, example: exampleLine(op.name, example, pairs), exampleParams: example };
    });
    if (json) {
      process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const out: string[] = [];
    for (const op of list) {
      out.push(`${op.name}  ${op.changesMachine ? '[changes the machine]' : '[reads only]'}  ${op.title}`);
      out.push(`    ${op.description}`);
      for (const p of op.params) out.push(`    ${p.required ? '' : '['}${p.name}${p.required ? '' : ']'}: ${p.type}`);
      out.push(`    e.g. ${op.example}${op.changesMachine ? ' --yes' : ''}`);
      out.push('');
    }
    process.stdout.write(`${out.join('\n')}`);
    return 0;
  },
};
