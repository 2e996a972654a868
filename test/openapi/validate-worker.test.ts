import { expect } from 'chai';
import path from 'node:path';
import { buildCatalog } from '../../src/catalog/build.js';
import { KitError } from '../../src/errors.js';
import { newBudget, resolveLimits } from '../../src/openapi/options.js';
import { parseSpecText } from '../../src/openapi/parse.js';
import { readSpecFile } from '../../src/openapi/read.js';
import { loadDocuments, type SpecDocuments } from '../../src/openapi/refs.js';
import { decodeSpecText } from '../../src/openapi/text.js';
import { needsNodeLoader, validateDocuments, type ValidateContext } from '../../src/openapi/validate.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';
import { CASE_COUNT } from '../helpers/catalog-size.js';

/**
 * Spec validation in a worker thread, the path taken where the host's module system cannot load
 * swagger-parser (Jest's runtime before Node 24.9 refuses the `require` of its ESM-only
 * dependency): forced here with a loader that fails as Jest's does, and held to the in-process
 * path: the same dereferenced document (cycles and shared objects included, the same catalog)
 * and the same KitErrors.
 */

/** How Jest's module runtime refuses swagger-parser (code and first line of its message). */
const jestRefusal = (): Promise<never> =>
  Promise.reject(
    Object.assign(new Error('Must use import to load ES Module: /x/node_modules/@apidevtools/json-schema-ref-parser/dist/lib/index.js\n\nThe file contains ESM syntax'), {
      code: 'ERR_REQUIRE_ESM',
    }),
  );
const IN_WORKER: ValidateContext = { loadParser: jestRefusal };

/** The front door up to validation (validation dereferences in place: each path gets its own copy). */
async function documentsOf(specPath: string): Promise<SpecDocuments> {
  const file = path.resolve(repoRoot, specPath);
  const budget = newBudget(resolveLimits());
  const root = parseSpecText(decodeSpecText(await readSpecFile(file, budget, { file, label: '' }), file), file, budget);
  return loadDocuments({ file, value: root }, budget);
}

/**
 * The first difference between two object graphs, or undefined when they are the same graph:
 * same keys in the same order, same primitives and prototypes, and an object shared (or on a
 * cycle) in one exactly where it is in the other.
 */
function graphDifference(a: unknown, b: unknown): string | undefined {
  const pairs = new Map<object, object>();
  const reverse = new Map<object, object>();
  const visit = (x: unknown, y: unknown, at: string): string | undefined => {
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return Object.is(x, y) ? undefined : `${at}: ${String(x)} vs ${String(y)}`;
    const known = pairs.get(x);
    if (known !== undefined || reverse.has(y)) return known === y && reverse.get(y) === x ? undefined : `${at}: shared differently`;
    pairs.set(x, y);
    reverse.set(y, x);
    if (Array.isArray(x) !== Array.isArray(y) || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return `${at}: kind differs`;
    const keys = Object.keys(x);
    if (keys.join('\0') !== Object.keys(y).join('\0')) return `${at}: keys differ`;
    for (const key of keys) {
      // Own values only: `__proto__` is an ordinary key of the a10 fixture.
      const found = visit(Object.getOwnPropertyDescriptor(x, key)?.value, Object.getOwnPropertyDescriptor(y, key)?.value, `${at}/${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(a, b, '');
}

async function outcome(specPath: string, ctx?: ValidateContext): Promise<Record<string, unknown>> {
  const error = await validateDocuments(await documentsOf(specPath), ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, specPath).to.be.instanceOf(KitError);
  const { name, code, file, pointer, message, exitCode } = error as KitError;
  return { name, code, file, pointer, message, exitCode };
}

describe('spec validation in a worker thread (where the host cannot load swagger-parser)', function () {
  // A worker from the TypeScript sources starts tsx and swagger-parser cold: ~1 s each on a busy machine.
  this.timeout(120_000);

  it('gives the bundled spec back dereferenced, shared objects shared, the same catalog', async () => {
    const here = await validateDocuments(await documentsOf(bundledSpec));
    const there = await validateDocuments(await documentsOf(bundledSpec), IN_WORKER);
    expect(graphDifference(here, there)).to.equal(undefined);
    const catalogOf = (document: typeof here) => buildCatalog({ path: bundledSpec, sha256: '0'.repeat(64), document });
    expect(catalogOf(there)).to.deep.equal(catalogOf(here));
    expect(catalogOf(there).cases).to.have.length(CASE_COUNT);
  });

  for (const name of ['a18-recursive-error-schema', 'a07-aliases-ok', 'a10-proto-keys', 'ref-external-ok']) {
    it(`${name}: the same document graph as in process`, async () => {
      const specPath = `test/fixtures/specs/${name}/spec.yaml`;
      const here = await validateDocuments(await documentsOf(specPath));
      const there = await validateDocuments(await documentsOf(specPath), IN_WORKER);
      expect(graphDifference(here, there)).to.equal(undefined);
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    });
  }

  it('keeps a recursive schema cyclic (dereference: { circular: true })', async () => {
    interface Schema {
      properties: { error: { properties: { details: { items: unknown } } } };
    }
    const document = (await validateDocuments(await documentsOf('test/fixtures/specs/a18-recursive-error-schema/spec.yaml'), IN_WORKER)) as unknown as {
      components: { schemas: { GoogleError: Schema; NumbersError: { oneOf: unknown[] } } };
    };
    const google = document.components.schemas.GoogleError;
    expect(google.properties.error.properties.details.items).to.equal(google);
    expect(document.components.schemas.NumbersError.oneOf[0]).to.equal(google);
  });

  for (const name of ['a21-info-version-number', 'a24-many-schema-errors', 'a24-missing-responses']) {
    it(`${name}: the same KitError as in process`, async () => {
      const specPath = `test/fixtures/specs/${name}/spec.yaml`;
      const here = await outcome(specPath);
      expect(here.code).to.match(/^SPEC_/);
      expect(await outcome(specPath, IN_WORKER)).to.deep.equal(here);
    });
  }

  it('moves to the worker only for a module system that cannot load swagger-parser', async () => {
    expect(needsNodeLoader({ code: 'ERR_REQUIRE_ESM', message: 'require() of ES Module' })).to.equal(true);
    expect(needsNodeLoader(new Error('Must use import to load ES Module: /x/index.js'))).to.equal(true);
    expect(needsNodeLoader(Object.assign(new Error('Cannot find module'), { code: 'ERR_MODULE_NOT_FOUND' }))).to.equal(false);
    expect(needsNodeLoader(undefined)).to.equal(false);
    const missing = Object.assign(new Error("Cannot find package '@apidevtools/swagger-parser'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await validateDocuments(await documentsOf(bundledSpec), { loadParser: () => Promise.reject(missing) }).catch((e: unknown) => e);
    expect(error).to.equal(missing);
  });
});
