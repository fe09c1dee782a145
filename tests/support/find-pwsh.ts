import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * PowerShell 7's `pwsh`: on PATH, or where `dotnet tool install --global PowerShell` puts it. Apart from
 * tests/support/pwsh.ts so that benchmarks can find it without the test runner.
 */
export function findPwsh(): string | null {
  const name = process.platform === 'win32' ? 'pwsh.exe' : 'pwsh';
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), join(homedir(), '.dotnet', 'tools')];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (executable(candidate)) return candidate;
  }
  return null;
}
