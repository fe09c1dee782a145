import { spawn, type SpawnOptions } from 'node:child_process';

/**
 * Runs a Node script that prints "ack <seq>" for every entry its journal acknowledged, kills it with
 * SIGKILL once it has acknowledged at least `acks`, and resolves with every seq it acknowledged.
 * Rejects if it ends by itself or has not acknowledged enough within `timeoutMs`.
 */
export function killAfterAcks(
  script: string,
  args: string[],
  acks: number,
  options: { timeoutMs: number; what: string; env?: SpawnOptions['env'] },
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: options.env ?? process.env });
    const acked: number[] = [];
    let buffer = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.what} acknowledged only ${acked.length} entries in ${options.timeoutMs / 1000} s`));
    }, options.timeoutMs);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
      if (acked.length >= acks && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`${options.what} ended by itself (${String(signal)})`));
      else resolve(acked);
    });
  });
}
