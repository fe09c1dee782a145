import { z } from 'zod';
import { defineOperation } from './define';
import { withFunctions } from './compose';
import { hlkObjectName } from '../readiness/settings';
import functions from './scripts/hlk-functions.ps1?raw';
import submissionScript from './scripts/hlk-submission-tests.ps1?raw';

/** What the pre-submission check reads of the project: every test, whether the loaded playlist has it, and whether filters cover it. */
export const hlkSubmissionTests = defineOperation({
  name: 'hlk.submissionTests',
  area: 'hlk',
  title: 'Read the project for the submission',
  description:
    'Every test of the project (not only the playlist\'s) with its status, whether the loaded playlist selects it, and whether HLK\'s filters were applied to its result, as the pre-submission check needs them. Changes nothing.',
  params: z.object({ project: hlkObjectName }).strict(),
  result: z.object({
    project: z.string(),
    playlistLoaded: z.boolean(),
    tests: z.array(z.object({ name: z.string(), status: z.string(), inPlaylist: z.boolean(), filtersApplied: z.boolean() })),
  }),
  script: withFunctions(submissionScript, functions),
  timeoutMs: 180_000,
  changesMachine: false,
});
