/**
 * The practice lab's scenarios: everything ready, nothing prepared on the clients yet, or the OpenVPN
 * wiki's failures spread over the machines, or a pass running (one test hanging, one failing). A module of its own so the window can list them without
 * loading the api's schemas.
 */
export const practiceScenarios = ['ready', 'fresh', 'broken', 'running'] as const;
export type PracticeScenario = (typeof practiceScenarios)[number];
