import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KitError, type ErrorCode } from '../errors.js';

export type RefTarget = { kind: 'local'; tokens: string[] } | { kind: 'file'; path: string; tokens: string[] };

export interface RefSiteLocation {
  file: string;
  /** Pointer of the `$ref` member itself, e.g. `/components/schemas/A/$ref`. */
  pointer: string;
}

const UNSAFE_TOKENS = new Set(['__proto__', 'constructor', 'prototype']);
const ALLOWED_EXTENSION = /\.(ya?ml|json)$/i;

/**
 * What a `$ref` string names, or a KitError saying why it may not be followed. Nothing is read
 * here: a ref is refused from its text alone when it is absolute, leaves the spec's folder
 * (`../`, `%2e%2e/`), is a `file:` URL, a network path (`//host/share`), a remote URL, names a
 * file that is not .yaml/.yml/.json, or has a pointer token that could reach an object's
 * prototype. `from` is the file the ref is in; `rootDir` the spec's folder as given (refs
 * resolve lexically, as swagger-parser resolves them).
 */
export function classifyRef(ref: string, from: string, rootDir: string, site: RefSiteLocation): RefTarget {
  const fail = (code: ErrorCode, message: string): never => {
    throw new KitError(code, `$ref ${JSON.stringify(ref.slice(0, 200))} ${message}`, { file: site.file, pointer: site.pointer });
  };
  if (ref === '') return fail('SPEC_REF_INVALID', 'is empty');
  if (/[\u0000-\u001f\u007f]/.test(ref)) return fail('SPEC_REF_INVALID', 'contains a control character');
  if (ref.includes('\\')) return fail('SPEC_REF_INVALID', 'contains a backslash; use / in $ref paths');
  const hash = ref.indexOf('#');
  const location = hash < 0 ? ref : ref.slice(0, hash);
  const tokens = hash < 0 ? [] : pointerTokens(ref.slice(hash + 1), fail);

  if (location === '') return { kind: 'local', tokens };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(location)?.[1]?.toLowerCase();
  if (scheme === 'file') return fail('SPEC_REF_ESCAPE', 'is a file: URL; refs must be relative paths inside the spec folder');
  if (scheme !== undefined && scheme.length === 1) return fail('SPEC_REF_ESCAPE', 'is an absolute path; refs must be relative paths inside the spec folder');
  if (scheme === 'http' || scheme === 'https') return fail('SPEC_REF_REMOTE', 'is a remote URL; the kit reads no remote refs (copy the document into the spec folder)');
  if (scheme !== undefined) return fail('SPEC_REF_INVALID', `uses the unsupported ${scheme}: scheme`);
  if (location.startsWith('//')) return fail('SPEC_REF_ESCAPE', 'is a network path; refs must be relative paths inside the spec folder');
  if (location.startsWith('/')) return fail('SPEC_REF_ESCAPE', 'is an absolute path; refs must be relative paths inside the spec folder');
  return { kind: 'file', path: fileTarget(location, from, rootDir, fail), tokens };
}

function fileTarget(location: string, from: string, rootDir: string, fail: (code: ErrorCode, message: string) => never): string {
  let resolved: string;
  try {
    const url = new URL(location, pathToFileURL(from));
    if (url.search !== '') return fail('SPEC_REF_INVALID', 'has a query string; file refs cannot have one');
    resolved = fileURLToPath(url);
  } catch (error) {
    if (error instanceof KitError) throw error;
    return fail('SPEC_REF_INVALID', 'is not a valid relative path');
  }
  if (resolved === rootDir || !isInside(rootDir, resolved)) return fail('SPEC_REF_ESCAPE', 'leaves the spec folder');
  if (!ALLOWED_EXTENSION.test(resolved)) return fail('SPEC_REF_FILE_TYPE', 'names a file that is not .yaml, .yml or .json');
  return resolved;
}

/** RFC 6901 tokens of a URI fragment (percent-decoded first). */
function pointerTokens(fragment: string, fail: (code: ErrorCode, message: string) => never): string[] {
  let pointer: string;
  try {
    pointer = decodeURIComponent(fragment);
  } catch {
    return fail('SPEC_REF_INVALID', 'has a malformed percent-encoding in its fragment');
  }
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return fail('SPEC_REF_INVALID', 'has a fragment that is not a JSON pointer (#/...)');
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      if (/~[^01]|~$/.test(raw)) fail('SPEC_REF_INVALID', 'has an invalid ~ escape in its JSON pointer');
      return raw.replace(/~1/g, '/').replace(/~0/g, '~');
    });
  const unsafe = tokens.find((token) => UNSAFE_TOKENS.has(token));
  if (unsafe !== undefined) return fail('SPEC_REF_UNSAFE', `has the pointer token ${JSON.stringify(unsafe)}, which could reach an object prototype`);
  return tokens;
}

/** Whether `candidate` is `root` or below it (lexically). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** The pointer of a target, as written in messages (`#/components/schemas/A`). */
export function formatTokens(tokens: readonly string[]): string {
  return `#${tokens.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;
}
