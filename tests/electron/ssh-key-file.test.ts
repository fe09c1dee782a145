import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { SshMachine } from '../../electron/lab/lab-file';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { startPracticeLab, watch, type Watched } from '../support/practice';

/**
 * Key files as operators have them: encrypted with a passphrase, the .pub picked by mistake, some other
 * file, a named pipe. Each fails the connection with a message that says which, never the process, and
 * never leaves the machine "connecting".
 */

let lab: PracticeLab;
let cleanup: () => Promise<void>;
let dir: string;
const opened: Watched[] = [];

beforeAll(async () => {
  ({ lab, cleanup } = await startPracticeLab());
  dir = await mkdtemp(join(tmpdir(), 'hlka-key-files-'));
  // The practice lab's own key, encrypted with a passphrase as ssh-keygen -p does it.
  await copyFile(lab.keyFile, join(dir, 'encrypted'));
  execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'correct horse', '-f', join(dir, 'encrypted')]);
  await writeFile(join(dir, 'public.pub'), execFileSync('ssh-keygen', ['-y', '-f', lab.keyFile]));
  await writeFile(join(dir, 'notes.txt'), 'not a key\n');
  if (process.platform !== 'win32') execFileSync('mkfifo', [join(dir, 'fifo')]);
}, 60_000);
afterAll(async () => {
  await cleanup();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  for (const w of opened.splice(0)) w.machine.disconnect();
});

function open(file: string): Watched {
  const m = lab.labFile().machines.find((x) => x.name === 'support') as SshMachine;
  const w = watch({ ...m, auth: { type: 'key', file } });
  opened.push(w);
  return w;
}

describe('key files', () => {
  test('an encrypted key without its passphrase asks for it; a wrong one says so; the right one connects', async () => {
    const w = open(join(dir, 'encrypted'));
    w.machine.connect();
    const asked = await w.until((v) => v.state === 'auth-failed', 5000);
    expect(asked.stateDetail).toBe(`the key file ${join(dir, 'encrypted')} is encrypted: connect again with its passphrase (it is kept in memory only)`);
    w.machine.connect('wrong');
    const wrong = await w.until((v) => v.state === 'auth-failed' && v.stateDetail !== asked.stateDetail, 5000);
    expect(wrong.stateDetail).toBe(`the passphrase does not open the key file ${join(dir, 'encrypted')}`);
    w.machine.connect('correct horse');
    await w.until((v) => v.state === 'connected', 10_000);
  });

  test.each([
    ['public.pub', 'holds a public key, not a private key'],
    ['notes.txt', 'is not a private key ssh can use'],
  ])('%s is refused as not a private key', async (name, says) => {
    const w = open(join(dir, name));
    w.machine.connect();
    const failed = await w.until((v) => v.state === 'auth-failed', 5000);
    expect(failed.stateDetail).toContain(`the key file ${join(dir, name)} ${says}`);
  });

  test.runIf(process.platform !== 'win32')('a named pipe or a device is refused at once', async () => {
    for (const file of [join(dir, 'fifo'), '/dev/zero']) {
      const w = open(file);
      w.machine.connect();
      const failed = await w.until((v) => v.state === 'auth-failed', 3000);
      expect(failed.stateDetail).toMatch(new RegExp(`^cannot read the key file ${file}: (a named pipe \\(FIFO\\)|a device), not a file$`));
    }
  });
});
