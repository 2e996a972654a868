import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCatalog } from '../../src/catalog/build.js';
import { isKitError } from '../../src/errors.js';
import { loadSpec } from '../../src/openapi/load.js';
import { startReferenceProvider } from '../../src/provider/server.js';
import { cli } from '../helpers/cli.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';

/**
 * Names a spec supplies (error codes, operationIds, parameter names) that are also the names of
 * Object.prototype's members: each is an ordinary name, never the prototype's member (which made
 * `lint` exit 4 on a code named `toString` and `serve` answer 500 to everything).
 */
const NAMES = ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'];
const base = path.join(repoRoot, 'test', 'fixtures', 'specs', '_base', 'spec.yaml');

describe('spec-supplied names that Object.prototype also has', () => {
  let tmp: string;
  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-own-'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  for (const name of NAMES) {
    it(`lint: an error code named ${name} is LINT_UNKNOWN_CODE (exit 2), not an internal error`, async () => {
      const file = path.join(tmp, `code-${name}.yaml`);
      await writeFile(file, (await readFile(base, 'utf8')).split('blocked_account').join(name));
      const { code, stderr } = await cli(['lint', '--spec', file]);
      expect(code).to.equal(2);
      expect(stderr).not.to.contain('INTERNAL');
      expect(stderr.split('\n')).to.include(
        `numbers-contract: LINT_UNKNOWN_CODE ${file}#/paths/~1v1~1projects~1{projectId}~1activeNumbers~1{phoneNumber}/get/responses/403/content/application~1json/examples/${name}/x-numbers-error/code: "${name}" is not a Numbers error code the kit knows (src/catalog/generated.ts)`,
      );
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    });

    it(`serve: an operationId named ${name} is PROVIDER_SPEC at startup, not a provider that answers 500`, async () => {
      const file = path.join(tmp, `op-${name}.yaml`);
      await writeFile(file, (await readFile(bundledSpec, 'utf8')).replace('operationId: NumberService_ListAvailableNumbers', `operationId: ${name}`));
      const error = await startReferenceProvider({ spec: file }).then(
        async (provider) => {
          await provider.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(isKitError(error) ? [error.code, error.message] : error).to.deep.equal(['PROVIDER_SPEC', `the reference provider has no implementation of ${name}`]);
    });

    it(`catalog: a path parameter named ${name} fills its template and stays an own key`, async () => {
      const file = path.join(tmp, `param-${name}.yaml`);
      await writeFile(file, (await readFile(base, 'utf8')).split('projectId').join(name));
      const catalog = buildCatalog(await loadSpec(file));
      const first = catalog.cases[0];
      expect(first?.request.path).to.equal('/v1/projects/a1b2c3d4-0000-4000-8000-00000000c0de/availableRegions');
      expect(Object.getPrototypeOf(first?.request.query)).to.equal(Object.prototype);
    });
  }
});
