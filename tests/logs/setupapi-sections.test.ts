import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_ERROR_LINES,
  readSetupapiSections,
  type SetupapiSection,
} from '../../electron/logs/analysis/readers/setupapi';
import { fixture } from './fixtures';

async function sectionsOf(file: string): Promise<SetupapiSection[]> {
  const sections: SetupapiSection[] = [];
  for await (const section of readSetupapiSections(file)) sections.push(section);
  return sections;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hlk-setupapi-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('setupapi.dev.log sections', () => {
  it('reads each section with its title, device, times and exit status', async () => {
    const sections = await sectionsOf(fixture('setupapi/wrong-architecture/setupapi.dev.log'));
    expect(
      sections.map((s) => ({
        title: s.title,
        deviceId: s.deviceId,
        startLine: s.startLine,
        startedAt: s.startedAt,
        endLine: s.endLine,
        endedAt: s.endedAt,
        exitStatus: s.exitStatus,
        exitCode: s.exitCode,
      })),
    ).toEqual([
      {
        title: 'Setup Import Driver Package - C:\\hlk\\drivers\\tap6-2024-05\\OemVista.inf',
        deviceId: null,
        startLine: 12,
        startedAt: '2024/05/02 16:41:06.911',
        endLine: 40,
        endedAt: '2024/05/02 16:41:07.312',
        exitStatus: 'SUCCESS',
        exitCode: null,
      },
      {
        title: 'Device Install (UpdateDriverForPlugAndPlayDevices) - tap0901',
        deviceId: 'tap0901',
        startLine: 44,
        startedAt: '2024/05/02 16:41:07.532',
        endLine: 66,
        endedAt: '2024/05/02 16:41:07.672',
        exitStatus: 'FAILURE',
        exitCode: '0xe0000228',
      },
      {
        title: 'Device Install (Hardware initiated) - ROOT\\NET\\0002',
        deviceId: 'ROOT\\NET\\0002',
        startLine: 70,
        startedAt: '2024/05/02 16:41:07.702',
        endLine: 103,
        endedAt: '2024/05/02 16:41:07.850',
        exitStatus: 'FAILURE',
        exitCode: '0xe0000203',
      },
    ]);
  });

  it('keeps the ! lines of a section with their line numbers, and marks !!! lines as severe', async () => {
    const [, update] = await sectionsOf(fixture('setupapi/wrong-architecture/setupapi.dev.log'));
    expect(update.errorLineCount).toBe(4);
    expect(update.errorLines).toEqual([
      { line: 59, text: '!    dvi:                     Selecting driver failed(0xe0000228)', severe: false },
      { line: 61, text: '!    dvi:           Default installer: failed!', severe: false },
      { line: 62, text: '!    dvi:           Error 0xe0000228: There are no compatible drivers for this device.', severe: false },
      { line: 64, text: "!!!  ndv:      Failed to install device instance 'ROOT\\NET\\0002'. Error = 0xE0000228", severe: true },
    ]);
  });

  it('explains the error codes of the ! lines and the exit status, each once', async () => {
    const sections = await sectionsOf(fixture('setupapi/wrong-architecture/setupapi.dev.log'));
    expect(sections.map((s) => s.errorCodes.map((c) => `${c.code} ${c.name}`))).toEqual([
      [],
      ['0xe0000228 ERROR_NO_COMPAT_DRIVERS'],
      ['0xe0000228 ERROR_NO_COMPAT_DRIVERS', '0xe0000203 ERROR_NO_DRIVER_SELECTED'],
    ]);
    expect(sections[2].errorCodes[1].meaning).toBe('no driver was selected for the device, so nothing could be installed');
  });

  it('explains signature errors in HRESULT form', async () => {
    const sections = await sectionsOf(fixture('setupapi/untrusted-test-certificate/setupapi.dev.log'));
    const failed = sections.find((s) => s.exitStatus === 'FAILURE')!;
    expect(failed.deviceId).toBeNull();
    expect(failed.exitCode).toBe('0x800b0109');
    expect(failed.errorCodes.map((c) => c.name)).toEqual(['CERT_E_UNTRUSTEDROOT']);
    expect(sections[0].deviceId).toBe('SWD\\PRINTENUM\\{0C6B5D87-9A41-4E2F-B3D6-1F8E27A49C05}');
  });

  it('hands over the last section of a log cut off mid-section, without an end or exit status', async () => {
    const lines = (await readFile(fixture('setupapi/wrong-architecture/setupapi.dev.log'), 'utf8')).split('\n');
    const cut = join(scratch, 'setupapi.dev.log');
    await writeFile(cut, lines.slice(0, 90).join('\r\n'));
    const sections = await sectionsOf(cut);
    expect(sections).toHaveLength(3);
    expect(sections[2]).toMatchObject({
      deviceId: 'ROOT\\NET\\0002',
      endLine: null,
      exitStatus: null,
      exitCode: null,
      errorLineCount: 4,
    });
  });

  it('keeps the first ! lines of a section that repeats an error without end, and counts them all', async () => {
    const repeated = Array.from({ length: 400 }, (_, i) => `!    flq:      Copy failed for 'tap0901.sys', attempt ${i + 1}`);
    const text = [
      '>>>  [Device Install (Hardware initiated) - ROOT\\NET\\0004]',
      '>>>  Section start 2024/07/01 11:00:00.000',
      ...repeated,
      '<<<  Section end 2024/07/01 11:00:09.999',
      '<<<  [Exit status: FAILURE(0x00000005)]',
      '',
    ].join('\r\n');
    const file = join(scratch, 'repeated.log');
    await writeFile(file, text);
    const [section] = await sectionsOf(file);
    expect(section.errorLineCount).toBe(400);
    expect(section.errorLines).toHaveLength(MAX_ERROR_LINES);
    expect(section.errorLines[MAX_ERROR_LINES - 1].line).toBe(2 + MAX_ERROR_LINES);
    expect(section.errorCodes.map((c) => c.name)).toEqual(['ERROR_ACCESS_DENIED']);
  });
});
