// Runs every built benchmark (dist/bench/*.js) one after the other, or only those named on the command line.
import { readdir } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';

const wanted = process.argv.slice(2);
const files = (await readdir('dist/bench')).filter((f) => f.endsWith('.js') && (wanted.length === 0 || wanted.some((w) => f.startsWith(w))));
let failed = 0;
for (const f of files.sort()) {
  console.log(`\n== ${f.replace(/\.js$/, '')}`);
  const r = spawnSync(process.execPath, ['--expose-gc', `dist/bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
