import { CST } from 'yaml';
import { KitError } from '../errors.js';
import type { Budget } from './options.js';
import { ancestorPointer } from './problems.js';
import { pointerOf } from './walk.js';

/** Where a problem is: `line L, column C` of an offset. */
export type Position = (offset: number) => string;

const STRING = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"$/;
/** A JSON literal or number at the start of a plain scalar lexeme (which may run on: `1 "b"`). */
const LITERAL = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?=\s|$)/;
/** Lexemes that carry no JSON token: whitespace and the lexer's own markers (document start, "a scalar follows"). */
const SKIP = new Set(['space', 'newline', 'doc-mode', 'scalar', 'byte-order-mark']);

interface Frame {
  close: '}' | ']';
  /** The key or index the current child has here (for pointers). */
  token: string | number;
}

/**
 * Strict JSON (RFC 8259) over the lexemes of the `yaml` lexer, which reads a `.json` file as the
 * YAML it also is: whatever YAML accepts and JSON does not (comments, single quotes, trailing
 * commas, unquoted or non-string keys, YAML escapes, anchors, tags, block style) is refused at its
 * line and column, and nesting deeper than `maxDepth` with its JSON pointer. Values, duplicate keys
 * and node counts are left to the one YAML path after it. Feed every lexeme with its offset, then
 * call `end`.
 */
export function strictJson(text: string, file: string, budget: Budget, at: Position): { lexeme(source: string, offset: number): void; end(): void } {
  const stack: Frame[] = [];
  /** What may come next: a value, a key, the `:` after it, a `,` or closing bracket, nothing (after the root). */
  let expect: 'value' | 'key' | 'colon' | 'next' | 'done' = 'value';
  /** Just after an opening bracket: the closing one may come instead of a value or key. */
  let opened = false;
  const syntax = (message: string, offset: number): never => {
    throw new KitError('SPEC_SYNTAX', `${message} at ${at(offset)}`, { file });
  };
  const wanted = (): string =>
    expect === 'value' ? 'a JSON value' : expect === 'key' ? 'a double-quoted key' : expect === 'colon' ? "':' after the key" : `',' or '${stack.at(-1)?.close ?? '}'}'`;
  const unexpected = (source: string, offset: number): never =>
    expect === 'done'
      ? syntax(`unexpected ${JSON.stringify(source[0])} after the JSON value`, offset)
      : syntax(`unexpected ${JSON.stringify(source[0])}, expected ${wanted()}`, offset);
  const string = (source: string, offset: number): string => {
    if (STRING.test(source)) return JSON.parse(source) as string;
    for (let j = 1; j < source.length; j++) {
      const c = source.charCodeAt(j);
      if (c === 0x22) break;
      if (c < 0x20) syntax('control character in string', offset + j);
      if (c === 0x5c) {
        if (!/^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(source.slice(j + 1, j + 6))) syntax('invalid escape in string', offset + j);
        j++;
      }
    }
    return syntax('unterminated string', offset);
  };
  const valueDone = (): void => {
    expect = stack.length === 0 ? 'done' : 'next';
    opened = false;
  };
  return {
    lexeme(source, offset) {
      const type = CST.tokenType(source) ?? 'plain';
      if (SKIP.has(type)) return;
      const top = stack.at(-1);
      if ((type === 'flow-map-end' || type === 'flow-seq-end') && top?.close === source && (expect === 'next' || opened)) {
        stack.pop();
        return valueDone();
      }
      if (expect === 'value' && (type === 'flow-map-start' || type === 'flow-seq-start')) {
        if (stack.length + 1 > budget.limits.maxDepth) {
          const pointer = ancestorPointer(pointerOf(...stack.map((frame) => frame.token)));
          throw new KitError('SPEC_TOO_DEEP', `nested more than ${budget.limits.maxDepth} levels (maxDepth) at ${at(offset)}`, { file, pointer });
        }
        stack.push(type === 'flow-map-start' ? { close: '}', token: '' } : { close: ']', token: 0 });
        expect = type === 'flow-map-start' ? 'key' : 'value';
        opened = true;
        return;
      }
      if (expect === 'value' && type === 'double-quoted-scalar') {
        string(source, offset);
        return valueDone();
      }
      const literal = expect === 'value' && type === 'plain' ? LITERAL.exec(source)?.[0] : undefined;
      if (literal !== undefined) {
        valueDone();
        // What runs on after the literal is the next token, out of place.
        const rest = literal.length + (/^\s*/.exec(source.slice(literal.length))?.[0].length ?? 0);
        if (rest < source.length) unexpected(source.slice(rest), offset + rest);
        return;
      }
      if (expect === 'key' && type === 'double-quoted-scalar' && top !== undefined) {
        top.token = string(source, offset);
        expect = 'colon';
        opened = false;
        return;
      }
      if (expect === 'colon' && type === 'map-value-ind') {
        expect = 'value';
        return;
      }
      if (expect === 'next' && type === 'comma' && top !== undefined) {
        if (typeof top.token === 'number') top.token++;
        expect = top.close === '}' ? 'key' : 'value';
        opened = false;
        return;
      }
      unexpected(source, offset);
    },
    end() {
      if (expect !== 'done') syntax(`unexpected end of JSON, expected ${wanted()}`, text.length);
    },
  };
}
