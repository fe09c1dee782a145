// Runs the vitest suite and ends with one plain line, "tests: N passed, N failed, N skipped", that CI
// reads; the exit code is vitest's own. The line before it says how many tests were skipped for want of
// PowerShell 7 (tests/support/pwsh.ts tags their suites "[pwsh]").
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  const withoutPwsh = (r.testResults ?? [])
    .flatMap((file) => file.assertionResults ?? [])
    .filter((t) => (t.status === 'pending' || t.status === 'skipped') && (t.ancestorTitles ?? []).some((a) => a.startsWith('[pwsh]'))).length;
  if (withoutPwsh > 0) {
    console.log(`${withoutPwsh} tests skipped: PowerShell 7 (pwsh) is not installed; the README's "Test it" says how to get it`);
  }
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
} catch {
  console.log('tests: 0 passed, 1 failed (vitest wrote no report)');
  process.exit(run.status || 1);
}
process.exit(run.status ?? 1);
