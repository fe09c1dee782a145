/** Needles are ASCII; every other character leads back to the start state. */
const ALPHABET = 128;

/**
 * Finds many plain-text needles in one pass over a text: an Aho-Corasick automaton compiled into a table over
 * ASCII, with letter case folded. This is the analyzer's hot loop. One table lookup per character keeps a
 * whole knowledge base as cheap as a single search; searching for each needle in turn (indexOf) or through one
 * regular expression of alternatives both measured several times slower.
 */
export class LiteralAutomaton {
  readonly literals: readonly string[];
  /** (state << 7 | character) → next state. */
  private readonly next: Int32Array;
  /** state → start of its list in `outputs`, or -1 when no needle ends in that state. */
  private readonly firstOutput: Int32Array;
  /** Lists of needle indexes, each closed by -1. */
  private readonly outputs: Int32Array;

  constructor(literals: readonly string[]) {
    for (const literal of literals) {
      if (!/^[\x20-\x7e]+$/.test(literal)) {
        throw new Error(`needle ${JSON.stringify(literal)}: only printable ASCII on one line can be searched for`);
      }
    }
    this.literals = literals;

    const rows: Int32Array[] = [new Int32Array(ALPHABET).fill(-1)];
    const own: number[][] = [[]];
    literals.forEach((literal, index) => {
      let state = 0;
      for (const ch of literal.toLowerCase()) {
        const c = ch.charCodeAt(0);
        if (rows[state][c] === -1) {
          rows[state][c] = rows.length;
          rows.push(new Int32Array(ALPHABET).fill(-1));
          own.push([]);
        }
        state = rows[state][c];
      }
      own[state].push(index);
    });

    // Breadth first, so the failure state of every state is complete before the state itself is.
    const fail = new Int32Array(rows.length);
    const found: number[][] = own.map((list) => [...list]);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      if (rows[0][c] === -1) rows[0][c] = 0;
      else queue.push(rows[0][c]);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      found[state].push(...found[fail[state]]);
      for (let c = 0; c < ALPHABET; c++) {
        const child = rows[state][c];
        if (child === -1) {
          rows[state][c] = rows[fail[state]][c];
        } else {
          fail[child] = rows[fail[state]][c];
          queue.push(child);
        }
      }
    }

    this.next = new Int32Array(rows.length * ALPHABET);
    this.firstOutput = new Int32Array(rows.length).fill(-1);
    const outputs: number[] = [];
    rows.forEach((row, state) => {
      for (let c = 0; c < ALPHABET; c++) {
        const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
        this.next[(state << 7) | c] = row[lower];
      }
      if (found[state].length > 0) {
        this.firstOutput[state] = outputs.length;
        outputs.push(...found[state], -1);
      }
    });
    this.outputs = Int32Array.from(outputs);
  }

  /**
   * Reports every occurrence of every needle, in the order they end: `found(needle index, index of its last
   * character)`. Characters outside ASCII match nothing, and no needle spans them.
   */
  scan(text: string, found: (literal: number, end: number) => void): void {
    const next = this.next;
    const firstOutput = this.firstOutput;
    const outputs = this.outputs;
    let state = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      state = c < ALPHABET ? next[(state << 7) | c] : 0;
      const first = firstOutput[state];
      if (first >= 0) {
        for (let k = first; outputs[k] >= 0; k++) found(outputs[k], i);
      }
    }
  }
}
