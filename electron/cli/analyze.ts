import type { LogAnalysis } from '../../shared/logs/viewer';
import { analyzePaths } from '../logs/analysis/analyze-paths';
import type { CliCommand } from './command';

const usage = 'usage: hlk-assist analyze FILE_OR_FOLDER... [--json]';

/**
 * `hlk-assist analyze`: reads logs (files, or folders walked recursively) against the knowledge base of
 * known HLK failures. Exit 0: nothing found; 1: something found; 2: an input could not be read as a log
 * (missing, unreadable, not text), or there was nothing to read. Files named on the command line must be
 * text logs; inside a folder, files that are not text (dumps, cabinets, traces) are skipped with a note,
 * because collected log folders always hold some.
 */
export const analyzeCommand: CliCommand = {
  name: 'analyze',
  usage: 'analyze FILE_OR_FOLDER... [--json]',
  summary: 'Read logs against the known HLK failures',
  async run(args) {
    const options = args.filter((arg) => arg.startsWith('-'));
    const paths = args.filter((arg) => !arg.startsWith('-'));
    if (options.includes('--help') || options.includes('-h')) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    const unknown = options.filter((option) => option !== '--json');
    if (unknown.length > 0 || paths.length === 0) {
      const problem = unknown.length > 0 ? `unknown option ${unknown[0]}` : 'name at least one log file or folder';
      process.stderr.write(`hlk-assist analyze: ${problem}\n${usage}\n`);
      return 2;
    }
    const report = await analyzePaths(paths);
    if (options.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(describe(report));
    for (const skipped of report.skipped) process.stderr.write(`note: skipped ${skipped.file}: ${skipped.reason}\n`);
    for (const error of report.errors) process.stderr.write(`hlk-assist analyze: ${error.file}: ${error.message}\n`);
    if (report.errors.length > 0) return 2;
    if (report.files.length === 0) {
      process.stderr.write(`hlk-assist analyze: no text log found in ${paths.join(', ')}\n`);
      return 2;
    }
    return report.findings.length > 0 ? 1 : 0;
  },
};

function describe(report: LogAnalysis): string {
  const out: string[] = [];
  for (const finding of report.findings) {
    out.push(`${finding.failureId}: ${finding.title}`);
    const more = finding.lineCount - 1;
    out.push(`  ${finding.file}:${finding.line}${more > 0 ? ` (and ${plural(more, 'more line')})` : ''}`);
    const first = finding.lines[0];
    out.push(`    ${first.text.trim()}`);
    if (first.context) out.push(`    in ${first.context}`);
    for (const code of first.codes) out.push(`    ${code.code} ${code.name}: ${code.meaning}`);
    out.push(`  remedy: ${finding.remedy}`);
    if (finding.fix) {
      out.push(`  fix: ${finding.fix.title} (${finding.fix.operation} ${JSON.stringify(finding.fix.params)})`);
    }
    out.push('');
  }
  const withFindings = new Set(report.findings.map((finding) => finding.file)).size;
  const logs = plural(report.files.length, 'log');
  out.push(
    report.findings.length === 0
      ? `No known failure found in ${logs}.`
      : `${plural(report.findings.length, 'known failure')} found in ${withFindings} of ${logs}.`,
  );
  return `${out.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
