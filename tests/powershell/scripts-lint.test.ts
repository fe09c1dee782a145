import { describe, expect, it } from 'vitest';
import { lintPowerShell, type LintRule } from '../support/powershell-lint';
import { sentPowerShell } from '../support/powershell-texts';

describe('every PowerShell text we send avoids the Windows PowerShell 5.1 pitfalls', () => {
  it.each(sentPowerShell.map((s) => [s.name, s] as const))('%s', async (_name, sent) => {
    // A text that starts a PowerShell session must silence progress itself; the local link's one-line
    // commands run in a session whose loaded loop functions already did.
    const startsSession = sent.kind === 'request-loop' || sent.kind === 'bootstrap';
    const findings = await lintPowerShell(sent.source, { operation: sent.kind === 'operation', session: startsSession });
    expect(findings.map((f) => `line ${f.line}: ${f.message}`)).toEqual([]);
  });

  it('finds the ConvertTo-Json calls it checks (the request loop has one)', async () => {
    const loop = sentPowerShell.find((s) => s.name.includes('LOOP_SCRIPT'))!;
    const withoutDepth = loop.source.replace(/ -Depth \d+/g, '');
    expect(withoutDepth).not.toBe(loop.source);
    const findings = await lintPowerShell(withoutDepth, { session: true });
    expect(findings.map((f) => f.rule)).toContain('convertto-json-depth');
  });
});

/** The lint must be able to fail: each rule on a small script that breaks it, at the line it breaks it. */
const broken: Array<{ rule: LintRule; script: string; line: number; operation?: boolean; session?: boolean }> = [
  { rule: 'convertto-json-depth', script: 'param($p)\n$x = @{ a = 1 }\nConvertTo-Json -InputObject $x -Compress', line: 3 },
  { rule: 'convertto-json-depth', script: 'param($p)\n$x = @{ a = 1 }\n$x |\n  convertto-json -Compress', line: 4 },
  { rule: 'convertto-json-depth', script: 'param($p)\n& ConvertTo-Json @(1, 2)', line: 2 },
  { rule: 'starts-with-param-p', script: '$x = 1\nparam($p)', line: 1, operation: true },
  { rule: 'starts-with-param-p', script: 'param($params)\n$x = 1', line: 1, operation: true },
  { rule: 'starts-with-param-p', script: 'param($p, $q)\n$x = 1', line: 1, operation: true },
  { rule: 'pipeline-chain', script: 'param($p)\nGet-Service sshd && Restart-Service sshd', line: 2 },
  { rule: 'pipeline-chain', script: 'param($p)\n\nGet-Service sshd || throw "no sshd"', line: 3 },
  { rule: 'question-operators', script: 'param($p)\n$name = $p.name ?? "sshd"', line: 2 },
  { rule: 'question-operators', script: 'param($p)\n$p.name ??= "sshd"', line: 2 },
  { rule: 'question-operators', script: 'param($p)\n$length = $p?.name', line: 2 },
  { rule: 'question-operators', script: 'param($p)\n$first = ${p}?[0]', line: 2 },
  { rule: 'question-operators', script: 'param($p)\n$state = ($p.count -gt 1) ? "many" : "one"', line: 2 },
  { rule: 'unicode-escape', script: 'param($p)\n$separator = "`u{2028}"', line: 2 },
  { rule: 'unicode-escape', script: 'param($p)\n$text = @"\nline `u{1F600}\n"@', line: 2 },
  { rule: 'newer-cmdlet', script: 'param($p)\n$h = $json | ConvertFrom-Json -AsHashtable', line: 2 },
  { rule: 'newer-cmdlet', script: 'param($p)\n1..3 | ForEach-Object -Parallel { $_ }', line: 2 },
  { rule: 'newer-cmdlet', script: 'param($p)\n$names = $p.names | Join-String -Separator ","', line: 2 },
  { rule: 'progress-preference', script: '$l = [Console]::In.ReadLine()', line: 1, session: true },
  { rule: 'progress-preference', script: "$ProgressPreference = 'Continue'", line: 1, session: true },
];

describe('the 5.1 lint can fail', () => {
  it.each(broken.map((b) => [b.rule, b.script, b] as const))('%s flags %j', async (_rule, script, b) => {
    const findings = await lintPowerShell(script, { operation: b.operation ?? false, session: b.session ?? false });
    expect(findings).toContainEqual(expect.objectContaining({ rule: b.rule, line: b.line }));
  });

  it.each([
    ['a mention in a comment', "param($p)\n# never ConvertTo-Json without -Depth, never a && b, never $a ?? $b"],
    ['a mention in a string', "param($p)\n$why = 'ConvertTo-Json && `u{1F600} ?? ?.'"],
    ['the automatic variable $?', 'param($p)\nif (-not $?) { throw "failed" }'],
    ['the ? alias of Where-Object', 'param($p)\n@(1, 2) | ? { $_ -gt 1 }'],
    ['a wildcard in a bare argument', 'param($p)\nGet-Item HKLM:\\SOFTWARE\\a?b'],
    ['ConvertTo-Json with -Depth:n', 'param($p)\nConvertTo-Json -InputObject @{} -depth:4'],
    ['a comment before param($p)', '# what this does\nparam($p)\n$x = 1'],
  ])('does not flag %s', async (_what, script) => {
    expect(await lintPowerShell(script, { operation: true })).toEqual([]);
  });
});
