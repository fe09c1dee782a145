import type { Node } from 'web-tree-sitter';
import { allNodes, parsePowerShell } from './powershell-parser';

/**
 * Static checks for the Windows PowerShell 5.1 pitfalls that STYLE.md names, read off the
 * tree-sitter syntax tree rather than the raw text, so a comment or a string that merely mentions
 * `ConvertTo-Json` or `&&` does not count.
 */

export type LintRule =
  | 'convertto-json-depth'
  | 'starts-with-param-p'
  | 'pipeline-chain'
  | 'question-operators'
  | 'unicode-escape'
  | 'newer-cmdlet'
  | 'progress-preference';

export interface LintFinding {
  rule: LintRule;
  line: number;
  message: string;
}

export interface LintOptions {
  /** An operation script: must start with `param($p)`. */
  operation?: boolean;
  /** Starts a session (bootstrap, request loop): must silence progress records. */
  session?: boolean;
}

/** Cmdlets and parameters of PowerShell 6 and 7 that Windows PowerShell 5.1 does not have. */
const NEWER_COMMANDS = new Set(['join-string', 'get-error', 'test-json', 'convertfrom-markdown', 'get-uptime', 'remove-alias', 'remove-service']);
const NEWER_PARAMETERS: Record<string, string[]> = {
  'convertfrom-json': ['-ashashtable', '-depth', '-noenumerate'],
  'convertto-json': ['-asarray', '-enumsasstrings', '-escapehandling'],
  'foreach-object': ['-parallel', '-throttlelimit'],
  'get-content': ['-asbytestream'],
  'set-content': ['-asbytestream'],
  'add-content': ['-asbytestream'],
};

const EXPANDABLE_STRINGS = new Set(['expandable_string_literal', 'expandable_here_string_literal']);

function line(node: Node): number {
  return node.startPosition.row + 1;
}

function commandName(command: Node): string {
  return (command.childForFieldName('command_name')?.text ?? '').toLowerCase();
}

function commandParameters(command: Node): string[] {
  const elements = command.childForFieldName('command_elements');
  if (!elements) return [];
  return elements.children.filter((c) => c.type === 'command_parameter').map((c) => c.text.toLowerCase());
}

export async function lintPowerShell(source: string, options: LintOptions = {}): Promise<LintFinding[]> {
  const tree = await parsePowerShell(source);
  try {
    const findings: LintFinding[] = [];
    const nodes = [...allNodes(tree.rootNode)];

    for (const node of nodes) {
      if (node.type === 'command') {
        const name = commandName(node);
        const parameters = commandParameters(node);
        if (name === 'convertto-json' && !parameters.includes('-depth')) {
          findings.push({
            rule: 'convertto-json-depth',
            line: line(node),
            message: 'ConvertTo-Json without -Depth: Windows PowerShell 5.1 stops at depth 2 and truncates silently',
          });
        }
        if (NEWER_COMMANDS.has(name)) {
          findings.push({ rule: 'newer-cmdlet', line: line(node), message: `${name} does not exist in Windows PowerShell 5.1` });
        }
        for (const parameter of parameters) {
          if (NEWER_PARAMETERS[name]?.includes(parameter)) {
            findings.push({ rule: 'newer-cmdlet', line: line(node), message: `${name} ${parameter} does not exist in Windows PowerShell 5.1` });
          }
        }
      }
      if (node.type === 'pipeline_chain_tail') {
        findings.push({ rule: 'pipeline-chain', line: line(node), message: `'${node.text}' pipeline chains need PowerShell 7` });
      }
      // 5.1's grammar (and this one) has no ?? ??= ?. ?[] or ternary: they surface as an unexpected '?'.
      if (node.isError && node.childCount === 0 && node.text.includes('?')) {
        findings.push({
          rule: 'question-operators',
          line: line(node),
          message: `'${node.text.trim()}': the ?? ??= ?. ?[] and ?: operators need PowerShell 7`,
        });
      }
      if (EXPANDABLE_STRINGS.has(node.type) && /`u\{/i.test(node.text)) {
        findings.push({ rule: 'unicode-escape', line: line(node), message: '`u{...} escapes need PowerShell 6; use [char]0x....' });
      }
    }

    if (options.operation) {
      const first = tree.rootNode.namedChildren.find((c) => c.type !== 'comment');
      const parameters = first?.type === 'param_block' ? first.descendantsOfType('script_parameter') : [];
      const ok = parameters.length === 1 && parameters[0]!.text.toLowerCase() === '$p';
      if (!ok) {
        findings.push({
          rule: 'starts-with-param-p',
          line: first ? line(first) : 1,
          message: 'an operation script starts with param($p): its parameters arrive as one object',
        });
      }
    }

    if (options.session) {
      const silenced = nodes.some(
        (n) =>
          n.type === 'assignment_expression' &&
          /^\$ProgressPreference$/i.test(n.child(0)?.text ?? '') &&
          /^'SilentlyContinue'$/i.test(n.childForFieldName('value')?.text ?? ''),
      );
      if (!silenced) {
        findings.push({
          rule: 'progress-preference',
          line: 1,
          message: "set $ProgressPreference = 'SilentlyContinue': 5.1 writes progress records to stderr as CLIXML",
        });
      }
    }

    return findings;
  } finally {
    tree.delete();
  }
}
