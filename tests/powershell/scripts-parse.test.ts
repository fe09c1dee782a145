import { describe, expect, it } from 'vitest';
import { operations } from '../../shared/operations';
import { BOOTSTRAP_COMMAND, BOOTSTRAP_SCRIPT, LOOP_SCRIPT, LOOP_SCRIPT_LINE } from '../../electron/transport/framing';
import { describeProblems, powershellSyntaxProblems } from '../support/powershell-parser';
import { sentPowerShell } from '../support/powershell-texts';

/** cmd.exe cuts a command line at this many characters; Windows OpenSSH runs exec commands through it. */
const CMD_EXE_LIMIT = 8191;

describe('every PowerShell text hlk-assist sends parses with tree-sitter-powershell', () => {
  it('covers every operation, both request-loop texts and the bootstrap', () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(sentPowerShell.filter((s) => s.kind === 'operation')).toHaveLength(operations.length);
    expect(sentPowerShell.map((s) => s.kind)).toEqual(expect.arrayContaining(['request-loop', 'bootstrap']));
  });

  it.each(sentPowerShell.map((s) => [s.name, s.source] as const))('%s parses without error', async (_name, source) => {
    expect(source.trim().length).toBeGreaterThan(0);
    const problems = await powershellSyntaxProblems(source);
    expect(describeProblems(problems)).toBe('');
  });
});

describe('the parse check can fail', () => {
  it('reports a spliced quote with its line', async () => {
    // What splicing the value O'Brien into a single-quoted string would produce.
    const broken = ['param($p)', "$ok = 'fine'", "$name = 'O'Brien'", 'Get-Service -Name $name'].join('\n');
    const problems = await powershellSyntaxProblems(broken);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.line).toBe(3);
    expect(describeProblems(problems)).toMatch(/^line 3, column \d+: /);
  });

  it('reports an unclosed block', async () => {
    const broken = ['param($p)', 'foreach ($name in @($p.names)) {', '    Get-Service -Name $name', ''].join('\n');
    const problems = await powershellSyntaxProblems(broken);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'missing', text: '}' }));
  });

  it.each(operations.map((op) => [op.name, op.script] as const))(
    'reports the line of a value spliced into the %s script',
    async (_name, script) => {
      const lines = script.split('\n');
      lines.splice(2, 0, "$name = 'O'Brien'");
      const problems = await powershellSyntaxProblems(lines.join('\n'));
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]!.line).toBe(3);
    },
  );
});

describe('the bootstrap command', () => {
  it('decodes back to BOOTSTRAP_SCRIPT', () => {
    expect(BOOTSTRAP_COMMAND.startsWith('powershell.exe ')).toBe(true);
    const m = / -EncodedCommand ([A-Za-z0-9+/]+={0,2})$/.exec(BOOTSTRAP_COMMAND);
    expect(m).not.toBeNull();
    expect(Buffer.from(m![1]!, 'base64').toString('utf16le')).toBe(BOOTSTRAP_SCRIPT);
  });

  it('is well under the cmd.exe command-line limit', () => {
    expect(BOOTSTRAP_COMMAND.length).toBeLessThan(CMD_EXE_LIMIT / 4);
  });

  it('holds nothing cmd.exe would interpret', () => {
    // cmd.exe gives meaning to & | < > ^ ( ) % ! and "; base64 and the switches use none of them.
    expect(BOOTSTRAP_COMMAND).toMatch(/^[A-Za-z0-9 .+/=-]+$/);
  });

  it('starts PowerShell without a profile, without prompts and without progress records', () => {
    expect(BOOTSTRAP_COMMAND).toMatch(/ -NoProfile /);
    expect(BOOTSTRAP_COMMAND).toMatch(/ -NonInteractive /);
    expect(BOOTSTRAP_SCRIPT).toMatch(/\$ProgressPreference\s*=\s*'SilentlyContinue'/);
  });

  it('is followed by the loop script as one base64 line that decodes to LOOP_SCRIPT', () => {
    expect(LOOP_SCRIPT_LINE).toMatch(/^[A-Za-z0-9+/]+={0,2}\n$/);
    expect(Buffer.from(LOOP_SCRIPT_LINE.trimEnd(), 'base64').toString('utf8')).toBe(LOOP_SCRIPT);
  });
});
