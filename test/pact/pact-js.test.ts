import { PactV4 } from '@pact-foundation/pact';
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import type { NumbersCase } from '../../src/catalog/types.js';
import { addNumbersErrorCase } from '../../src/pact/pact-js.js';
import { bundledSpec } from '../helpers/paths.js';

/** What the client received in one executeTest. */
async function callCase(url: string, c: NumbersCase): Promise<number> {
  const query = Object.entries(c.request.query).flatMap(([k, vs]) => vs.map((v) => `${k}=${encodeURIComponent(v)}`));
  const body = c.request.rawBody ?? (c.request.body === undefined ? undefined : JSON.stringify(c.request.body));
  const response = await fetch(`${url}${c.request.path}${query.length > 0 ? `?${query.join('&')}` : ''}`, {
    method: c.request.method,
    headers: c.request.headers,
    ...(body === undefined ? {} : { body }),
  });
  await response.text();
  return response.status;
}

/**
 * pact-js 16.5's own executeTest (core 19.2) sometimes reports "expected but not received" although
 * the client got the documented response (pact-js #1835, pact-reference #535). That upstream race is
 * what the kit's harness works around; here, in plain pact-js, run the case again only on exactly
 * that signature, so the test judges the interaction and not the race.
 */
async function executeAcrossTheCoreRace(pact: PactV4, c: NumbersCase): Promise<number> {
  let received: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const status = await addNumbersErrorCase(pact, c).executeTest(async (server) => (received = await callCase(server.url, c)));
      return status ?? Number.NaN;
    } catch (error) {
      // Only "missing-request" mismatches: none of pact-js's "was incorrect" / "was not expected".
      const race = error instanceof Error && /expected but not received/.test(error.message) && !/was incorrect|was not expected/.test(error.message);
      if (!race || received !== c.status || attempt >= 3) throw error;
    }
  }
}

describe('addNumbersErrorCase (a case in the user’s own PactV4)', function () {
  this.timeout(30_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-pactjs-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const ids = [
    'NumberService_GetActiveNumber/404/not_found',
    'NumberService_RentNumber/403/unknown_campaign',
    'NumberService_RentNumber/415/unsupported_media_type',
    'NumberService_RentNumber/400/syntax_invalid_json',
    'NumberService_ListAvailableNumbers/429/rate_limited',
  ];

  it('gives an interaction pact-js runs with executeTest, with the kit’s description and references', async () => {
    const catalog = await loadCatalog(bundledSpec);
    const pact = new PactV4({ consumer: 'own-pact', provider: 'sinch-numbers', dir, logLevel: 'error' });
    for (const id of ids) {
      const c = catalog.cases.find((x) => x.id === id)!;
      expect(await executeAcrossTheCoreRace(pact, c), id).to.equal(c.status);
    }
    const written = JSON.parse(await readFile(path.join(dir, 'own-pact-sinch-numbers.json'), 'utf8')) as {
      interactions: { description: string; comments: { references: Record<string, Record<string, string>> } }[];
    };
    const refs = written.interactions.map((i) => i.comments.references['numbers-contract-kit']?.caseId);
    expect(refs.sort()).to.deep.equal([...ids].sort());
  });
});
