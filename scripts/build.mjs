// Builds the Node side (Electron main + preload, web host, CLI) with esbuild and the renderer with Vite.
// `node scripts/build.mjs node` builds only the Node side; `bench` builds scripts/bench/*.ts into dist/bench.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFile } from 'node:fs/promises';

/** PowerShell scripts are imported as `./x.ps1?raw`, as Vite does; esbuild needs telling. */
const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: new URL(args.path.replace(/\?raw$/, ''), `file://${args.resolveDir}/`).pathname,
      namespace: 'raw-text',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  plugins: [rawText],
  logLevel: 'warning',
};

const what = process.argv[2] ?? 'all';
if (what === 'bench') {
  // Benchmarks are TypeScript too; each scripts/bench/*.ts becomes dist/bench/*.js.
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir('scripts/bench')).filter((f) => f.endsWith('.ts'));
  await build({ ...common, entryPoints: files.map((f) => `scripts/bench/${f}`), outdir: 'dist/bench' });
  process.exit(0);
}
await Promise.all([
  build({ ...common, entryPoints: { 'electron/main': 'electron/main.ts', 'electron/preload': 'electron/preload.ts' }, outdir: 'dist', external: ['electron'] }),
  build({ ...common, entryPoints: { web: 'electron/web/start.ts', cli: 'electron/cli/main.ts' }, outdir: 'dist' }),
]);
if (what === 'all') await viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' });
