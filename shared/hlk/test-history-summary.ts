/** What this lab's earlier passes say of a test, with one driver version and kit (see electron/service/test-history.ts). */
export interface TestHistorySummary {
  driverVersion: string;
  kit: string;
  /** The last runs' verdicts, oldest first (at most five). */
  recent: Array<'passed' | 'failed'>;
  failed: number;
  /** Passed and failed among the last five runs with this driver and kit. */
  flaky: boolean;
  /** How long the last runs took (ms, oldest first). */
  durationsMs: number[];
  /** In words: "failed 3 of the last 5 runs (driver 9.24.6.601, HLK 1809)". */
  text: string;
}
