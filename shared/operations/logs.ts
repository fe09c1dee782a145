import { z } from 'zod';
import { snapshotIds } from '../collection/plan';
import { machinePath, runId } from '../collection/values';
import { defineOperation } from './define';
import { isoTime } from './system';
import prepareScript from './scripts/logs-prepare.ps1?raw';
import hashFilesScript from './scripts/logs-hash-files.ps1?raw';
import removeStagingScript from './scripts/logs-remove-staging.ps1?raw';

const source = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'a plan item id');
/** Event log channel names, with * and ? as wildcards; nothing that could be read as another argument. */
const channelPattern = z.string().min(1).max(256).regex(/^[A-Za-z0-9 ._/*?-]+$/, 'an event log channel name');

const listedFile = z.object({
  path: z.string(),
  size: z.number().int().min(0),
  modified: isoTime,
  source: z.string(),
  readable: z.boolean(),
  problem: z.string().nullable(),
});

const preparedItem = z.object({ source: z.string(), what: z.string(), files: z.number().int().min(0), problem: z.string().nullable() });

export const logsPrepare = defineOperation({
  name: 'logs.prepare',
  area: 'logs',
  title: 'Prepare a log collection',
  description:
    'Runs the command snapshots and exports the event logs into a fresh folder under TEMP, expands the file patterns, and lists every file to fetch with its size and whether it can be read now. Copies nothing.',
  params: z
    .object({
      run: runId,
      snapshots: z.array(z.enum(snapshotIds)).max(snapshotIds.length).default([]),
      eventLogs: z.array(channelPattern).max(64).default([]),
      paths: z.array(z.object({ source, pattern: machinePath }).strict()).max(256).default([]),
      maxFiles: z.number().int().min(1).max(100_000).default(20_000),
    })
    .strict(),
  result: z.object({ staging: z.string(), files: z.array(listedFile), items: z.array(preparedItem) }),
  script: prepareScript,
  timeoutMs: 600_000,
  changesMachine: false,
});

export const logsHashFiles = defineOperation({
  name: 'logs.hashFiles',
  area: 'logs',
  title: 'Hash collected files on the machine',
  description: 'SHA-256 of the first bytes of each file, as many as were copied, to confirm the copies match what is on the machine.',
  params: z
    .object({ files: z.array(z.object({ path: machinePath, length: z.number().int().min(0) }).strict()).min(1).max(500) })
    .strict(),
  result: z.object({
    files: z.array(z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(), problem: z.string().nullable() })),
  }),
  script: hashFilesScript,
  timeoutMs: 600_000,
  changesMachine: false,
});

export const logsRemoveStaging = defineOperation({
  name: 'logs.removeStaging',
  area: 'logs',
  title: 'Remove a collection\'s temporary folder',
  description: 'Deletes the folder under TEMP that logs.prepare made for this run, once its files are copied.',
  params: z.object({ run: runId }).strict(),
  result: z.object({ staging: z.string(), removed: z.boolean() }),
  script: removeStagingScript,
  timeoutMs: 60_000,
  changesMachine: false,
});
