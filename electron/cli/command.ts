/** One CLI command: `run` gets the arguments after the command name and returns the exit code. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

/** Milliseconds from a `--flag SECONDS` value, or the message that says what the flag takes. */
export function secondsOption(text: string | undefined, flag: string, maxSeconds: number): number | string {
  const s = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(s) || s <= 0 || s > maxSeconds) return `${flag} takes a number of seconds (up to ${maxSeconds})`;
  return s * 1000;
}
