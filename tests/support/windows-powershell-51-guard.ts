import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requirePwsh } from './pwsh';

/**
 * The Windows PowerShell 5.1 guard: PowerShell's own parser reads each text and its syntax tree is walked
 * for what 5.1 lacks (windows-powershell-51-guard.ps1). One pwsh for all the texts of a call.
 */

export type GuardRule =
  | 'parse-error'
  | 'question-operators'
  | 'pipeline-chain'
  | 'clean-block'
  | 'newer-variable'
  | 'unicode-escape'
  | 'newer-command'
  | 'newer-parameter'
  | 'convertto-json-depth'
  | 'starts-with-param-p'
  | 'progress-preference';

export interface GuardText {
  name: string;
  source: string;
  /** 'operation' must start with param($p); 'request-loop' and 'bootstrap' must silence progress. */
  kind: 'operation' | 'request-loop' | 'bootstrap' | 'local' | 'other';
}

export interface GuardFinding {
  name: string;
  rule: GuardRule;
  line: number;
  message: string;
}

const GUARD = fileURLToPath(new URL('./windows-powershell-51-guard.ps1', import.meta.url));

export async function guardWindowsPowerShell51(texts: readonly GuardText[]): Promise<GuardFinding[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hlka-guard-'));
  try {
    const input = join(dir, 'texts.json');
    await writeFile(input, JSON.stringify(texts), 'utf8');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        requirePwsh(),
        ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', GUARD, '-InputPath', input],
        { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TERM: 'dumb' } },
        (error, out, err) => (error ? reject(new Error(`the 5.1 guard failed: ${error.message}\n${err}`)) : resolve(out)),
      );
    });
    return JSON.parse(stdout) as GuardFinding[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
