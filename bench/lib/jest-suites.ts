/**
 * Two Jest projects of N test files with one case each, for the start-up bench: the kit's harness
 * (Jest's ESM mode, which the package root needs) and pact-js's own PactV4 flow (Jest's default
 * CommonJS mode, as pact-js documents it). Each file writes its own pact, as separate suites would.
 * On Node < 24.9 pact-js 16 loads under Jest only with its ESM-only dependencies (https-proxy-agent,
 * agent-base, proxy-agent-negotiate) compiled to CommonJS, the transform Jest's own error message prescribes; its cache
 * persists across the bench's runs, as it does for a user.
 * The projects live under the package root so both resolve the installed packages.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FIRST_CASE_PATH = '/v1/projects/a1b2c3d4-0000-4000-8000-00000000c0de/activeNumbers/+12025550134';

const kitFile = (n: number, pacts: string, kitEntry: string): string => `import { afterAll, test } from '@jest/globals';
import { loadNumbersErrorMatrix } from ${JSON.stringify(kitEntry)};
const matrix = await loadNumbersErrorMatrix({ consumer: 'jest-kit-${n}', dir: ${JSON.stringify(pacts)}, select: { operation: 'NumberService_GetActiveNumber', status: 404 } });
test('GetActiveNumber 404', () => matrix.run(matrix.cases[0], async ({ request }) => {
  const res = await fetch(request.url, { method: request.method, headers: request.headers });
  if (res.status !== 404) throw new Error('expected 404, got ' + res.status);
  await res.text();
}));
afterAll(() => matrix.writePact());
`;

const pactJsFile = (n: number, pacts: string): string => `const { PactV4, MatchersV3 } = require('@pact-foundation/pact');
const pact = new PactV4({ consumer: 'jest-pact-js-${n}', provider: 'sinch-numbers', dir: ${JSON.stringify(pacts)}, logLevel: 'error' });
const path = ${JSON.stringify(FIRST_CASE_PATH)};
test('GetActiveNumber 404', () => pact
  .addInteraction()
  .given('active number +12025550134 does not exist')
  .uponReceiving('GetActiveNumber of a number the project does not have')
  .withRequest('GET', path, (b) => b.headers({ Authorization: MatchersV3.regex(/^Bearer .+$/, 'Bearer example-token') }))
  .willRespondWith(404, (b) => b.jsonBody({ error: { code: 404, message: MatchersV3.string('Number not found'), status: 'NOT_FOUND', details: [] } }))
  .executeTest(async (mock) => {
    const res = await fetch(mock.url + path, { headers: { Authorization: 'Bearer example-token' } });
    if (res.status !== 404) throw new Error('expected 404, got ' + res.status);
    await res.text();
  }));
`;

export interface JestProject {
  dir: string;
  config: string;
}

export async function writeJestProject(kind: 'kit' | 'pact-js', dir: string, files: number, kitEntry: string): Promise<JestProject> {
  const pacts = path.join(dir, 'pacts');
  await mkdir(pacts, { recursive: true });
  const ext = kind === 'kit' ? 'mjs' : 'cjs';
  for (let n = 1; n <= files; n++) {
    await writeFile(path.join(dir, `case-${n}.test.${ext}`), kind === 'kit' ? kitFile(n, pacts, kitEntry) : pactJsFile(n, pacts));
  }
  const config = path.join(dir, 'jest.config.json');
  const transform =
    kind === 'kit'
      ? { transform: {} }
      : {
          transform: { '\\.[cm]?js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'] }] },
          transformIgnorePatterns: ['/node_modules/(?!(https-proxy-agent|agent-base|proxy-agent-negotiate)/)'],
        };
  await writeFile(config, JSON.stringify({ rootDir: dir, testEnvironment: 'node', ...transform, testMatch: [`**/*.test.${ext}`], cacheDirectory: path.join(dir, '.cache') }));
  return { dir, config };
}
