import { Worker } from 'node:worker_threads';

/**
 * Runs the operator's regular expression on a block of log lines in a worker thread. A pattern such as
 * `^(a+)+$` can backtrack for minutes on one line, and V8 cannot interrupt a match: on the main thread
 * that would freeze every machine's connection, the web host and the journal. In a worker, the main
 * thread stays free and a match that runs past its time is ended by terminating the worker.
 */

/** The worker's code, self-contained so that it runs the same from the bundle and from the sources under test. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, source, flags, text, first, last }) => {
  const pattern = new RegExp(source, flags);
  const lines = [];
  let at = 0;
  for (let line = first; line <= last && at <= text.length; line++) {
    const end = text.indexOf('\\n', at);
    const stop = end === -1 ? text.length : end + 1;
    // As read-lines.ts's withoutLineBreak: the line without its \\n, then without a \\r.
    let content = text.slice(at, stop);
    if (content.endsWith('\\n')) content = content.slice(0, -1);
    if (content.endsWith('\\r')) content = content.slice(0, -1);
    if (pattern.test(content)) lines.push(line);
    at = stop;
    if (end === -1) break;
  }
  parentPort.postMessage({ id, lines });
});
`;

export class PatternTooSlowError extends Error {}

/** The search was cancelled while the worker matched: the worker was ended. */
export class SearchCancelledError extends Error {}

let worker: Worker | null = null;
let nextId = 1;

function theWorker(): Worker {
  if (!worker) {
    worker = new Worker(WORKER_SOURCE, { eval: true });
    // An idle worker must not keep the CLI or a test process alive.
    worker.unref();
    const dead = worker;
    dead.once('exit', () => {
      if (worker === dead) worker = null;
    });
  }
  return worker;
}

/**
 * The numbers of the lines `first`..`last` of `text` on which the pattern matches; rejects with
 * PatternTooSlowError if that takes longer than `timeoutMs`.
 */
export function regexMatchesOffThread(pattern: RegExp, text: string, first: number, last: number, timeoutMs: number, signal?: AbortSignal): Promise<number[]> {
  if (signal?.aborted) return Promise.reject(new SearchCancelledError('the search was cancelled'));
  const w = theWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      w.off('message', onMessage);
      w.off('error', onError);
      w.unref();
    };
    const end = (e: Error) => {
      done();
      if (worker === w) worker = null;
      void w.terminate();
      reject(e);
    };
    const onAbort = () => end(new SearchCancelledError('the search was cancelled'));
    const onMessage = (m: { id: number; lines: number[] }) => {
      if (m.id !== id) return;
      done();
      resolve(m.lines);
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const timer = setTimeout(
      () => end(new PatternTooSlowError(`the regular expression ran longer than ${timeoutMs / 1000} s on lines ${first}–${last} and was stopped`)),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    w.on('message', onMessage);
    w.on('error', onError);
    // Busy while matching: the process waits for the answer.
    w.ref();
    w.postMessage({ id, source: pattern.source, flags: pattern.flags, text, first, last });
  });
}
