import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationFailure } from '../../shared/errors';
import { servicesStatus } from '../../shared/operations/services';
import { MemoryHostKeyStore } from '../../electron/lab/host-keys';
import { defaultTimings } from '../../electron/machines/machine';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { HOSTILE_PIECES, hostileString } from '../support/hostile-strings';
import { startPracticeLab, watch, type Watched } from '../support/practice';

/**
 * Hostile service names over real SSH to the practice lab. The simulated machine only runs a request
 * whose script is byte for byte services.status's own (it checks the SHA-256 and the text), and its
 * model echoes each unknown name back: a value that changed the script, or was mangled on the way,
 * would fail here.
 */

const MACHINE = 'client1';
const BATCH = 64; // the most names services.status takes in one call

/** Lone surrogates are left out: they have no UTF-8 form, so a real Windows PowerShell would not return them either. */
const wellFormed = (s: string) => !/\p{Cs}/u.test(s);

describe('hostile service names over SSH', () => {
  let lab: PracticeLab;
  let cleanup: () => Promise<void>;
  let client: Watched;

  const passes = (name: string) => servicesStatus.params.safeParse({ names: [name] }).success && wellFormed(name);
  const unknownToHost = (name: string) => lab.host(MACHINE).service(name) === undefined;

  async function roundTrip(names: string[]): Promise<void> {
    const result = await client.machine.run(servicesStatus, { names });
    expect(result.services.map((s) => s.name)).toStrictEqual(names);
    for (const s of result.services) expect(s).toStrictEqual({ name: s.name, exists: false, status: null, startType: null, displayName: null });
  }

  beforeAll(async () => {
    ({ lab, cleanup } = await startPracticeLab());
    const config = lab.labFile().machines.find((m) => m.name === MACHINE)!;
    client = watch(config, new MemoryHostKeyStore(), defaultTimings);
    client.machine.connect();
    await client.until((v) => v.state === 'connected' && v.facts !== null);
  });
  afterAll(async () => {
    client?.machine.disconnect();
    await cleanup?.();
  });

  it('echoes every listed hostile piece that is a valid service name, alone and inside a name', async () => {
    const names = HOSTILE_PIECES.flatMap((p) => [p, `OpenVPN${p}Service`, `${p}${p}${p}`]).filter((n) => passes(n) && unknownToHost(n));
    // The batch really is hostile: quotes, subexpressions, separators, comment and line-break characters.
    for (const must of ["'", '\u201C', '$(Stop-Computer -Force)', '`', ';', '|', '&', '\u0085', '\u2028', '#>', '<#', '--%']) {
      expect(names).toContain(must);
    }
    expect(names.length).toBeGreaterThan(BATCH);
    for (let i = 0; i < names.length; i += BATCH) await roundTrip(names.slice(i, i + BATCH));
  });

  it('echoes a name of the full 256 characters', async () => {
    const name = `'$(Stop-Computer)"\u2018\u201D;|&#><#--%`.repeat(20).slice(0, 256);
    expect(passes(name)).toBe(true);
    await roundTrip([name]);
  });

  it('echoes generated hostile names, in batches of up to 64', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileString, { minLength: 1, maxLength: 3 * BATCH }), async (candidates) => {
        const names = candidates.filter((n) => passes(n) && unknownToHost(n)).slice(0, BATCH);
        fc.pre(names.length > 0);
        await roundTrip(names);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('would notice a value spliced into the script: the machine refuses any other script text', async () => {
    const spliced = { ...servicesStatus, script: servicesStatus.script.replace('@($p.names)', "@('O''Brien')") };
    expect(spliced.script).not.toBe(servicesStatus.script);
    const error = await client.machine.run(spliced, { names: ["O'Brien"] }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OperationFailure);
    expect((error as OperationFailure).info).toMatchObject({ kind: 'script-error', message: expect.stringContaining('does not model the script') });
  });

  it('still finds a real service by its name after all that', async () => {
    const result = await client.machine.run(servicesStatus, { names: ['hlksvc', "sshd'"] });
    expect(result.services).toEqual([
      { name: 'HLKSvc', exists: true, status: 'Running', startType: 'Automatic', displayName: 'HLK Communication Service' },
      { name: "sshd'", exists: false, status: null, startType: null, displayName: null },
    ]);
  });
});
