import { z } from 'zod';
import { defineOperation } from './define';
import { withFunctions } from './compose';
import { hlkObjectName } from '../readiness/settings';
import functions from './scripts/hlk-functions.ps1?raw';
import submissionScript from './scripts/hlk-submission-tests.ps1?raw';

/** What the pre-submission check reads of the project: the tests it shows (the loaded playlist's), their status, and whether filters cover each. */
export const hlkSubmissionTests = defineOperation({
  name: 'hlk.submissionTests',
  area: 'hlk',
  title: 'Read the project for the submission',
  description:
    'The tests the project shows (the loaded playlist\'s, if one is) with their status and whether HLK\'s filters were applied to their result, and whether a playlist is loaded, as the pre-submission check needs them. Changes nothing.',
  params: z.object({ project: hlkObjectName }).strict(),
  result: z.object({
    project: z.string(),
    playlistLoaded: z.boolean(),
    tests: z.array(z.object({ name: z.string(), status: z.string(), filtersApplied: z.boolean() })),
  }),
  script: withFunctions(submissionScript, functions),
  timeoutMs: 180_000,
  changesMachine: false,
});
