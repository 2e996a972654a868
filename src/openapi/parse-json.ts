import { KitError } from '../errors.js';
import type { Budget } from './options.js';
import { ancestorPointer } from './problems.js';
import { escapePointer } from './walk.js';

interface Frame {
  container: Record<string, unknown> | unknown[];
  /** Where the container is: its parent's frame and its key or index there (the root has none). */
  parent?: Frame;
  token?: string | number;
  /** Object frames: key → offset of its first occurrence. */
  keys?: Map<string, number>;
  key?: string;
}

/** The JSON pointer of a frame's container, built only when a message needs it. */
function pointerOf(frame: Frame | undefined): string {
  const tokens: string[] = [];
  for (let f = frame; f?.parent !== undefined; f = f.parent) tokens.push(`/${escapePointer(String(f.token))}`);
  return tokens.reverse().join('');
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/**
 * Strict JSON (RFC 8259) to a plain value, without recursion: positions on every syntax error
 * (trailing commas, comments and single quotes are errors), duplicate keys refused with their JSON
 * pointer (JSON.parse would keep the last one silently), depth and node budgets enforced while
 * parsing, and `__proto__` kept as an ordinary own key.
 */
export function parseJsonText(text: string, file: string, budget: Budget): unknown {
  let i = 0;
  const stack: Frame[] = [];
  const where = (at: number): string => {
    const { line, col } = lineAndColumn(text, at);
    return `line ${line}, column ${col}`;
  };
  const syntax = (message: string, at = i): never => {
    throw new KitError('SPEC_SYNTAX', `${message} at ${where(at)}`, { file });
  };
  const skip = (): void => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  };
  const unexpected = (expected: string): never =>
    i >= text.length ? syntax(`unexpected end of JSON, expected ${expected}`) : syntax(`unexpected ${JSON.stringify(text[i])}, expected ${expected}`);
  // The key or index the value about to be read gets in its container (pointers are built only for messages).
  const childToken = (top: Frame): string | number => (Array.isArray(top.container) ? top.container.length : (top.key ?? ''));
  const childPointer = (): string => {
    const top = stack[stack.length - 1];
    return top === undefined ? '' : `${pointerOf(top)}/${escapePointer(String(childToken(top)))}`;
  };
  const count = (): void => {
    if (--budget.nodesLeft < 0) {
      throw new KitError('SPEC_TOO_MANY_NODES', `more than ${budget.limits.maxNodes} nodes (maxNodes)`, { file, pointer: childPointer() });
    }
  };
  const readString = (): string => {
    STRING.lastIndex = i;
    const match = STRING.exec(text);
    if (match === null) return badString();
    i = STRING.lastIndex;
    const quoted = match[0];
    return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
  };
  const badString = (): never => {
    for (let j = i + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x22) break;
      if (c < 0x20) syntax('control character in string', j);
      if (c === 0x5c) {
        if (!/^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(j + 1, j + 6))) syntax('invalid escape in string', j);
        j++;
      }
    }
    return syntax('unterminated string');
  };
  const readKey = (frame: Frame): void => {
    skip();
    if (text[i] !== '"') unexpected('a double-quoted key');
    const at = i;
    const key = readString();
    const first = frame.keys?.get(key);
    if (first !== undefined) {
      throw new KitError('SPEC_DUPLICATE_KEY', `duplicate key ${JSON.stringify(key)} at ${where(at)} (first at ${where(first)})`, {
        file,
        pointer: `${pointerOf(frame)}/${escapePointer(key)}`,
      });
    }
    frame.keys?.set(key, at);
    frame.key = key;
    skip();
    if (text[i] !== ':') unexpected("':' after the key");
    i++;
  };

  skip();
  for (;;) {
    // A value is expected at i.
    skip();
    let value: unknown;
    const c = text[i];
    if (c === '{' || c === '[') {
      if (stack.length + 1 > budget.limits.maxDepth) {
        throw new KitError('SPEC_TOO_DEEP', `nested more than ${budget.limits.maxDepth} levels (maxDepth) at ${where(i)}`, { file, pointer: ancestorPointer(childPointer()) });
      }
      count();
      i++;
      const parent = stack[stack.length - 1];
      const place = parent === undefined ? {} : { parent, token: childToken(parent) };
      const frame: Frame = c === '{' ? { container: {}, ...place, keys: new Map() } : { container: [], ...place };
      stack.push(frame);
      skip();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        stack.pop();
        value = frame.container;
      } else {
        if (c === '{') readKey(frame);
        continue;
      }
    } else {
      count();
      if (c === '"') value = readString();
      else if (text.startsWith('true', i)) (value = true), (i += 4);
      else if (text.startsWith('false', i)) (value = false), (i += 5);
      else if (text.startsWith('null', i)) (value = null), (i += 4);
      else {
        NUMBER.lastIndex = i;
        const match = NUMBER.exec(text);
        if (match === null) return unexpected('a JSON value');
        value = Number(match[0]);
        if (!Number.isFinite(value)) syntax(`number ${match[0].slice(0, 20)} is out of range`);
        i = NUMBER.lastIndex;
      }
    }
    // Attach the finished value to its parent; close every container that ends here.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        skip();
        if (i < text.length) syntax(`unexpected ${JSON.stringify(text[i])} after the JSON value`);
        return value;
      }
      if (Array.isArray(top.container)) top.container.push(value);
      else if (top.key === '__proto__') Object.defineProperty(top.container, top.key, { value, writable: true, enumerable: true, configurable: true });
      else top.container[top.key ?? ''] = value;
      skip();
      const close = Array.isArray(top.container) ? ']' : '}';
      if (text[i] === ',') {
        i++;
        if (!Array.isArray(top.container)) readKey(top);
        break;
      }
      if (text[i] !== close) unexpected(`',' or '${close}'`);
      i++;
      stack.pop();
      value = top.container;
    }
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let j = text.indexOf('\n'); j >= 0 && j < offset; j = text.indexOf('\n', j + 1)) {
    line++;
    lineStart = j + 1;
  }
  return { line, col: offset - lineStart + 1 };
}
