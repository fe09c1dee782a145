/** One CLI command: `run` gets the arguments after the command name and returns the exit code. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}
