import { explainErrorCodes } from '../../../shared/knowledge/error-codes';
import type { Finding, FindingLine } from '../../../shared/knowledge/findings';
import type { KnownFailure, KnownFailureFix } from '../../../shared/knowledge/known-failure';
import { knownFailures } from '../../../shared/knowledge/index';
import type { LogKind } from '../../../shared/knowledge/log-kinds';
import { isTapWindows6 } from '../../../shared/knowledge/log-facts';
import { KnowledgeMatcher, type LineMatch } from './knowledge-matcher';
import { LogFactsReader, type FactsSoFar, type LogFacts } from './log-facts-reader';
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
  const facts = new LogFactsReader();
  // Needle indexes: the matcher's, then the facts reader's, then the structure reader's.
  const firstFact = matcher.needles.length;
  const firstMarker = firstFact + facts.needles.length;
  const automaton = new LiteralAutomaton([...matcher.needles, ...facts.needles, ...(structure?.markers ?? [])]);

  const findings = new Map<string, FindingInProgress>();
  /** Lines of failures that a following line may still turn into a warning. */
  const pending: { match: LineMatch; found: FindingLine; soFar: FactsSoFar }[] = [];
  const record = (match: LineMatch, found: FindingLine, soFar: () => FactsSoFar) => {
    const finding = findings.get(match.failure.id);
    if (!finding) {
      findings.set(match.failure.id, { ...match, lines: [found], lineCount: 1, soFar: soFar(), fixValues: match.fixValue ? [match.fixValue] : [] });
      return;
    }
    if (match.fixValue && !finding.fixValues.includes(match.fixValue)) finding.fixValues.push(match.fixValue);
    finding.lineCount++;
    if (finding.lines.length < MAX_FINDING_LINES) finding.lines.push(found);
    finding.driver ??= match.driver;
    finding.detail ??= match.detail;
  };
  const settlePendingBefore = (lineNumber: number) => {
    let kept = 0;
    for (const entry of pending) {
      const window = entry.match.failure.warningWhenFollowedBy?.withinLines ?? 0;
      if (entry.found.line + window < lineNumber) record(entry.match, entry.found, () => entry.soFar);
      else pending[kept++] = entry;
    }
    pending.length = kept;
  };

  let lines = 0;
  for await (const batch of scanMarkedLines(log.chunks(), automaton)) {
    for (const line of batch.lines) {
      // Structure first: a section's exit status line belongs to that section.
      if (structure && line.needles.some((needle) => needle >= firstMarker)) {
        structure.noteLine(line.text, line.number);
      }
      const factNeedles = line.needles.filter((needle) => needle >= firstFact && needle < firstMarker);
      if (factNeedles.length > 0) facts.noteLine(line.text, factNeedles.map((needle) => needle - firstFact));
      const failureNeedles = line.needles.filter((needle) => needle < firstFact);
      if (failureNeedles.length === 0) continue;
      if (pending.length > 0) settlePendingBefore(line.number);
      const verdict = matcher.judge(line.text, failureNeedles);
      if (verdict.clears.length > 0) {
        for (let i = pending.length - 1; i >= 0; i--) {
          if (verdict.clears.includes(pending[i].match.failure)) pending.splice(i, 1);
        }
      }
      for (const match of verdict.shown) {
        const found = detached<FindingLine>({
          line: line.number,
          text: shorten(line.text),
          context: structure?.where(line.number) ?? null,
          codes: explainErrorCodes(line.text),
        });
        if (match.failure.warningWhenFollowedBy) pending.push({ match, found, soFar: facts.soFar() });
        else record(match, found, () => facts.soFar());
      }
    }
    lines = batch.linesRead;
  }
  settlePendingBefore(Number.POSITIVE_INFINITY);

  const ids = [...findings.keys()];
  const reported = [...findings.values()]
    .filter(({ failure }) => {
      const way = failure.givesWayTo;
      return !(way?.where === 'log' && way.failures.some((id) => ids.includes(id)));
    })
    .map((finding) => describeFinding(finding, facts.resolve(finding.soFar), file, kind))
    .sort((a, b) => a.line - b.line);
  return { file, kind, encoding: log.encoding, bytes: log.bytes, lines, findings: reported };
}

interface FindingInProgress extends LineMatch {
  lines: FindingLine[];
  lineCount: number;
  soFar: FactsSoFar;
  /** Every fixValue its lines read, each once. */
  fixValues: string[];
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

/** The finding as the operator reads it: the entry's words, fitted to the driver and platform the log names. */
function describeFinding(finding: FindingInProgress, facts: LogFacts, file: string, kind: LogKind): Finding {
  const { failure } = finding;
  const driver = finding.driver ?? facts.driver;
  const detail = finding.detail && (failure.detailNames?.[finding.detail.toLowerCase()] ?? readableDetail(finding.detail));
  const aboutTapWindows6 = driver !== null && isTapWindows6(driver);
  const remedy = aboutTapWindows6 && failure.tapWindows6Remedy ? `${failure.remedy} ${failure.tapWindows6Remedy}` : failure.remedy;
  const said = [
    driver && `the driver it names is ${driver}`,
    detail && `it reports ${detail}`,
    facts.architecture && `architecture ${facts.architecture}`,
    facts.windows && `Windows ${facts.windows}`,
  ].filter((part): part is string => Boolean(part));
  return {
    failureId: failure.id,
    title: failure.title,
    meaning: said.length > 0 ? `${failure.meaning} In this log: ${said.join('; ')}.` : failure.meaning,
    remedy: remedy
      .replaceAll('{driver}', driver ?? 'the driver')
      .replaceAll('{architecture}', facts.architecture ?? "this machine's architecture"),
    fix: fixFor(failure, finding.fixValues),
    file,
    logKind: kind,
    line: finding.lines[0].line,
    lineCount: finding.lineCount,
    lines: finding.lines,
    driver,
    detail,
    architecture: facts.architecture,
    windows: facts.windows,
  };
}

/** The failure's fix as this finding can offer it: with the values its lines read, or none when it needs them and they read none. */
function fixFor(failure: KnownFailure, values: readonly string[]): KnownFailureFix | null {
  const fix = failure.fix;
  if (!fix) return null;
  if (!fix.paramFromLines) return fix;
  if (values.length === 0) return null;
  return {
    operation: fix.operation,
    params: { ...fix.params, [fix.paramFromLines]: [...values] },
    title: fix.title.replaceAll('{values}', values.join(', ')),
  };
}

/** A number the log gives without a name: a bug check parameter, in hex. */
function readableDetail(detail: string): string {
  return /^[0-9a-f]+$/i.test(detail) ? `first parameter 0x${detail.toLowerCase()}` : detail;
}

/**
 * A copy that shares no string with the block it was read from: a line, a section title or an error code
 * is a slice of its block, and V8 keeps the whole block alive for as long as a slice lives, so a finding
 * keeping a thousand lines would hold a thousand blocks (about 450 MB on the 1 GB bench log).
 */
function detached<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function shorten(text: string): string {
  return text.length <= MAX_LINE_TEXT ? text : `${text.slice(0, MAX_LINE_TEXT)}…`;
}
