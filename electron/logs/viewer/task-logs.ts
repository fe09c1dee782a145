import { join } from 'node:path';
import type { TaskLogPlace } from '../../../shared/logs/viewer';
import { openLogText } from '../analysis/log-text';
import { listRunIds, readManifest, runFolder } from '../collection/run-store';

/** A task's log as HLK leaves it on the machine that ran it: JobsWorkingDir\Tasks\WTTJobRun<id>\TaskLog.log. */
const TASK_LOG = /(^|\/)TaskLog\.log$/i;

/**
 * The words a task log names its test by: the test's name after HLK's "NDISTest 6.0 - [1 Machine] - "
 * prefix ("1c_FaultHandling"), which the log's first lines carry; the whole name for tests without one.
 */
function testWords(test: string): string {
  const parts = test.split(' - ');
  return parts[parts.length - 1]!.trim().toLowerCase();
}

/**
 * The newest collected task log of a test from one machine: the runs newest first, that machine's
 * complete TaskLog.log files, the first whose opening lines name the test. When there is none, says why,
 * in words that tell the operator what to do.
 */
export async function findTaskLog(runsDir: string, machine: string, test: string): Promise<TaskLogPlace> {
  const words = testWords(test);
  let taskLogsRead = 0;
  let runsWithMachine = 0;
  for (const run of await listRunIds(runsDir)) {
    const folder = runFolder(runsDir, run);
    const manifest = await readManifest(folder).catch(() => null);
    const entry = manifest?.machines.find((m) => m.name === machine);
    if (!entry) continue;
    runsWithMachine++;
    for (const file of entry.files) {
      if (file.status !== 'complete' || !TASK_LOG.test(file.localPath)) continue;
      const path = join(folder, machine, ...file.localPath.split('/'));
      const head = await openLogText(path).then(
        (text) => text.head,
        () => null,
      );
      if (head === null) continue;
      taskLogsRead++;
      if (head.slice(0, 4096).toLowerCase().includes(words)) return { found: true, path, run, remotePath: file.remotePath };
    }
  }
  const reason =
    runsWithMachine === 0
      ? `no collection run has ${machine}'s logs yet: collect them on the Logs page, then open the task log`
      : taskLogsRead === 0
        ? `the collected runs hold no task log (TaskLog.log) from ${machine}`
        : `none of the ${taskLogsRead} task logs collected from ${machine} is of ${test}: collect ${machine}'s logs again after the test ran`;
  return { found: false, reason };
}
