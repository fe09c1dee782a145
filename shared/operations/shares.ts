import { z } from 'zod';
import { defineOperation } from './define';
import removeScript from './scripts/shares-remove-mappings.ps1?raw';

/** A mapped drive as Get-SmbMapping lists it under LocalPath, e.g. R: (matched exactly, never as a pattern). */
export const mappedDrive = z.string().min(1).max(260).regex(/^[^\0\r\n]+$/, 'a local path such as R:');

export const sharesRemoveMappings = defineOperation({
  name: 'shares.removeMappings',
  area: 'shares',
  title: 'Delete network drive mappings',
  description:
    'Removes the given network drive mappings and forgets them for the next logon, like `net use R: /delete`. A mapping in state Unavailable makes the "TDI filters and LSPs" test fail.',
  params: z.object({ localPaths: z.array(mappedDrive).min(1).max(26) }).strict(),
  result: z.object({ removed: z.array(z.string()) }),
  script: removeScript,
  timeoutMs: 30_000,
  changesMachine: true,
});
