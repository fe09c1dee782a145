import type { LiteralAutomaton } from './literal-automaton';

/** A line holding at least one needle. */
export interface MarkedLine {
  /** Without its line break. */
  text: string;
  /** 1-based. */
  number: number;
  /** Indexes of the needles found on it, each once. */
  needles: number[];
}

/** What one piece of the log yielded. */
export interface MarkedLineBatch {
  lines: MarkedLine[];
  /** How many lines the log has up to the end of this piece: the log's line count after the last batch. */
  linesRead: number;
}

/**
 * Runs the automaton over a log's pieces and yields, piece by piece, every line that holds a needle, once, in
 * file order, with its number. Other lines are never cut out of the text, and line breaks are counted with
 * indexOf, which runs at memory speed: that is what keeps a scan of a large log fast.
 */
export async function* scanMarkedLines(
  chunks: AsyncIterable<string>,
  automaton: LiteralAutomaton,
): AsyncGenerator<MarkedLineBatch, void, undefined> {
  let lineNumber = 1;
  const ends: number[] = [];
  const needles: number[] = [];
  const collect = (needle: number, end: number) => {
    needles.push(needle);
    ends.push(end);
  };
  for await (const text of chunks) {
    if (text.length === 0) continue;
    ends.length = 0;
    needles.length = 0;
    automaton.scan(text, collect);
    const lines: MarkedLine[] = [];
    let counted = 0;
    let k = 0;
    while (k < ends.length) {
      // No needle holds a line break, so the whole needle lies on the line around its last character.
      const start = text.lastIndexOf('\n', ends[k]) + 1;
      const breakAt = text.indexOf('\n', ends[k]);
      const stop = breakAt === -1 ? text.length : breakAt;
      lineNumber += countLineBreaks(text, counted, start);
      counted = start;
      const onThisLine: number[] = [];
      for (; k < ends.length && ends[k] < stop; k++) {
        if (!onThisLine.includes(needles[k])) onThisLine.push(needles[k]);
      }
      const end = stop > start && text.charCodeAt(stop - 1) === CARRIAGE_RETURN ? stop - 1 : stop;
      lines.push({ text: text.slice(start, end), number: lineNumber, needles: onThisLine });
    }
    lineNumber += countLineBreaks(text, counted, text.length);
    // A piece that does not end in a line break ends the log (or cuts an over-long line): its last line counts.
    const linesRead = text.charCodeAt(text.length - 1) === LINE_FEED ? lineNumber - 1 : lineNumber;
    yield { lines, linesRead };
  }
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
