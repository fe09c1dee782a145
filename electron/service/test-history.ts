import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { withFileLock } from '../file-lock';
import type { TestHistorySummary } from '../../shared/hlk/test-history-summary';
import { JsonFileWriter, readJson } from './json-file';

/**
 * Every test result HLK showed for a lab, kept across passes in the data folder's history/<lab>.json, per
 * driver version and kit: how long each test took before (for the ETA), how often it failed lately, and
 * whether it is flaky (passed and failed with the same driver and kit). Results are keyed by test and
 * completion time, so reading the same results again adds nothing. The file is written atomically under a
 * lock shared with every hlk-assist process on the data folder.
 */

export interface HistoryRun {
  test: string;
  project: string;
  status: 'passed' | 'failed';
  startedAt: string | null;
  completedAt: string;
}

interface HistoryFile {
  version: 1;
  /** By `${driverVersion} | HLK ${kit}`. */
  passes: Record<string, { driverVersion: string; kit: string; runs: HistoryRun[] }>;
}

const RECENT = 5;
/** Runs kept per test, driver and kit. */
const KEEP = 50;

const keyOf = (driverVersion: string, kit: string) => `${driverVersion} | HLK ${kit}`;

export class TestHistory {
  private file: HistoryFile = { version: 1, passes: {} };
  private readonly writer: JsonFileWriter;

  private constructor(private readonly path: string) {
    this.writer = new JsonFileWriter(path);
  }

  static async load(path: string): Promise<TestHistory> {
    const history = new TestHistory(path);
    history.file = parse(await readJson(path));
    return history;
  }

  /** Adds the finished results not kept yet; resolves once they are on disk. */
  async add(driverVersion: string, kit: string, runs: readonly HistoryRun[]): Promise<number> {
    let added = 0;
    await mkdir(dirname(this.path), { recursive: true });
    await withFileLock(`${this.path}.lock`, async () => {
      // Another process may have added results meanwhile: merge into what is on disk.
      this.file = parse(await readJson(this.path));
      const key = keyOf(driverVersion, kit);
      const pass = (this.file.passes[key] ??= { driverVersion, kit, runs: [] });
      const seen = new Set(pass.runs.map((r) => `${r.test}\u0000${r.completedAt}`));
      for (const run of runs) {
        if (seen.has(`${run.test}\u0000${run.completedAt}`)) continue;
        pass.runs.push(run);
        added++;
      }
      if (added === 0) return;
      pass.runs.sort((a, b) => Date.parse(a.completedAt) - Date.parse(b.completedAt));
      const byTest = new Map<string, HistoryRun[]>();
      for (const r of pass.runs) byTest.set(r.test, [...(byTest.get(r.test) ?? []), r]);
      pass.runs = [...byTest.values()].flatMap((rs) => rs.slice(-KEEP)).sort((a, b) => Date.parse(a.completedAt) - Date.parse(b.completedAt));
      await this.writer.write(this.file);
    });
    return added;
  }

  /** A test's runs with this driver and kit, oldest first. */
  runs(driverVersion: string, kit: string, test: string): HistoryRun[] {
    return (this.file.passes[keyOf(driverVersion, kit)]?.runs ?? []).filter((r) => r.test === test);
  }

  summary(driverVersion: string, kit: string, test: string): TestHistorySummary | null {
    const runs = this.runs(driverVersion, kit, test);
    if (runs.length === 0) return null;
    const last = runs.slice(-RECENT);
    const recent = last.map((r) => r.status);
    const failed = recent.filter((s) => s === 'failed').length;
    const flaky = failed > 0 && failed < recent.length;
    const durationsMs = runs
      .slice(-RECENT)
      .flatMap((r) => (r.startedAt ? [Date.parse(r.completedAt) - Date.parse(r.startedAt)] : []))
      .filter((ms) => Number.isFinite(ms) && ms >= 0);
    const of = recent.length === 1 ? 'its only run' : `the last ${recent.length} runs`;
    const verdict = failed === 0 ? `passed ${of}` : failed === recent.length ? `failed ${of}` : `failed ${failed} of ${of}`;
    return { driverVersion, kit, recent, failed, flaky, durationsMs, text: `${verdict} (driver ${driverVersion}, HLK ${kit})${flaky ? ': flaky' : ''}` };
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }
}

function parse(value: unknown): HistoryFile {
  const file = value as Partial<HistoryFile> | null;
  if (!file || file.version !== 1 || typeof file.passes !== 'object' || file.passes === null) return { version: 1, passes: {} };
  return file as HistoryFile;
}
