import { explainErrorCodes, type ErrorCodeMeaning } from '../../../../shared/knowledge/error-codes';
import { LiteralAutomaton } from '../literal-automaton';
import { scanMarkedLines } from '../line-scanner';
import { openLogText } from '../log-text';
import type { LogStructureReader } from './log-structure';

/**
 * setupapi.dev.log is a series of sections, one per device installation or driver package operation:
 *
 *   >>>  [Device Install (Hardware initiated) - ROOT\NET\0001]
 *   >>>  Section start 2024/03/14 09:12:41.231
 *        ... one line per step; "!" starts an error or warning, "!!!" a severe error ...
 *   <<<  Section end 2024/03/14 09:12:43.870
 *   <<<  [Exit status: FAILURE(0xe0000203)]
 *
 * Sections follow one another; the reader closes a section when its exit status comes or, for a log that was
 * cut off, when the next one starts.
 */
export interface SetupapiSection {
  /** The text in brackets on the section's first line. */
  title: string;
  /** The device instance or hardware ID the section is about, when its title names one (not an INF path). */
  deviceId: string | null;
  startLine: number;
  startedAt: string | null;
  /** The "Section end" line; null when the log ends, or the next section starts, first. */
  endLine: number | null;
  endedAt: string | null;
  /** SUCCESS, FAILURE, ...; null without an exit status line. */
  exitStatus: string | null;
  /** Lower-case 0x code in the exit status, when it has one. */
  exitCode: string | null;
  /** The "!" lines, the first MAX_ERROR_LINES of them. */
  errorLines: SetupapiErrorLine[];
  errorLineCount: number;
  /** Error codes on the "!" lines and in the exit status that the knowledge base explains, each once. */
  errorCodes: ErrorCodeMeaning[];
}

export interface SetupapiErrorLine {
  line: number;
  text: string;
  /** "!!!" rather than "!". */
  severe: boolean;
}

/** A failing install can repeat the same error thousands of times; the first ones say what happened. */
export const MAX_ERROR_LINES = 50;

export class SetupapiSectionReader implements LogStructureReader {
  readonly markers = ['>>>  [', '>>>  section start', '<<<  section end', '<<<  [exit status', '!    ', '!!!  '];
  private open: SetupapiSection | null = null;
  /** The section just closed by its exit status line, which still belongs to it. */
  private closed: { section: SetupapiSection; line: number } | null = null;

  /** Without `onSection` the reader only tells where a line sits, as the analyzer needs. */
  constructor(private readonly onSection?: (section: SetupapiSection) => void) {}

  noteLine(text: string, lineNumber: number): void {
    if (text.startsWith('>>>  [')) {
      this.finishOpenSection();
      const end = text.lastIndexOf(']');
      this.open = newSection(text.slice(6, end > 6 ? end : text.length), lineNumber);
    } else if (text.startsWith('>>>  Section start')) {
      if (!this.open || this.open.startedAt !== null) {
        this.finishOpenSection();
        this.open = newSection('', lineNumber);
      }
      this.open.startedAt = text.slice('>>>  Section start'.length).trim();
    } else if (text.startsWith('<<<  Section end') && this.open) {
      this.open.endLine = lineNumber;
      this.open.endedAt = text.slice('<<<  Section end'.length).trim();
    } else if (text.startsWith('<<<  [Exit status') && this.open) {
      const exit = /Exit status:\s*([A-Za-z_]+)(?:\((0x[0-9a-fA-F]+)\))?/.exec(text);
      if (exit) {
        this.open.exitStatus = exit[1].toUpperCase();
        this.open.exitCode = exit[2]?.toLowerCase() ?? null;
        if (exit[2]) addCodes(this.open, exit[2]);
      }
      const section = this.open;
      this.open = null;
      this.closed = { section, line: lineNumber };
      this.onSection?.(section);
    } else if (text.startsWith('!') && this.open) {
      this.open.errorLineCount++;
      if (this.open.errorLines.length < MAX_ERROR_LINES) {
        this.open.errorLines.push({ line: lineNumber, text: text.trimEnd(), severe: text.startsWith('!!!') });
      }
      addCodes(this.open, text);
    }
  }

  where(lineNumber: number): string | null {
    const section = this.open ?? (this.closed?.line === lineNumber ? this.closed.section : null);
    if (!section) return null;
    const title = section.title ? `[${section.title}]` : `section at line ${section.startLine}`;
    return section.startedAt ? `${title} started ${section.startedAt}` : title;
  }

  /** Hands over a section the log left open (cut off, or still being written). */
  finish(): void {
    this.finishOpenSection();
  }

  private finishOpenSection(): void {
    if (!this.open) return;
    const section = this.open;
    this.open = null;
    this.onSection?.(section);
  }
}

function newSection(title: string, startLine: number): SetupapiSection {
  return {
    title,
    deviceId: deviceIdOf(title),
    startLine,
    startedAt: null,
    endLine: null,
    endedAt: null,
    exitStatus: null,
    exitCode: null,
    errorLines: [],
    errorLineCount: 0,
    errorCodes: [],
  };
}

/** "Device Install (Hardware initiated) - ROOT\NET\0001" names a device; "... - C:\drv\OemVista.inf" an INF. */
function deviceIdOf(title: string): string | null {
  const dash = title.lastIndexOf(' - ');
  if (dash === -1) return null;
  const subject = title.slice(dash + 3).trim();
  if (!/^[\w&#.{}\\-]+$/.test(subject) || /\.inf$/i.test(subject)) return null;
  return subject;
}

function addCodes(section: SetupapiSection, text: string): void {
  for (const meaning of explainErrorCodes(text)) {
    if (!section.errorCodes.includes(meaning)) section.errorCodes.push(meaning);
  }
}

/** Every section of a setupapi log, in order, read in constant memory. */
export async function* readSetupapiSections(file: string): AsyncGenerator<SetupapiSection, void, undefined> {
  const log = await openLogText(file);
  const finished: SetupapiSection[] = [];
  const reader = new SetupapiSectionReader((section) => finished.push(section));
  const automaton = new LiteralAutomaton(reader.markers);
  for await (const batch of scanMarkedLines(log.chunks(), automaton)) {
    for (const line of batch.lines) reader.noteLine(line.text, line.number);
    yield* finished.splice(0);
  }
  reader.finish();
  yield* finished.splice(0);
}
