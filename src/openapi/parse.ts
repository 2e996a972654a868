import { Composer, Lexer, LineCounter, Parser, type CST, type Document } from 'yaml';
import { KitError } from '../errors.js';
import { measureExpansion } from './expand.js';
import { newBudget, resolveLimits, type Budget } from './options.js';
import { ancestorPointer } from './problems.js';
import { strictJson, type Position } from './strict-json.js';
import { yamlValue } from './yaml-value.js';

/**
 * The text of one spec file to a plain value within the budget, with the `yaml` package alone:
 * YAML 1.2 (one document), or strict JSON when `file` ends in `.json` (JSON is YAML; what YAML
 * allows beyond JSON is refused by `strictJson`). In order, every problem with its line and column:
 * 1. the lexer and CST parser (iterative) run lexeme by lexeme and stop as soon as the nesting is
 *    deeper than the depth budget: the composer after them recurses once per level, and a few
 *    hundred levels can kill the process (a V8 fatal error, not an exception);
 * 2. the composer builds the AST; its first error or warning is SPEC_SYNTAX;
 * 3. one iterative walk of the AST (`yamlValue`) checks it and builds the value, aliases resolved
 *    in linear time;
 * 4. aliases, if any, are expanded as a consumer would walk the value (memoized, linear): a
 *    recursive alias, or aliases that multiply it past `maxNodes` or `maxDepth`, is SPEC_ALIAS_BUDGET.
 * `null`, an empty or comment-only file is SPEC_EMPTY.
 */
export function parseSpecValue(text: string, file: string, budget: Budget): unknown {
  const lines = new LineCounter();
  const at: Position = (offset) => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  const tokens = cstTokens(text, file, budget, lines, at, /\.json$/i.test(file));
  const composer = new Composer({ version: '1.2', uniqueKeys: false, strict: true, merge: false });
  const docs: Document.Parsed[] = [...composer.compose(tokens, true, text.length)];
  const doc = docs[0];
  if (doc === undefined) throw new KitError('SPEC_EMPTY', 'the file is empty (no content, only comments, or null)', { file });
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
  const { value, aliases } = yamlValue(doc, file, budget, at);
  if (value === null || value === undefined) throw new KitError('SPEC_EMPTY', 'the file is empty (no content, only comments, or null)', { file });
  if (aliases > 0) {
    const expansion = measureExpansion(value, { maxNodes: budget.limits.maxNodes, maxDepth: budget.limits.maxDepth, cycles: 'fail' });
    if (expansion !== undefined) {
      const message =
        expansion.kind === 'cycle'
          ? 'an alias refers to a collection that contains it (infinite expansion)'
          : expansion.kind === 'nodes'
            ? `expanding the YAML aliases gives more than ${budget.limits.maxNodes} nodes (maxNodes)`
            : `expanding the YAML aliases nests more than ${budget.limits.maxDepth} levels (maxDepth)`;
      throw new KitError('SPEC_ALIAS_BUDGET', message, { file, pointer: ancestorPointer(expansion.pointer) });
    }
  }
  return value;
}

/** The CST of the text, refused as soon as it nests deeper than the budget (and, for JSON, at the first token JSON does not allow). */
function cstTokens(text: string, file: string, budget: Budget, lines: LineCounter, at: Position, json: boolean): CST.Token[] {
  const parser = new Parser(lines.addNewLine);
  const strict = json ? strictJson(text, file, budget, at) : undefined;
  const tokens: CST.Token[] = [];
  // The CST stack is about one entry per nesting level (plus the document and a scalar).
  const ceiling = budget.limits.maxDepth + 4;
  lines.addNewLine(0);
  for (const lexeme of new Lexer().lex(text, false)) {
    strict?.lexeme(lexeme, parser.offset);
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > ceiling) {
      throw new KitError('SPEC_TOO_DEEP', `nested more than ${budget.limits.maxDepth} levels (maxDepth) at ${at(parser.offset)}`, { file });
    }
  }
  strict?.end();
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/** The spec's own text (YAML or JSON) to its root object, with the default limits. */
export function parseSpecText(text: string, file: string, budget: Budget = newBudget(resolveLimits())): Record<string, unknown> {
  const value = parseSpecValue(text, file, budget);
  if (typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new KitError('SPEC_NOT_OBJECT', `the spec must be a YAML or JSON object, not ${kind}`, { file });
  }
  if (Object.keys(value as object).length === 0) throw new KitError('SPEC_EMPTY', 'the spec is an empty object', { file });
  return value as Record<string, unknown>;
}
