import { explainErrorCodes } from '../../../shared/knowledge/error-codes';
import type { Finding, FindingLine } from '../../../shared/knowledge/findings';
import { knownFailures } from '../../../shared/knowledge/index';
import type { KnownFailure } from '../../../shared/knowledge/known-failure';
import type { LogKind } from '../../../shared/knowledge/log-kinds';
import { KnowledgeMatcher } from './knowledge-matcher';
import { LiteralAutomaton } from './literal-automaton';
import { scanMarkedLines } from './line-scanner';
import type { LogEncoding } from './log-encoding';
import { detectLogKind } from './log-kind';
import { openLogText } from './log-text';
import { DgReadinessModuleReader } from './readers/dg-readiness';
import type { LogStructureReader } from './readers/log-structure';
import { SetupapiSectionReader } from './readers/setupapi';

export interface LogFileAnalysis {
  file: string;
  kind: LogKind;
  encoding: LogEncoding;
  bytes: number;
  lines: number;
  /** In the order of their first line. */
  findings: Finding[];
}

/**
 * Lines kept per finding: enough that the viewer marks, and its known-failures filter shows, every line of a
 * real failure (a 1c_FaultHandling TaskLog repeats one a dozen times); a failure repeated ten thousand times
 * is told by its first thousand and a count, so a report stays bounded.
 */
export const MAX_FINDING_LINES = 1000;
/** Longer lines are shortened in findings (a line of garbage after a crash can run for megabytes). */
export const MAX_LINE_TEXT = 500;

/**
 * Reads one log against the knowledge base, streaming: memory does not grow with the log. Throws NotTextError
 * for a file that is not text, and the file system's error for one that cannot be read.
 */
export async function analyzeLogFile(file: string): Promise<LogFileAnalysis> {
  const log = await openLogText(file);
  const kind = detectLogKind(file, log.head);
  const matcher = new KnowledgeMatcher(knownFailures, kind);
  const structure = structureReaderFor(kind);
  const firstMarker = matcher.needles.length;
  const automaton = new LiteralAutomaton([...matcher.needles, ...(structure?.markers ?? [])]);

  const findings = new Map<string, Finding>();
  let lines = 0;
  for await (const batch of scanMarkedLines(log.chunks(), automaton)) {
    for (const line of batch.lines) {
      // Structure first: a section's exit status line belongs to that section.
      if (structure && line.needles.some((needle) => needle >= firstMarker)) {
        structure.noteLine(line.text, line.number);
      }
      const failures = matcher.failuresOn(
        line.text,
        line.needles.filter((needle) => needle < firstMarker),
      );
      for (const failure of failures) {
        const finding = findings.get(failure.id);
        if (finding) finding.lineCount++;
        if (finding && finding.lines.length >= MAX_FINDING_LINES) continue;
        const found: FindingLine = {
          line: line.number,
          text: shorten(line.text),
          context: structure?.where(line.number) ?? null,
          codes: explainErrorCodes(line.text),
        };
        if (finding) finding.lines.push(found);
        else findings.set(failure.id, newFinding(failure, file, kind, found));
      }
    }
    lines = batch.linesRead;
  }
  return { file, kind, encoding: log.encoding, bytes: log.bytes, lines, findings: [...findings.values()] };
}

function structureReaderFor(kind: LogKind): LogStructureReader | null {
  switch (kind) {
    case 'setupapi':
      return new SetupapiSectionReader();
    case 'dgReadiness':
      return new DgReadinessModuleReader();
    default:
      return null;
  }
}

function newFinding(failure: KnownFailure, file: string, kind: LogKind, first: FindingLine): Finding {
  return {
    failureId: failure.id,
    title: failure.title,
    meaning: failure.meaning,
    remedy: failure.remedy,
    fix: failure.fix ?? null,
    file,
    logKind: kind,
    line: first.line,
    lineCount: 1,
    lines: [first],
  };
}

function shorten(text: string): string {
  return text.length <= MAX_LINE_TEXT ? text : `${text.slice(0, MAX_LINE_TEXT)}…`;
}
