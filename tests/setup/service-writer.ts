// A separate process that opens a practice lab through the lab service and keeps it busy (operations on
// every machine, tapdiag changes), printing "ack <seq>" for every journal entry the service pushed, which it
// pushes only once the journal has it on disk. The test kills it with SIGKILL mid-stream.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntryView } from '../../shared/journal';
import { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { LabService } from '../../electron/service/lab-service';
import { fastTimings } from '../support/practice';

async function main(): Promise<void> {
  const [dir, labName] = [process.argv[2]!, process.argv[3]!];
  const lab = await PracticeLab.start({ dir: join(dir, 'writer-lab'), scenario: 'ready', rebootDownMs: 300 });
  const labPath = join(dir, 'lab.json');
  await writeFile(labPath, JSON.stringify(lab.labFile(labName)));
  const service = new LabService({ dataDir: join(dir, 'data'), host: 'web', timings: fastTimings });
  service.subscribe((m) => {
    if (m.name === 'journal') process.stdout.write(`ack ${(m.payload as JournalEntryView).seq}\n`);
  });
  const opened = await service.handle('lab.open', { path: labPath });
  if (!opened.ok) throw new Error(opened.error.message);
  for (let n = 0; ; n++) {
    // A short pause between rounds: writing goes on all the time without taking the disk from the other suites.
    await new Promise((r) => setTimeout(r, 10));
    await Promise.all([
      ...['client1', 'client2', 'support'].map((machine) => service.handle('operations.run', { machine, operation: 'services.status', params: { names: ['OpenVPNService', `probe-${n}`] } })),
      service.handle('tapdiag.setQ', { machine: 'client1', mode: n % 2 === 0 ? 'on' : 'off' }),
    ]);
  }
}

void main();
