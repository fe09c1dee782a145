import { z } from 'zod';

/** A run's id is its folder name: the UTC time it started, `2024-05-01T10-22-33Z`, with `-2`… if taken. */
export const RUN_ID = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(?:-\d{1,3})?$/;

export const runId = z
  .string()
  .regex(RUN_ID, 'a collection run id such as 2024-05-01T10-22-33Z')
  .meta({ examples: ['2024-05-01T10-22-33Z'] });

/**
 * A path on a machine as an operator writes it: `C:\...`, `%SystemRoot%\...`, or `/...` on an SFTP server
 * that is not Windows. `*` and `?` are wildcards and `\**\` any depth of folders (see plan.ts).
 */
export const machinePath = z
  .string()
  .min(2)
  .max(1024)
  .regex(/^[^\u0000-\u001f"<>|]+$/, 'a path without control characters or " < > |')
  .regex(/^(?:[A-Za-z]:[\\/]|%[A-Za-z0-9_()]+%|\/)/, 'a full path: starting with a drive (C:\\), an %EnvironmentVariable% or /')
  .meta({ examples: ['C:\\Windows\\INF\\setupapi.dev.log'] });
