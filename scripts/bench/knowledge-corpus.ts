/**
 * How well the knowledge base reads logs it was not written from: every fixture of the corpus of public failure
 * reports (tests/fixtures/logs/corpus/corpus.json) through the analyzer, by family. A fixture is recognised when
 * every finding it expects is there; a false finding is one it does not expect (on a log that must stay clean,
 * any finding). Two more columns: findings that name the driver the fixture says the log blames, and findings
 * that give tap-windows6 advice (tap0901, tapinstall, tapdiag) on a log that is not about tap-windows6.
 * Exit 1 on a miss, a false finding or misplaced tap-windows6 advice. HLK_CORPUS names another manifest.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { analyzeLogFile } from '../../electron/logs/analysis/analyze-log';

interface CorpusEntry {
  file: string;
  family: string;
  expect: string[];
  driver?: string;
  tapAdvice?: boolean;
}

const tapWords = /tap0901|tapinstall|tapdiag|OemVista|buildtap/i;

interface FamilyScore {
  failing: number;
  recognised: number;
  clean: number;
  keptClean: number;
  falseFindings: string[];
  missed: string[];
  withDriver: number;
  driverNamed: number;
  tapAdviceOutOfPlace: string[];
}

async function main(): Promise<void> {
  const manifest = resolve(process.env.HLK_CORPUS ?? 'tests/fixtures/logs/corpus/corpus.json');
  const corpus = JSON.parse(await readFile(manifest, 'utf8')) as CorpusEntry[];
  const families = new Map<string, FamilyScore>();
  for (const entry of corpus) {
    const score = families.get(entry.family) ?? {
      failing: 0,
      recognised: 0,
      clean: 0,
      keptClean: 0,
      falseFindings: [],
      missed: [],
      withDriver: 0,
      driverNamed: 0,
      tapAdviceOutOfPlace: [],
    };
    families.set(entry.family, score);
    const { findings } = await analyzeLogFile(join(dirname(manifest), entry.file));
    const found = findings.map((finding) => finding.failureId);
    // Older builds have no driver on a finding; read it as not named.
    const named = (finding: object) => (finding as { driver?: string | null }).driver === entry.driver;
    for (const finding of findings.filter((f) => entry.expect.includes(f.failureId))) {
      if (entry.driver === undefined) continue;
      score.withDriver++;
      if (named(finding)) score.driverNamed++;
    }
    if (entry.tapAdvice === false) {
      for (const finding of findings.filter((f) => tapWords.test(f.remedy))) {
        score.tapAdviceOutOfPlace.push(`${entry.file}: ${finding.failureId}`);
      }
    }
    const missed = entry.expect.filter((id) => !found.includes(id));
    const extra = found.filter((id) => !entry.expect.includes(id));
    if (entry.expect.length > 0) {
      score.failing++;
      if (missed.length === 0) score.recognised++;
    } else {
      score.clean++;
      if (found.length === 0) score.keptClean++;
    }
    score.missed.push(...missed.map((id) => `${entry.file}: ${id}`));
    score.falseFindings.push(...extra.map((id) => `${entry.file}: ${id}`));
  }

  const rows = [...families].map(([family, s]) => [
    family,
    `${s.recognised} of ${s.failing}`,
    `${s.keptClean} of ${s.clean}`,
    String(s.falseFindings.length),
    `${s.driverNamed} of ${s.withDriver}`,
    String(s.tapAdviceOutOfPlace.length),
  ]);
  const total = [...families.values()].reduce(
    (sum, s) => ({
      recognised: sum.recognised + s.recognised,
      failing: sum.failing + s.failing,
      keptClean: sum.keptClean + s.keptClean,
      clean: sum.clean + s.clean,
      falseFindings: sum.falseFindings + s.falseFindings.length,
      driverNamed: sum.driverNamed + s.driverNamed,
      withDriver: sum.withDriver + s.withDriver,
      tapAdviceOutOfPlace: sum.tapAdviceOutOfPlace + s.tapAdviceOutOfPlace.length,
    }),
    { recognised: 0, failing: 0, keptClean: 0, clean: 0, falseFindings: 0, driverNamed: 0, withDriver: 0, tapAdviceOutOfPlace: 0 },
  );
  rows.push([
    'all',
    `${total.recognised} of ${total.failing}`,
    `${total.keptClean} of ${total.clean}`,
    String(total.falseFindings),
    `${total.driverNamed} of ${total.withDriver}`,
    String(total.tapAdviceOutOfPlace),
  ]);
  const header = ['family', 'failure logs recognised', 'clean logs kept clean', 'false findings', 'findings naming its driver', 'misplaced tap advice'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  console.log(`${corpus.length} fixtures from ${relative(process.cwd(), manifest)}`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const s of families.values()) {
    for (const miss of s.missed) console.log(`missed: ${miss}`);
    for (const wrong of s.falseFindings) console.log(`false finding: ${wrong}`);
    for (const advice of s.tapAdviceOutOfPlace) console.log(`tap-windows6 advice on a log about another driver: ${advice}`);
  }
  const ok = total.falseFindings === 0 && total.recognised === total.failing && total.tapAdviceOutOfPlace === 0;
  console.log(`${ok ? 'PASS' : 'FAIL'}: goal every failure log recognised, no false finding, no misplaced tap-windows6 advice`);
  if (!ok) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
