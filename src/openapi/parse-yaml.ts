import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, type Document, type Node } from 'yaml';
import type { CST } from 'yaml';
import { KitError } from '../errors.js';
import type { Budget } from './options.js';
import { ancestorPointer } from './problems.js';
import { escapePointer } from './walk.js';

/**
 * YAML 1.2 (one document) to a plain value, every check with its line and column (the full path;
 * `parse.ts` tries `parse-yaml-fast.ts` first). In order:
 * 1. the CST parser (iterative) runs lexeme by lexeme and stops as soon as its stack is deeper
 *    than the depth budget: the composer after it recurses once per level, and a few hundred
 *    levels can kill the process (a V8 fatal error, not an exception);
 * 2. the composer builds the AST; its first error or warning is reported with line and column;
 * 3. an iterative walk of the AST checks depth, the node budget (as written; aliases are counted
 *    once here and expanded by `checkExpansion`), duplicate keys (as JS keys: `1` and `"1"` are
 *    the same key), keys that are not scalars, and values JSON cannot hold (`!!binary`, `.inf`);
 * 4. only then `toJS`, where an alias becomes a shared reference to its anchor's value.
 */
export function parseYamlFull(text: string, file: string, budget: Budget): unknown {
  const lines = new LineCounter();
  const at = (offset: number): string => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  const tokens = cstTokens(text, file, budget, lines, at);
  const composer = new Composer({ version: '1.2', uniqueKeys: false, strict: true, merge: false });
  const docs: Document.Parsed[] = [...composer.compose(tokens, true, text.length)];
  const doc = docs[0];
  if (doc === undefined) throw new KitError('SPEC_EMPTY', 'the file has no content', { file });
  if (docs.length > 1) throw new KitError('SPEC_SYNTAX', `more than one YAML document (a second one starts at ${at(docs[1]?.range[0] ?? 0)})`, { file });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) {
    const message = (problem.message.split('\n', 1)[0] ?? '').replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
    throw new KitError('SPEC_SYNTAX', `${message} at ${at(problem.pos[0])}`, { file });
  }
  const version = doc.directives?.yaml.version;
  if (version !== undefined && version !== '1.2') {
    throw new KitError('SPEC_SYNTAX', `YAML ${version} documents are not supported (remove the %YAML directive; the kit reads YAML 1.2)`, { file });
  }
  checkAst(doc, file, budget, at);
  try {
    return doc.toJS({ maxAliasCount: -1 });
  } catch (error) {
    // checkAst has found every known cause already; anything left is still a problem of the text.
    throw new KitError('SPEC_SYNTAX', (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] ?? 'invalid YAML', { file });
  }
}

function cstTokens(text: string, file: string, budget: Budget, lines: LineCounter, at: (offset: number) => string): CST.Token[] {
  const parser = new Parser(lines.addNewLine);
  const tokens: CST.Token[] = [];
  // The CST stack is about one entry per nesting level (plus the document and a scalar).
  const ceiling = budget.limits.maxDepth + 4;
  lines.addNewLine(0);
  for (const lexeme of new Lexer().lex(text, false)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > ceiling) {
      throw new KitError('SPEC_TOO_DEEP', `nested more than ${budget.limits.maxDepth} levels (maxDepth) at ${at(parser.offset)}`, { file });
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

interface Visit {
  node: Node | null;
  pointer: string;
  depth: number;
}

function checkAst(doc: Document.Parsed, file: string, budget: Budget, at: (offset: number) => string): void {
  const stack: Visit[] = [{ node: doc.contents, pointer: '', depth: 0 }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { node, pointer, depth } = visit;
    if (--budget.nodesLeft < 0) {
      throw new KitError('SPEC_TOO_MANY_NODES', `more than ${budget.limits.maxNodes} nodes (maxNodes)`, { file, pointer });
    }
    if (node === null) continue;
    if (isAlias(node)) {
      if (node.resolve(doc) === undefined) {
        throw new KitError('SPEC_SYNTAX', `alias *${node.source} has no anchor &${node.source} before it at ${at(node.range?.[0] ?? 0)}`, { file, pointer });
      }
      continue;
    }
    if (isScalar(node)) {
      const value: unknown = node.value;
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new KitError('SPEC_SYNTAX', `${String(value)} is not a JSON number at ${at(node.range?.[0] ?? 0)}`, { file, pointer });
      }
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
        const tag = (node.tag ?? 'tagged').replace('tag:yaml.org,2002:', '!!');
        throw new KitError('SPEC_SYNTAX', `a ${tag} value is not JSON data at ${at(node.range?.[0] ?? 0)}`, { file, pointer });
      }
      continue;
    }
    if (depth + 1 > budget.limits.maxDepth) {
      throw new KitError('SPEC_TOO_DEEP', `nested more than ${budget.limits.maxDepth} levels (maxDepth) at ${at(node.range?.[0] ?? 0)}`, { file, pointer: ancestorPointer(pointer) });
    }
    const children: Visit[] = [];
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (isPair(item)) throw new KitError('SPEC_SYNTAX', `unexpected key: value pair in a sequence at ${at((item.key as Node | null)?.range?.[0] ?? 0)}`, { file, pointer });
        children.push({ node: item as Node | null, pointer: `${pointer}/${index}`, depth: depth + 1 });
      });
    } else if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const offset = keyNode?.range?.[0] ?? node.range?.[0] ?? 0;
        const key = keyString(keyNode);
        if (key === undefined) throw new KitError('SPEC_SYNTAX', `mapping keys must be strings, numbers or booleans at ${at(offset)}`, { file, pointer });
        const keyPointer = `${pointer}/${escapePointer(key)}`;
        const first = seen.get(key);
        if (first !== undefined) {
          throw new KitError('SPEC_DUPLICATE_KEY', `duplicate key ${JSON.stringify(key)} at ${at(offset)} (first at ${at(first)})`, { file, pointer: keyPointer });
        }
        seen.set(key, offset);
        children.push({ node: pair.value as Node | null, pointer: keyPointer, depth: depth + 1 });
      }
    } else {
      throw new KitError('SPEC_SYNTAX', `unsupported YAML node at ${at((node as Node).range?.[0] ?? 0)}`, { file, pointer });
    }
    // Reversed, so that nodes are visited (and problems found) in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Visit);
  }
}

/** The JS object key `toJS` gives a YAML key, or undefined when it is not a plain scalar. */
function keyString(key: Node | null): string | undefined {
  if (key === null) return '';
  if (!isScalar(key)) return undefined;
  const value: unknown = key.value;
  if (value === null) return '';
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  return undefined;
}
