import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipFolder } from '../../electron/logs/collection/zip-writer';
import { readZip } from '../support/read-zip';

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('the zip of a run folder', () => {
  let dir: string;
  let run: string;
  const files: Record<string, Buffer> = {
    'manifest.json': Buffer.from('{"format":"hlk-assist-collection/1"}\n'),
    'client1/files/C/Windows/INF/setupapi.dev.log': Buffer.from('>>>  Section start 2024/04/29 08:12:31.166\r\n'.repeat(20_000)),
    'client1/files/C/Windows/Minidump/042824-15031-01.dmp': randomBytes(300_000),
    'client1/snapshots/net-use.txt': Buffer.alloc(0),
    'support/eventlogs/Microsoft-Windows-Kernel-PnP%4Configuration.evtx': randomBytes(70_000),
    'support/files/C/Users/Jürgen/OpenVPN/log/hlk.log': Buffer.from('Initialization Sequence Completed\r\n'),
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hlka-zip-'));
    run = join(dir, '2024-04-29T08-12-01Z');
    for (const [name, data] of Object.entries(files)) {
      await mkdir(join(run, name, '..'), { recursive: true });
      await writeFile(join(run, name), data);
    }
    await writeFile(join(run, 'client1/files/C/Windows/INF/setupapi.app.log.part'), 'not a copy');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it.each([false, true])('holds every complete file byte for byte, and no .part (ZIP64 forced: %s)', async (zip64) => {
    const target = `${run}.zip`;
    const made = await zipFolder(run, target, new AbortController().signal, zip64);
    expect(made.size).toBe((await stat(target)).size);
    expect(made.sha256).toBe(createHash('sha256').update(await readFile(target)).digest('hex'));
    const read = await readZip(target);
    expect(read.zip64End).toBe(zip64);
    expect(read.entries.every((e) => e.zip64 === zip64)).toBe(true);
    const byName = new Map(read.entries.map((e) => [e.name, e.data]));
    expect([...byName.keys()].sort()).toEqual(Object.keys(files).map((n) => `2024-04-29T08-12-01Z/${n}`).sort());
    for (const [name, data] of Object.entries(files)) expect(byName.get(`2024-04-29T08-12-01Z/${name}`)?.equals(data), name).toBe(true);
    // The log compresses; the random dump is stored without growing much.
    expect(made.size).toBeLessThan(400_000 + 70_000 + 100_000);
    if (hasUnzip) expect(execFileSync('unzip', ['-t', target]).toString()).toContain('No errors detected');
  });

  it('stops when cancelled and leaves no zip behind', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the operator'));
    await expect(zipFolder(run, `${run}.zip`, controller.signal)).rejects.toThrow('cancelled by the operator');
    await expect(stat(`${run}.zip`)).rejects.toThrow();
    await expect(stat(`${run}.zip.part`)).rejects.toThrow();
  });
});
