import { stat } from 'node:fs/promises';
import type { Finding } from '../../shared/knowledge/findings';
import { analyzeLogFile, type LogFileAnalysis } from '../logs/analysis/analyze-log';
import { listFilesUnder } from '../logs/analysis/log-folder';
import { NotTextError } from '../logs/analysis/log-text';
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
    const report = await analyzeInputs(paths);
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

interface AnalyzeReport {
  files: Omit<LogFileAnalysis, 'findings'>[];
  findings: Finding[];
  skipped: { file: string; reason: string }[];
  errors: { file: string; message: string }[];
}

async function analyzeInputs(paths: string[]): Promise<AnalyzeReport> {
  const report: AnalyzeReport = { files: [], findings: [], skipped: [], errors: [] };
  for (const path of paths) {
    let files: string[];
    let inFolder: boolean;
    try {
      inFolder = (await stat(path)).isDirectory();
      files = inFolder ? await listFilesUnder(path) : [path];
    } catch (e) {
      report.errors.push({ file: path, message: fileSystemMessage(e) });
      continue;
    }
    for (const file of files) {
      try {
        const { findings, ...facts } = await analyzeLogFile(file);
        report.files.push(facts);
        report.findings.push(...findings);
      } catch (e) {
        if (e instanceof NotTextError && inFolder) report.skipped.push({ file, reason: `not a text log: ${e.reason}` });
        else if (e instanceof NotTextError) report.errors.push({ file, message: `not a text log: ${e.reason}` });
        else report.errors.push({ file, message: fileSystemMessage(e) });
      }
    }
  }
  return report;
}

function fileSystemMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return e instanceof Error ? e.message : String(e);
}

function describe(report: AnalyzeReport): string {
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
