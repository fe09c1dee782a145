import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralAutomaton } from '../../electron/logs/analysis/literal-automaton';

function occurrences(automaton: LiteralAutomaton, text: string): [number, number][] {
  const found: [number, number][] = [];
  automaton.scan(text, (needle, end) => found.push([needle, end]));
  return found;
}

/** What the automaton must report: every start of every needle, in any letter case, by the end position. */
function naiveOccurrences(needles: string[], text: string): [number, number][] {
  const lower = text.toLowerCase();
  const found: [number, number][] = [];
  needles.forEach((needle, index) => {
    const n = needle.toLowerCase();
    for (let at = lower.indexOf(n); at !== -1; at = lower.indexOf(n, at + 1)) found.push([index, at + n.length - 1]);
  });
  return found.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

describe('LiteralAutomaton', () => {
  it('finds overlapping needles, needles inside needles, in any letter case', () => {
    const automaton = new LiteralAutomaton(['Exit status: FAILURE', 'FAILURE(', 'ure', '0xE0000228']);
    const text = '<<<  [exit status: failure(0xe0000228)]';
    expect(occurrences(automaton, text)).toEqual([
      [0, 25],
      [2, 25],
      [1, 26],
      [3, 36],
    ]);
  });

  it('lets characters outside ASCII break a needle instead of matching it', () => {
    const automaton = new LiteralAutomaton(['module:']);
    expect(occurrences(automaton, 'Modül: x.sys — module: y.sys')).toEqual([[0, 21]]);
  });

  it('refuses needles it cannot search for', () => {
    expect(() => new LiteralAutomaton(['two\nlines'])).toThrow(/one line/);
    expect(() => new LiteralAutomaton(['Gerät'])).toThrow(/ASCII/);
    expect(() => new LiteralAutomaton([''])).toThrow();
  });

  it('reports exactly what a search for each needle in turn finds', () => {
    // A small alphabet makes overlaps and shared prefixes common.
    const letters = fc.constantFrom('a', 'B', 'b', 'x', ' ', '!', '0', 'é', '\n');
    const needle = fc.string({ unit: fc.constantFrom('a', 'b', 'B', 'x', ' ', '!', '0'), minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(needle, { minLength: 1, maxLength: 8 }), fc.string({ unit: letters, maxLength: 200 }), (needles, text) => {
        const automaton = new LiteralAutomaton(needles);
        const found = occurrences(automaton, text).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
        expect(found).toEqual(naiveOccurrences(needles, text));
      }),
      { numRuns: 500 },
    );
  });
});
