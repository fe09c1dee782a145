/** A line cut into the parts that match the search and those that do not, for <mark>. */
export function matchParts(text: string, pattern: RegExp | null): Array<{ text: string; match: boolean }> {
  if (!pattern) return [{ text, match: false }];
  const parts: Array<{ text: string; match: boolean }> = [];
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let at = 0;
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    if (m[0].length === 0) {
      // An empty match (such as ^) marks nothing; step on so the search ends.
      global.lastIndex++;
      continue;
    }
    if (m.index > at) parts.push({ text: text.slice(at, m.index), match: false });
    parts.push({ text: m[0], match: true });
    at = m.index + m[0].length;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/** The search as the window marks it; null when it cannot be a regular expression (hlk-assist says why). */
export function searchPattern(query: string, regex: boolean, caseSensitive: boolean): RegExp | null {
  if (!query) return null;
  try {
    return new RegExp(regex ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), caseSensitive ? 'g' : 'gi');
  } catch {
    return null;
  }
}
