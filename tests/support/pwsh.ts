import { describe, it } from 'vitest';
import { findPwsh } from './find-pwsh';

/**
 * Real PowerShell 7 (`pwsh`) for the tests that run our scripts for real. Found on PATH, or where
 * `dotnet tool install --global PowerShell` puts it. With HLKA_REQUIRE_PWSH=1 (CI) a missing pwsh fails
 * those tests; without it they are skipped, and the test runner's closing lines say how many and why.
 */

/** Every suite that needs pwsh carries this tag in its name, so the runner can count what was skipped. */
export const PWSH_TAG = '[pwsh]';

/** The absolute path of pwsh, or null when this computer has none. */
export const PWSH: string | null = findPwsh();

export const pwshRequired = process.env.HLKA_REQUIRE_PWSH === '1';

/** The path of pwsh for a suite that runs only when it exists. */
export function requirePwsh(): string {
  if (!PWSH) throw new Error('PowerShell 7 (pwsh) is not installed: see the README, "Test it"');
  return PWSH;
}

/**
 * A describe block that needs real PowerShell: run when pwsh exists; when it does not, one failing test
 * under HLKA_REQUIRE_PWSH=1, else skipped.
 */
export function describePwsh(name: string, body: () => void): void {
  const title = `${PWSH_TAG} ${name}`;
  if (PWSH) describe(title, body);
  else if (pwshRequired)
    describe(title, () => {
      it('has PowerShell 7 to run on', () => {
        throw new Error('HLKA_REQUIRE_PWSH=1, but pwsh is neither on PATH nor in ~/.dotnet/tools (dotnet tool install --global PowerShell --version 7.6.9)');
      });
    });
  else describe.skip(title, body);
}
