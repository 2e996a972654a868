// The same interaction written directly with pact-js's own PactV4 flow, in one fresh process.
import { createRequire } from 'node:module';
const [, , outDir] = process.argv;
const { PactV4, MatchersV3 } = createRequire(import.meta.url)('@pact-foundation/pact');
const pact = new PactV4({ consumer: 'first-case-pact-js', provider: 'sinch-numbers', dir: outDir, logLevel: 'error' });
const path = '/v1/projects/a1b2c3d4-0000-4000-8000-00000000c0de/activeNumbers/+12025550134';
await pact
  .addInteraction()
  .given('active number +12025550134 does not exist')
  .uponReceiving('GetActiveNumber of a number the project does not have')
  .withRequest('GET', path, (b) => b.headers({ Authorization: MatchersV3.regex(/^Bearer .+$/, 'Bearer example-token') }))
  .willRespondWith(404, (b) => b.jsonBody({ error: { code: 404, message: MatchersV3.string('Number not found'), status: 'NOT_FOUND', details: [] } }))
  .executeTest(async (mock) => {
    const res = await fetch(mock.url + path, { headers: { Authorization: 'Bearer example-token' } });
    if (res.status !== 404) throw new Error(`expected 404, got ${res.status}`);
    await res.text();
  });
// The child's own CPU time (startup included), for the bench's notes.
const cpu = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
