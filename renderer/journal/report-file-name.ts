import type { ReportExport } from '../../shared/journal';

/** "pass-report-2025-11-19-0214.md": a file name report.export takes, unique to the minute. */
export function reportFileName(format: ReportExport['format'], now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `pass-report-${stamp}.${format === 'markdown' ? 'md' : 'html'}`;
}
