import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

/**
 * tree-sitter-powershell through web-tree-sitter (WebAssembly): the same grammar on every platform,
 * without native bindings to build. One parser per test file, loaded on first use.
 */

const require = createRequire(import.meta.url);
const GRAMMAR_WASM = require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');

let parser: Promise<Parser> | null = null;

function loadParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const language = await Language.load(GRAMMAR_WASM);
    return new Parser().setLanguage(language);
  })();
  return parser;
}

/** A place where the grammar could not make sense of the text; line and column count from 1. */
export interface SyntaxProblem {
  line: number;
  column: number;
  kind: 'unexpected' | 'missing';
  /** The offending text (first 60 characters), or what the parser expected to find. */
  text: string;
}

export async function parsePowerShell(source: string): Promise<Tree> {
  const tree = (await loadParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** Every ERROR and MISSING node, outermost first; an ERROR node's insides are not reported again. */
export function syntaxProblems(tree: Tree): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const visit = (node: Node): void => {
    const at = { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
    if (node.isError) {
      problems.push({ ...at, kind: 'unexpected', text: node.text.slice(0, 60) });
      return;
    }
    if (node.isMissing) {
      problems.push({ ...at, kind: 'missing', text: node.type });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) visit(child);
  };
  visit(tree.rootNode);
  return problems;
}

export function describeProblems(problems: readonly SyntaxProblem[]): string {
  return problems
    .map((p) => `line ${p.line}, column ${p.column}: ${p.kind === 'missing' ? `missing ${p.text}` : `unexpected ${JSON.stringify(p.text)}`}`)
    .join('\n');
}

/** Parses and lists the problems: an empty list means the grammar accepts the whole text. */
export async function powershellSyntaxProblems(source: string): Promise<SyntaxProblem[]> {
  const tree = await parsePowerShell(source);
  try {
    return syntaxProblems(tree);
  } finally {
    tree.delete();
  }
}

/** Every node of the tree, depth first. */
export function* allNodes(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children) yield* allNodes(child);
}
