import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationFailure } from '../../shared/errors';
import { operations } from '../../shared/operations';
import type { OperationDefinition } from '../../shared/operations/define';
import { MemoryHostKeyStore } from '../../electron/lab/host-keys';
import { defaultTimings } from '../../electron/machines/machine';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { BOOTSTRAP_COMMAND, BOOTSTRAP_SCRIPT, encodeAnswer, LOOP_SCRIPT, LOOP_SCRIPT_LINE } from '../../electron/transport/framing';
import { RequestLoop, type LoopChannel } from '../../electron/transport/request-loop';
import { HOSTILE_PIECES, hostileString } from '../support/hostile-strings';
import { startPracticeLab, watch, type Watched } from '../support/practice';
import { filler, stringSlots, type StringSlot } from '../support/string-params';

/**
 * Parameters reach PowerShell only as data: whatever a string parameter holds, the request line is
 * base64, the script in it is the operation's own, and the value comes out exactly as it went in.
 * Values the schema refuses never leave the Machine.
 */

// Computed here, not taken from framing.ts, so a change of the bootstrap by any value would show.
const EXPECTED_BOOTSTRAP_COMMAND =
  'powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ' +
  Buffer.from(BOOTSTRAP_SCRIPT, 'utf16le').toString('base64');
const EXPECTED_LOOP_LINE = `${Buffer.from(LOOP_SCRIPT, 'utf8').toString('base64')}\n`;

const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
const decodeLine = (line: string): Record<string, unknown> => JSON.parse(Buffer.from(line, 'base64').toString('utf8')) as Record<string, unknown>;

/** The machine's side of a request loop, in memory: records every line and answers with the params it was sent. */
class EchoChannel implements LoopChannel {
  readonly writes: string[] = [];
  private readonly stdout: Array<(text: string) => void> = [];
  private readonly closeListeners: Array<() => void> = [];

  write(text: string): void {
    this.writes.push(text);
    const reply =
      text === LOOP_SCRIPT_LINE
        ? encodeAnswer({ id: 'ready', ok: true, result: { protocol: 1 } })
        : (() => {
            const request = decodeLine(text);
            return encodeAnswer({ id: String(request.id), ok: true, result: request.params });
          })();
    queueMicrotask(() => this.stdout.forEach((l) => l(reply)));
  }
  onStdout(listener: (text: string) => void): void {
    this.stdout.push(listener);
  }
  onStderr(): void {}
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
  close(): void {
    this.closeListeners.forEach((l) => l());
  }
}

const slotsByOp = operations.map((op) => ({ op, slots: stringSlots(op.params) }));
const withSlots = slotsByOp.filter((x) => x.slots.length > 0);

/** Sends already validated params through a real RequestLoop twice and checks both request lines. */
async function checkEncoding(op: OperationDefinition, params: unknown): Promise<void> {
  const channel = new EchoChannel();
  const loop = await RequestLoop.start(channel, 'recorder', 1000);
  const first = await loop.run(op, params, 1000);
  const second = await loop.run(op, params, 1000);

  expect(channel.writes).toHaveLength(3);
  expect(channel.writes[0]).toBe(EXPECTED_LOOP_LINE);
  for (const [i, line] of channel.writes.slice(1).entries()) {
    expect(line).toMatch(/^[A-Za-z0-9+/]*={0,2}\n$/);
    expect((line.length - 1) % 4).toBe(0);
    const request = decodeLine(line);
    // The first request carries the script; the second only its hash, which the loop has cached.
    expect(Object.keys(request).sort()).toEqual(i === 0 ? ['id', 'op', 'params', 'script', 'sha', 'timeoutMs'] : ['id', 'op', 'params', 'sha', 'timeoutMs']);
    expect(request.timeoutMs).toBe(1000);
    if (i === 0) expect(request.script).toBe(op.script);
    expect(request.sha).toBe(sha256(op.script));
    expect(request.op).toBe(op.name);
    expect(request.params).toStrictEqual(params);
  }
  // And back: the answer frame carries the value exactly as well.
  expect(first).toStrictEqual(params);
  expect(second).toStrictEqual(params);
  expect(BOOTSTRAP_COMMAND).toBe(EXPECTED_BOOTSTRAP_COMMAND);
}

describe('finding the string parameters', () => {
  it('walks every operation schema, and the walk agrees with zod\'s own JSON Schema', () => {
    for (const { op, slots } of slotsByOp) {
      expect(op.params.safeParse(filler(op.params)).success, `${op.name}: its filler params must be valid`).toBe(true);
      const jsonSchema = JSON.stringify(z.toJSONSchema(op.params, { io: 'input', unrepresentable: 'any' }));
      // An enum is a choice among fixed words, not a string slot.
      const strings = jsonSchema.match(/"type":"string"(?!,"enum")/g)?.length ?? 0;
      expect(slots.length, op.name).toBe(strings);
      for (const slot of slots) {
        expect(op.params.safeParse(slot.build(slot.example ?? 'sshd')).success, `${op.name} ${slot.path} with a plain value`).toBe(true);
      }
    }
    expect(withSlots.length).toBeGreaterThan(0);
  });
});

describe('hostile strings in every string parameter', () => {
  let lab: PracticeLab;
  let cleanup: () => Promise<void>;
  let client: Watched;

  beforeAll(async () => {
    ({ lab, cleanup } = await startPracticeLab());
    const config = lab.labFile().machines.find((m) => m.name === 'client1')!;
    client = watch(config, new MemoryHostKeyStore(), defaultTimings);
    client.machine.connect();
    await client.until((v) => v.state === 'connected' && v.facts !== null);
  });
  afterAll(async () => {
    client?.machine.disconnect();
    await cleanup?.();
  });

  /** A value that passes the schema is sent as data; one that does not is refused by Machine.run, unsent. */
  async function check(op: OperationDefinition, slot: StringSlot, value: string): Promise<'sent' | 'refused'> {
    const params = slot.build(value);
    const parsed = op.params.safeParse(params);
    if (parsed.success) {
      await checkEncoding(op, parsed.data);
      return 'sent';
    }
    // If the value reached the machine, this fault would be used up and the answer would be garbage.
    const faults = lab.host('client1').faults;
    faults.garbageNextAnswer = true;
    let error: unknown = null;
    try {
      await client.machine.run(op, params);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OperationFailure);
    const info = (error as OperationFailure).info;
    expect(info.kind, info.message).toBe('invalid-params');
    expect(info.message.startsWith(`${op.name}: `)).toBe(true);
    expect(faults.garbageNextAnswer).toBe(true);
    faults.garbageNextAnswer = false;
    return 'refused';
  }

  it.each(withSlots.map(({ op, slots }) => [op.name, op, slots] as const))('%s: every listed hostile piece', async (_name, op, slots) => {
    for (const slot of slots) {
      for (const piece of HOSTILE_PIECES) await check(op, slot, piece);
      for (const piece of HOSTILE_PIECES) await check(op, slot, `OpenVPN${piece}Service`);
      if (slot.example !== undefined) for (const piece of HOSTILE_PIECES) await check(op, slot, `${slot.example}${piece}`);
    }
  });

  it.each(withSlots.map(({ op, slots }) => [op.name, op, slots] as const))(
    '%s: generated hostile strings',
    async (_name, op, slots) => {
      const seen = { sent: 0, refused: 0 };
      // For each slot, one listed hostile piece it accepts (alone or after its example), run first, so the
      // property is never vacuous by chance; only a slot whose string has a fixed form (an id) has none.
      const accepted = slots.flatMap((slot) => {
        const value = HOSTILE_PIECES.flatMap((p) => [p, `${slot.example ?? ''}${p}`]).find((v) => op.params.safeParse(slot.build(v)).success);
        return value === undefined ? [] : [[slot, value, false] as [StringSlot, string, boolean]];
      });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...slots), hostileString, fc.boolean(), async (slot, value, afterExample) => {
          seen[await check(op, slot, afterExample && slot.example !== undefined ? `${slot.example}${value}` : value)]++;
        }),
        { numRuns: 400, examples: accepted },
      );
      // Both paths were taken: the property did not pass by sending nothing, or refusing everything.
      if (accepted.length > 0) expect(seen.sent).toBeGreaterThan(0);
      expect(seen.refused).toBeGreaterThan(0);
    },
    60_000,
  );

  it('leaves the machine usable and the bootstrap unchanged', async () => {
    const op = withSlots[0]!.op;
    const result = await client.machine.run(op, filler(op.params));
    expect(op.result.safeParse(result).success).toBe(true);
    expect(BOOTSTRAP_COMMAND).toBe(EXPECTED_BOOTSTRAP_COMMAND);
  });
});
