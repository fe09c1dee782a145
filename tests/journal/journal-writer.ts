// A separate process that appends to a journal as fast as it can and says "ack <seq>" for every entry
// the journal acknowledged; the test kills it with SIGKILL mid-stream.
import { Journal } from '../../electron/journal/journal';

async function main(): Promise<void> {
  const journal = await Journal.open(process.argv[2]!);
  let n = 0;
  for (;;) {
    const batch: Array<Promise<void>> = [];
    for (let i = 0; i < 16; i++) {
      batch.push(
        journal
          .append({ machine: 'client1', kind: 'check', text: `entry ${n++}`, data: { padding: 'x'.repeat(300 + (n % 700)) } })
          .then((e) => {
            process.stdout.write(`ack ${e.seq}\n`);
          }),
      );
    }
    await Promise.all(batch);
  }
}

void main();
