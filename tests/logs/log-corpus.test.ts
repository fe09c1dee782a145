import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeLogFile } from '../../electron/logs/analysis/analyze-log';
import { knownFailures } from '../../shared/knowledge/index';
import { fixture } from './fixtures';

/**
 * Logs in the formats of public failure reports (setupapi, pnputil in three languages, HLK device fundamentals,
 * OpenVPN 2.4 to 2.6 and OpenVPN 3, !analyze -v and event log exports, Code Integrity events), written with other
 * names and numbers than the reports; corpus.json cites the report behind each. Every fixture must give exactly
 * the findings it lists: one more is a wrong finding, one fewer a miss.
 */
interface CorpusEntry {
  file: string;
  family: string;
  source: string;
  expect: string[];
  /** The driver every finding must name. */
  driver?: string;
  /** What the finding must report as its variant (a bug check's first parameter, a CM_PROB_ code). */
  detail?: string;
  /** Whether the remedy may speak of tap0901, tapinstall, OemVista.inf or tapdiag. */
  tapAdvice?: boolean;
  note?: string;
}

const corpus = JSON.parse(readFileSync(fixture('corpus/corpus.json'), 'utf8')) as CorpusEntry[];
const tapWords = /tap0901|tapinstall|tapdiag|OemVista|buildtap/i;

describe('the corpus of public failure reports', () => {
  it('cites a public source for every fixture and covers every family', () => {
    for (const entry of corpus) expect(entry.source, entry.file).toMatch(/^https:\/\/(?:github\.com|learn\.microsoft\.com|docs\.microsoft\.com)\//);
    expect(corpus.filter((entry) => entry.expect.length > 0).length).toBeGreaterThanOrEqual(60);
    const families = new Set(corpus.map((entry) => entry.family));
    expect([...families].sort()).toEqual(['bugchecks', 'code-integrity', 'device-fundamentals', 'openvpn', 'signing', 'warnings']);
    for (const family of families) {
      const clean = corpus.filter((entry) => entry.family === family && entry.expect.length === 0);
      expect(clean.length, `${family} has a log that must stay clean`).toBeGreaterThan(0);
    }
  });

  it('names only failures the knowledge base has', () => {
    const ids = new Set(knownFailures.map((failure) => failure.id));
    for (const entry of corpus) for (const id of entry.expect) expect(ids.has(id), `${entry.file}: ${id}`).toBe(true);
  });

  for (const entry of corpus) {
    it(`${entry.file}: ${entry.expect.length > 0 ? entry.expect.join(', ') : 'no finding'}`, async () => {
      const analysis = await analyzeLogFile(fixture(`corpus/${entry.file}`));
      expect(analysis.lines).toBeGreaterThan(0);
      expect(analysis.findings.map((finding) => finding.failureId).sort()).toEqual([...entry.expect].sort());
      for (const finding of analysis.findings) {
        if (entry.driver !== undefined) expect(finding.driver, finding.failureId).toBe(entry.driver);
        if (entry.driver !== undefined) expect(finding.meaning, finding.failureId).toContain(entry.driver);
        if (entry.tapAdvice === false) expect(finding.remedy, finding.failureId).not.toMatch(tapWords);
        expect(finding.remedy, finding.failureId).not.toMatch(/\{\w+\}/);
      }
      if (entry.detail !== undefined) expect(analysis.findings.map((finding) => finding.detail)).toContain(entry.detail);
      if (entry.tapAdvice === true) expect(analysis.findings.some((finding) => tapWords.test(finding.remedy))).toBe(true);
    });
  }
});
