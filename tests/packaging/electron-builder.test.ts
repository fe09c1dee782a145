/**
 * The packaged app, checked without packing it (there is no Electron binary here): electron-builder's own
 * code reads and validates electron-builder.yml, and its own file matcher picks the files it would put
 * in the asar from the built tree. `npm test` builds before the suite; alone, run `node scripts/build.mjs` first.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
// @ts-expect-error electron-builder's declarations leave out its internal file matchers
import { getMainFileMatchers } from 'app-builder-lib/out/fileMatcher';
// @ts-expect-error the icon script is plain JavaScript
import { encodePng, icoSizes, mainPngSize, pngSizes, renderIcon } from '../../scripts/make-icons.mjs';

const projectDir = resolve(__dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));

interface BuilderConfig {
  directories: { buildResources: string; output: string };
  files: string[];
  win: { icon: string; target: string[] };
  linux: { icon: string };
  mac: { icon: string };
}

async function loadConfig(): Promise<BuilderConfig> {
  const config = await getConfig(projectDir, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  // The schema accepted it; these are the fields the tests read.
  return config as unknown as BuilderConfig;
}

/** The project files electron-builder's matcher lets into the app, walked as its copier walks them. */
async function filesToPack(config: BuilderConfig): Promise<string[]> {
  const info = {
    projectDir,
    buildResourcesDir: config.directories.buildResources,
    isPrepackedAppAsar: false,
    config,
    debugLogger: { isEnabled: false },
  };
  const expand = (s: string) => s;
  const [matcher] = getMainFileMatchers(projectDir, '/app', expand, {}, { info }, resolve(projectDir, config.directories.output), false);
  const filter: (file: string, stat: Stats) => boolean = matcher.createFilter();
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      const stat = statSync(file);
      if (!filter(file, stat)) continue;
      if (stat.isDirectory()) walk(file);
      else found.push(relative(projectDir, file).split('\\').join('/'));
    }
  };
  walk(projectDir);
  return found.sort();
}

/** A PNG written by the icon script: its size and its RGBA pixels. */
function readPng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]); // 8-bit RGBA
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * 4 + 1)]).toBe(0); // the script writes unfiltered rows
    rows.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

describe('the packaged app', () => {
  it('is configured in electron-builder.yml, which electron-builder accepts, with its icons in assets/', async () => {
    expect(packageJson.build).toBeUndefined();
    const config = await loadConfig();
    expect(config.directories.buildResources).toBe('assets');
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.win.icon).toBe('assets/icon.ico');
    for (const icon of [config.win.icon, config.linux.icon, config.mac.icon]) expect(existsSync(join(projectDir, icon)), icon).toBe(true);
    expect(packageJson.scripts.dist).toMatch(/scripts\/build\.mjs && electron-builder$/);
  });

  it('has a Windows icon with every size from 16 to 256 pixels, drawn by scripts/make-icons.mjs', () => {
    const ico = readFileSync(join(projectDir, 'assets/icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = ico.subarray(6 + 16 * i, 6 + 16 * (i + 1));
      const size = entry[0] === 0 ? 256 : entry[0]!;
      const png = readPng(ico.subarray(entry.readUInt32LE(12), entry.readUInt32LE(12) + entry.readUInt32LE(8)));
      expect([png.width, png.height]).toEqual([size, size]);
      expect(png.pixels.equals(renderIcon(size)), `the ${size}-pixel icon is the script's drawing`).toBe(true);
      sizes.push(size);
    }
    expect(sizes).toEqual(icoSizes);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('has PNG icons for Linux and macOS, drawn by the same script', () => {
    const main = readPng(readFileSync(join(projectDir, 'assets/icon.png')));
    expect([main.width, main.height]).toEqual([mainPngSize, mainPngSize]);
    expect(main.pixels.equals(renderIcon(mainPngSize))).toBe(true);
    for (const size of pngSizes) {
      const png = readPng(readFileSync(join(projectDir, `assets/icons/${size}x${size}.png`)));
      expect(png.pixels.equals(renderIcon(size)), `${size}x${size}.png`).toBe(true);
    }
    // The encoder round-trips: what the test decodes is what the script encodes.
    expect(readPng(encodePng(16, renderIcon(16))).pixels.equals(renderIcon(16))).toBe(true);
  });

  it('packs the main process, the preload and the renderer bundle, and no source maps, tests or sources', async () => {
    const files = await filesToPack(await loadConfig());
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/main.js', 'dist/electron/preload.js', 'dist/renderer/index.html']));
    expect(files.some((f) => /^dist\/renderer\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^dist\/renderer\/assets\/index-[\w-]+\.css$/.test(f))).toBe(true);
    // The built tree does have maps, the CLI and the web host beside them: the matcher must leave them out.
    expect(existsSync(join(projectDir, 'dist/electron/main.js.map'))).toBe(true);
    const stray = files.filter((f) => f.endsWith('.map') || !/^(package\.json$|dist\/(electron|renderer)\/)/.test(f) || /\.(ts|tsx|mts|ps1)$/.test(f));
    expect(stray).toEqual([]);
    expect(files).not.toContain('dist/cli.js');
    expect(files).not.toContain('dist/web.js');
    // The main field names a packed file.
    expect(files).toContain(packageJson.main);
  });

  it('ships as production dependencies exactly what the packed bundles load, and bundles React into the renderer', async () => {
    const files = await filesToPack(await loadConfig());
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']);
    const loaded = new Set<string>();
    for (const file of files.filter((f) => f.startsWith('dist/electron/') && f.endsWith('.js'))) {
      for (const [, name] of readFileSync(join(projectDir, file), 'utf8').matchAll(/require\("([^"./][^"]*)"\)/g)) {
        const pkg = name!.startsWith('@') ? name!.split('/').slice(0, 2).join('/') : name!.split('/')[0]!;
        if (!builtins.has(name!) && !builtins.has(pkg)) loaded.add(pkg);
      }
    }
    expect([...loaded].sort()).toEqual(['node-powershell', 'ssh2', 'zod']);
    for (const pkg of loaded) expect(packageJson.dependencies, pkg).toHaveProperty([pkg]);
    for (const pkg of ['react', 'react-dom', 'zustand']) {
      expect(packageJson.dependencies).not.toHaveProperty([pkg]);
      expect(packageJson.devDependencies).toHaveProperty([pkg]);
    }
    // The renderer bundle carries React itself (it loads nothing from node_modules at run time).
    const bundle = files.find((f) => /^dist\/renderer\/assets\/index-[\w-]+\.js$/.test(f))!;
    expect(readFileSync(join(projectDir, bundle), 'utf8')).toContain('react.transitional.element');
  });
});
