import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describePwsh } from '../support/pwsh';
import { sentPowerShell } from '../support/powershell-texts';
import { guardWindowsPowerShell51, type GuardFinding, type GuardRule, type GuardText } from '../support/windows-powershell-51-guard';

/**
 * Every PowerShell text hlk-assist sends (and every .ps1 in the project) parsed by PowerShell's own parser
 * with no error, and walked for what Windows PowerShell 5.1, which the lab machines run, lacks.
 */

function projectScripts(dir: string): GuardText[] {
  const found: GuardText[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.') && entry.name !== 'dist') found.push(...projectScripts(path));
    else if (entry.isFile() && entry.name.endsWith('.ps1') && !path.includes('windows-powershell-51-guard')) {
      found.push({ name: path, source: readFileSync(path, 'utf8'), kind: 'other' });
    }
  }
  return found;
}

/** The guard must be able to fail: each rule on a small script that breaks it, at the line it breaks it. */
const broken: Array<{ rule: GuardRule; script: string; line: number; kind?: GuardText['kind'] }> = [
  { rule: 'convertto-json-depth', script: 'param($p)\n$x = @{ a = 1 }\nConvertTo-Json -InputObject $x -Compress', line: 3 },
  { rule: 'convertto-json-depth', script: 'param($p)\n$x = @{ a = 1 }\n$x |\n  convertto-json -Compress', line: 4 },
  { rule: 'convertto-json-depth', script: 'param($p)\n& ConvertTo-Json @(1, 2)', line: 2 },
  { rule: 'convertto-json-depth', script: 'param($p)\nConvertTo-Json @(1, 2) -De 3', line: 2 },
  { rule: 'starts-with-param-p', script: '$x = 1\nparam($p)', line: 1, kind: 'operation' },
  { rule: 'starts-with-param-p', script: 'param($params)\n$x = 1', line: 1, kind: 'operation' },
  { rule: 'starts-with-param-p', script: 'param($p, $q)\n$x = 1', line: 1, kind: 'operation' },
  { rule: 'pipeline-chain', script: 'param($p)\nGet-Service sshd && Restart-Service sshd', line: 2 },
  { rule: 'pipeline-chain', script: 'param($p)\n\nGet-Service sshd || throw "no sshd"', line: 3 },
  { rule: 'question-operators', script: 'param($p)\n$name = $p.name ?? "sshd"', line: 2 },
  { rule: 'question-operators', script: 'param($p)\n$p.name ??= "sshd"', line: 2 },
  { rule: 'question-operators', script: 'param($p)\n$length = ${p}?.name', line: 2 },
  { rule: 'question-operators', script: 'param($p)\n$first = ${p}?[0]', line: 2 },
  { rule: 'question-operators', script: 'param($p)\n$state = ($p.count -gt 1) ? "many" : "one"', line: 2 },
  { rule: 'clean-block', script: 'param($p)\nprocess { $_ }\nclean { Remove-Item $env:TEMP\\x }', line: 3 },
  { rule: 'unicode-escape', script: 'param($p)\n$separator = "`u{2028}"', line: 2 },
  { rule: 'unicode-escape', script: 'param($p)\n$text = @"\nline `u{1F600}\n"@', line: 2 },
  { rule: 'newer-parameter', script: 'param($p)\n$h = $json | ConvertFrom-Json -AsHashtable', line: 2 },
  { rule: 'newer-parameter', script: 'param($p)\n1..3 | ForEach-Object -Parallel { $_ }', line: 2 },
  { rule: 'newer-parameter', script: 'param($p)\n1..3 | % -Parallel { $_ } -ThrottleLimit 2', line: 2 },
  { rule: 'newer-parameter', script: "param($p)\nSet-Content -Path x -Value 'y' -Encoding utf8NoBOM", line: 2 },
  { rule: 'newer-parameter', script: 'param($p)\nTest-Connection -TargetName peer -Count 1', line: 2 },
  { rule: 'newer-command', script: 'param($p)\n$names = $p.names | Join-String -Separator ","', line: 2 },
  { rule: 'newer-variable', script: 'param($p)\nif ($IsWindows) { "windows" }', line: 2 },
  { rule: 'progress-preference', script: '$l = [Console]::In.ReadLine()', line: 1, kind: 'request-loop' },
  { rule: 'progress-preference', script: "$ProgressPreference = 'Continue'", line: 1, kind: 'bootstrap' },
  { rule: 'parse-error', script: "param($p)\n$ok = 'fine'\n$name = 'O'Brien'\nGet-Service -Name $name", line: 3 },
];

const clean: Array<[string, string]> = [
  ['a mention in a comment', "param($p)\n# never ConvertTo-Json without -Depth, never a && b, never $a ?? $b"],
  ['a mention in a string', "param($p)\n$why = 'ConvertTo-Json && `u{1F600} ?? ?. $IsWindows'"],
  ['the automatic variable $?', 'param($p)\nif (-not $?) { throw "failed" }'],
  ['the ? alias of Where-Object', 'param($p)\n@(1, 2) | ? { $_ -gt 1 }'],
  ['a wildcard in a bare argument', 'param($p)\nGet-Item HKLM:\\SOFTWARE\\a?b'],
  ['ConvertTo-Json with -Depth:n', 'param($p)\nConvertTo-Json -InputObject @{} -depth:4'],
  ['ConvertTo-Json with -Dep', 'param($p)\nConvertTo-Json -InputObject @{} -Dep 4'],
  ['a comment before param($p)', '# what this does\nparam($p)\n$x = 1'],
  ['the foreach statement', 'param($p)\nforeach ($x in 1..3) { $x }'],
  ['-Encoding UTF8', "param($p)\nSet-Content -Path x -Value 'y' -Encoding UTF8"],
  ['Test-Connection -ComputerName', 'param($p)\nTest-Connection -ComputerName peer -Count 1 -Quiet'],
];

describePwsh('Windows PowerShell 5.1 guard (PowerShell\'s own parser)', () => {
  let sentFindings: GuardFinding[];
  let fileFindings: GuardFinding[];
  let brokenFindings: GuardFinding[];
  let cleanFindings: GuardFinding[];
  const files = projectScripts(process.cwd());

  beforeAll(async () => {
    // Four calls, one pwsh each: the guard reads many texts in one process.
    [sentFindings, fileFindings, brokenFindings, cleanFindings] = await Promise.all([
      guardWindowsPowerShell51(sentPowerShell.map((s) => ({ name: s.name, source: s.source, kind: s.kind }))),
      guardWindowsPowerShell51(files),
      guardWindowsPowerShell51(broken.map((b, i) => ({ name: `broken ${i}`, source: b.script, kind: b.kind ?? 'operation' }))),
      guardWindowsPowerShell51(clean.map(([name, source]) => ({ name, source, kind: 'operation' }))),
    ]);
  }, 180_000);

  it.each(sentPowerShell.map((s) => [s.name] as const))('%s: parses with no error and uses nothing 5.1 lacks', (name) => {
    expect(sentFindings.filter((f) => f.name === name).map((f) => `line ${f.line}: ${f.message}`)).toEqual([]);
  });

  it('every .ps1 in the project parses and uses nothing 5.1 lacks (operation scripts, the loop, test helpers)', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(fileFindings.map((f) => `${f.name} line ${f.line}: ${f.message}`)).toEqual([]);
  });

  it.each(broken.map((b, i) => [b.rule, b.script, i] as const))('flags %s in %j', (rule, _script, i) => {
    expect(brokenFindings.filter((f) => f.name === `broken ${i}`)).toContainEqual(expect.objectContaining({ rule, line: broken[i]!.line }));
  });

  it.each(clean.map(([name]) => [name] as const))('does not flag %s', (name) => {
    expect(cleanFindings.filter((f) => f.name === name)).toEqual([]);
  });
});
