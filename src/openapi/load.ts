import path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { KitError, type ErrorCode } from '../errors.js';
import { specTextSha256 } from './sha.js';
import { measureExpansion } from './expand.js';
import { newBudget, resolveLimits, type LoadSpecOptions } from './options.js';
import { parseSpecText } from './parse.js';
import { ancestorPointer } from './problems.js';
import { readSpecFile } from './read.js';
import { checkRefGraph } from './ref-graph.js';
import { loadDocuments } from './refs.js';
import { decodeSpecText } from './text.js';
import { validateDocuments } from './validate.js';

export type { LoadSpecOptions } from './options.js';
export { parseSpecText } from './parse.js';

export interface LoadedSpec {
  /** Absolute path of the spec file. */
  path: string;
  /** SHA-256 of the spec's UTF-8 text (byte order mark dropped, CRLF line ends read as LF). */
  sha256: string;
  /** The document with every `$ref` resolved (shared objects stay shared; recursive schemas are cyclic). */
  document: OpenAPIV3.Document;
}

/**
 * Reads, checks, parses and validates an OpenAPI 3.0 spec through the front door (see
 * docs/errors.md): the file (a regular file, within the byte budget), its text (UTF-8, YAML
 * 1.2 or strict JSON, duplicate keys, depth and node budgets with aliases expanded), its root
 * (a non-empty object, OpenAPI 3.0.x), every `$ref` (inside the spec folder, no remote refs,
 * no prototype tokens, targets that exist, no chains of refs that reach nothing, size
 * after following refs), and only then swagger-parser, which is handed the parsed documents and
 * reads nothing itself. Every failure is a KitError naming the file and the JSON pointer (or the
 * line and column) of the problem.
 */
export async function loadSpec(specPath: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const limits = resolveLimits(options);
  const budget = newBudget(limits);
  const file = path.resolve(specPath);
  const bytes = await readSpecFile(file, budget, { file, label: '' });
  const text = decodeSpecText(bytes, file);
  const root = parseSpecText(text, file, budget);
  checkVersion(root, file);

  const docs = await loadDocuments({ file, value: root }, budget);
  const follow = checkRefGraph(docs, limits.maxDepth);
  const problem = measureExpansion(root, { maxNodes: limits.maxNodes, maxDepth: limits.maxDepth, follow, cycles: 'allow' });
  if (problem !== undefined) {
    const [code, message]: [ErrorCode, string] =
      problem.kind === 'depth'
        ? ['SPEC_TOO_DEEP', `nested more than ${limits.maxDepth} levels (maxDepth) once $refs are followed`]
        : ['SPEC_TOO_MANY_NODES', `more than ${limits.maxNodes} nodes (maxNodes) once $refs are followed`];
    throw new KitError(code, message, { file, pointer: ancestorPointer(problem.pointer) });
  }

  const document = await validateDocuments(docs);
  return { path: file, sha256: specTextSha256(text), document };
}

function checkVersion(root: Record<string, unknown>, file: string): void {
  const fail = (pointer: string, message: string): never => {
    throw new KitError('SPEC_VERSION', message, { file, pointer });
  };
  if (root.swagger !== undefined) fail('/swagger', `Swagger ${JSON.stringify(root.swagger)} documents are not supported; the kit reads OpenAPI 3.0.x`);
  const version = root.openapi;
  if (version === undefined) fail('/openapi', 'no openapi field; expected an OpenAPI 3.0.x document (openapi: "3.0.3")');
  if (typeof version !== 'string') fail('/openapi', `openapi must be a string such as "3.0.3", not ${JSON.stringify(version)}`);
  if (!/^3\.0\.\d+$/.test(version as string)) fail('/openapi', `OpenAPI ${JSON.stringify(version)} is not supported; the kit reads OpenAPI 3.0.x`);
  const paths = root.paths;
  if (paths === null || typeof paths !== 'object' || Array.isArray(paths)) {
    throw new KitError('SPEC_INVALID', 'an OpenAPI document needs a paths object', { file, pointer: '/paths' });
  }
}
