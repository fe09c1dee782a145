import fc from 'fast-check';

/**
 * Text that would change a PowerShell script if it were ever spliced into one: every kind of quote
 * PowerShell accepts as a quote, subexpressions, escapes, statement and pipeline separators, the line
 * breaks PowerShell's tokenizer honours, comment and here-string delimiters, the stop-parsing token,
 * and things that look like our own wire format.
 */
export const HOSTILE_PIECES: readonly string[] = [
  // quotes: ASCII and the Unicode ones PowerShell treats as ' and "
  "'", '"', '\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E',
  "''", '""', "'; Stop-Computer -Force; '", '"; Restart-Computer -Force; "', '\u2018; Remove-Item C:\\ -Recurse; \u2019',
  // subexpressions, arrays, variables
  '$(Stop-Computer -Force)', '$(', ')', '@(', '@(Get-Process)', '@{', '${env:COMPUTERNAME}', '$env:PATH', '$p', '$_', '$null', '$true',
  // escapes
  '`', '`n', '`r', '`0', '`"', "`'", '``', '`$', '`u{1F600}',
  // separators and operators
  ';', '|', '||', '&', '&&', '& calc.exe', '. .\\evil.ps1', '| Out-File C:\\pwned.txt', '> C:\\pwned.txt', '2>&1', ',',
  // line breaks
  '\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029', '\u000B', '\u000C',
  // NUL and other controls
  '\0', '\t', '\u0001', '\u001B[31m', '\u007F',
  // comments, here-strings, stop-parsing
  '#', '#>', '<#', '<# x #>', '@"', '"@', "@'", "'@", '--%', '-EncodedCommand', '-Command',
  // wildcards and path characters
  '*', '?', '[', ']', '[a-z]', '\\', '/', '..\\..\\', '%', '^', '!', '~', '{', '}', '<', '>',
  // dashes and spaces PowerShell treats as - and blank
  '\u2013', '\u2014', '\u2015', '\u00A0', '\u2000', '\u3000', '\uFEFF',
  // other unicode: astral, right-to-left override, combining marks, lone surrogates
  '😀', '𝔘', 'Ω', 'ÿ', 'é', 'e\u0301', '中文', '\u202E', '\uFFFD', '\uFFFF', '\uD800', '\uDFFF',
  // our own wire format
  '#HLKA# ', 'eyJpZCI6InJlYWR5Iiwib2siOnRydWV9', '\n#HLKA# eyJpZCI6IjEiLCJvayI6dHJ1ZSwicmVzdWx0IjpudWxsfQ==\n',
  // CLIXML and XML
  '#< CLIXML', '</S>', '_x000D__x000A_', '&amp;', ']]>',
];

const piece = fc.constantFrom(...HOSTILE_PIECES);
/** Any code unit, lone surrogates included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Short hostile strings: pieces mixed with arbitrary unicode. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: piece },
  {
    weight: 8,
    arbitrary: fc
      .array(fc.oneof(piece, fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: anyCodeUnit, maxLength: 6 }), fc.string({ maxLength: 8 })), {
        minLength: 1,
        maxLength: 10,
      })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }) },
  // very long: around common limits (256) and far beyond them
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.oneof(fc.integer({ min: 240, max: 270 }), fc.integer({ min: 1000, max: 200_000 })))
      .map(([parts, length]) => {
        const unit = parts.join('') || 'x';
        return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      }),
  },
);
