/**
 * An operation script with shared PowerShell functions put in right after its `param($p)` line. The
 * result is what runs, what the practice lab compares byte for byte and what "Show script" shows: the
 * functions are part of the script's text, never loaded from anywhere on the machine.
 */
export function withFunctions(script: string, functions: string): string {
  const firstLine = /^\s*param\(\$p\)[^\n]*\n/.exec(script);
  if (!firstLine) throw new Error('an operation script must start with param($p) on its own line');
  return `${firstLine[0]}${functions.endsWith('\n') ? functions : `${functions}\n`}${script.slice(firstLine[0].length)}`;
}
