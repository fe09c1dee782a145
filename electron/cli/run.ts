import { join } from 'node:path';
import { OperationFailure, type OperationError } from '../../shared/errors';
import { findOperation } from '../../shared/operations';
import { FileHostKeyStore } from '../lab/host-keys';
import { LabFileError, readLabFile } from '../lab/lab-file';
import { Machine, defaultTimings } from '../machines/machine';
import { defaultDataDir } from '../service/data-dir';
import { secondsOption, type CliCommand } from './command';
import { confirmed } from './confirm';
import { SecretCancelled } from './ask-secret';
import { askSecrets, connectAll } from './connect';
import { ParamError, paramsFromArgs } from './operation-params';

/**
 * `hlk-assist run --lab FILE --machine NAME OPERATION [--param key=value]... [--params JSON] [--json]
 * [--yes]`: one operation on one machine, as the app would run it (same connection, pinned host keys,
 * request loop, parameter checks). Exit 0 when it ran, 1 when the operation failed on the machine, 2 when
 * it could not run: a bad lab file, an unknown machine or operation, bad parameters, a machine that cannot
 * be reached or logged into. An operation that changes the machine asks first on a terminal, and needs
 * --yes anywhere else.
 */

const USAGE =
  'usage: hlk-assist run --lab FILE --machine NAME OPERATION [--param key=value]... [--params JSON] [--json] [--yes]\n' +
  '                      [--timeout SECONDS] [--connect-timeout SECONDS]\n' +
  '       hlk-assist ops   lists the operations with their parameters\n';

interface Options {
  lab: string;
  machine: string;
  operation: string;
  pairs: string[];
  paramsJson: string | undefined;
  json: boolean;
  yes: boolean;
  timeoutMs: number | undefined;
  connectTimeoutMs: number;
}

function parse(args: string[]): Options | string {
  const o: Partial<Options> & { pairs: string[] } = { pairs: [], json: false, yes: false, connectTimeoutMs: 20_000 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new ParamError(`${arg} needs a value`);
      return v;
    };
    try {
      if (arg === '--lab') o.lab = value();
      else if (arg === '--machine') o.machine = value();
      else if (arg === '--param') o.pairs.push(value());
      else if (arg === '--params') o.paramsJson = value();
      else if (arg === '--json') o.json = true;
      else if (arg === '--yes') o.yes = true;
      else if (arg === '--timeout' || arg === '--connect-timeout') {
        const ms = secondsOption(value(), arg, 3600);
        if (typeof ms === 'string') return ms;
        if (arg === '--timeout') o.timeoutMs = ms;
        else o.connectTimeoutMs = ms;
      } else if (arg.startsWith('-')) return `unknown option ${arg}`;
      else if (o.operation === undefined) o.operation = arg;
      else return `one operation at a time ("${o.operation}", then "${arg}")`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!o.lab) return '--lab FILE is required';
  if (!o.machine) return '--machine NAME is required';
  if (!o.operation) return 'name the OPERATION to run (hlk-assist ops lists them)';
  return o as Options;
}

export const runCommand: CliCommand = {
  name: 'run',
  usage: 'run --lab FILE --machine NAME OPERATION [--param k=v]...',
  summary: 'run one operation on one machine (exit 0 ran, 1 it failed, 2 cannot run)',
  async run(args) {
    const cannot = (message: string) => {
      process.stderr.write(`hlk-assist run: ${message}\n`);
      return 2;
    };
    const options = parse(args);
    if (typeof options === 'string') return cannot(`${options}\n${USAGE}`);

    const op = findOperation(options.operation);
    if (!op) return cannot(`no operation "${options.operation}" (hlk-assist ops lists them)`);
    let params: Record<string, unknown>;
    try {
      params = paramsFromArgs(op.params, options.pairs, options.paramsJson);
    } catch (e) {
      if (e instanceof ParamError) return cannot(`${op.name}: ${e.message}`);
      throw e;
    }
    const valid = op.params.safeParse(params);
    if (!valid.success) {
      return cannot(`${op.name}: ${valid.error.issues.map((i) => `${i.path.join('.') || 'parameters'}: ${i.message}`).join('; ')}`);
    }

    let lab;
    try {
      lab = await readLabFile(options.lab);
    } catch (e) {
      if (e instanceof LabFileError) return cannot(e.message);
      throw e;
    }
    const config = lab.machines.find((m) => m.name === options.machine);
    if (!config) return cannot(`the lab "${lab.name}" has no machine "${options.machine}" (it has ${lab.machines.map((m) => m.name).join(', ')})`);

    if (op.changesMachine && !options.yes) {
      if (!process.stdin.isTTY) return cannot(`${op.name} changes ${config.name} (${op.title}): say --yes to run it without a terminal to ask on`);
      if (!(await confirmed(`${op.title} on ${config.name} changes the machine. Run ${op.name} ${JSON.stringify(valid.data)}? [y/N] `))) {
        return cannot('not run: not confirmed');
      }
    }

    let secrets: Map<string, string>;
    try {
      const asked = await askSecrets([config], 'run');
      if (typeof asked === 'string') return cannot(asked);
      secrets = asked;
    } catch (e) {
      if (e instanceof SecretCancelled) return cannot('cancelled');
      throw e;
    }

    const settled = new Set<() => void>();
    // A machine that refuses connections goes back to "connecting" between tries: keep why the last one failed.
    let lastProblem: string | null = null;
    const timings = { ...defaultTimings, connectTimeoutMs: options.connectTimeoutMs, loopStartTimeoutMs: options.connectTimeoutMs };
    const machine = new Machine(config, {
      hostKeys: new FileHostKeyStore(join(defaultDataDir(), 'known-hosts.json')),
      timings,
      changed: (view) => {
        if (view.state !== 'connecting' && view.state !== 'connected' && view.state !== 'idle') {
          lastProblem = `${view.state}${view.stateDetail ? ` (${view.stateDetail})` : ''}`;
        }
        for (const s of [...settled]) s();
      },
      record: () => undefined,
    });
    const started = Date.now();
    try {
      await connectAll([machine], secrets, options.connectTimeoutMs, settled);
      if (machine.connectionState !== 'connected') {
        const view = machine.view();
        const now = `${view.state}${view.stateDetail ? ` (${view.stateDetail})` : ''}`;
        return cannot(`cannot reach ${config.name} within ${options.connectTimeoutMs / 1000} s: ${view.state === 'connecting' && lastProblem ? lastProblem : now}`);
      }
      try {
        const result = await machine.run(op, valid.data, options.timeoutMs);
        const elapsedMs = Date.now() - started;
        if (options.json) process.stdout.write(`${JSON.stringify({ machine: config.name, operation: op.name, ok: true, result, elapsedMs })}\n`);
        else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return 0;
      } catch (e) {
        if (!(e instanceof OperationFailure)) throw e;
        const error: OperationError = e.info;
        if (options.json) process.stdout.write(`${JSON.stringify({ machine: config.name, operation: op.name, ok: false, error, elapsedMs: Date.now() - started })}\n`);
        const line = typeof error.detail?.line === 'number' && error.detail.line > 0 ? ` (script line ${error.detail.line})` : '';
        process.stderr.write(`hlk-assist run: ${op.name} on ${config.name} failed, ${error.kind}: ${error.message}${line}\n`);
        return error.kind === 'invalid-params' || error.kind === 'not-connected' || error.kind === 'unknown-operation' ? 2 : 1;
      }
    } finally {
      machine.disconnect();
    }
  },
};
