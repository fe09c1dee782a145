/**
 * The practice lab's choices: its scenarios (everything ready, nothing prepared on the clients yet, the
 * OpenVPN wiki's failures spread over the machines, or a pass running with one test hanging and one
 * failing) and its engines ('model': the TypeScript behaviours; 'powershell': the real scripts in a real
 * PowerShell on the Windows stand-in). A module of its own so the window can list them without loading
 * the api's schemas.
 */
export const practiceScenarios = ['ready', 'fresh', 'broken', 'running'] as const;
export type PracticeScenario = (typeof practiceScenarios)[number];

export const practiceEngines = ['model', 'powershell'] as const;
export type PracticeEngine = (typeof practiceEngines)[number];
