import { expect } from 'chai';
import path from 'node:path';
import { buildCatalog } from '../../src/catalog/build.js';
import { createMapper, MAX_REASON_LENGTH, type Mapper } from '../../src/coverage/map.js';
import { coverageView, type PactFile } from '../../src/coverage/read.js';
import type { MappingResult, PactInteraction } from '../../src/coverage/types.js';
import { loadSpec } from '../../src/openapi/load.js';
import { readPactIfExists } from '../../src/pact/read.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';

const fixture = (name: string): string => path.join(repoRoot, 'test', 'fixtures', 'pacts', name);

/** [file, index, expected mapping (a subset of the result)] */
type Row = [string, number, Partial<MappingResult> & { result: MappingResult['result'] }];

const rows: Row[] = [
  // hand-written V3
  ['hand-v3.json', 0, { result: 'skipped', operationId: 'NumberService_GetActiveNumber', reason: 'not an error response (200)' }],
  ['hand-v3.json', 1, { result: 'covered', via: 'shape', caseIds: ['NumberService_GetActiveNumber/404/not_found'] }],
  ['hand-v3.json', 2, { result: 'covered', via: 'shape', caseIds: ['NumberService_GetActiveNumber/401/unauthenticated'] }],
  ['hand-v3.json', 3, { result: 'covered', via: 'shape', operationId: 'NumberService_GetActiveNumber', caseIds: ['NumberService_GetActiveNumber/405/method_not_allowed'] }],
  ['hand-v3.json', 4, { result: 'covered', via: 'shape', caseIds: ['NumberService_RentNumber/403/unknown_campaign'] }],
  ['hand-v3.json', 5, { result: 'undocumented', operationId: 'NumberService_RentNumber', reason: '403: legacy body missing text' }],
  ['hand-v3.json', 6, { result: 'undocumented', reason: 'status 418 is not documented for NumberService_GetActiveNumber (documented: 400, 401, 403, 404, 405, 429, 500, 503)' }],
  ['hand-v3.json', 7, { result: 'undocumented', reason: '404: google body missing error.status' }],
  [
    'hand-v3.json',
    8,
    {
      result: 'undocumented',
      reason: 'status 502 is not documented for NumberService_GetActiveNumber (documented: 400, 401, 403, 404, 405, 429, 500, 503); text/html body, not a Sinch error envelope',
    },
  ],
  ['hand-v3.json', 9, { result: 'undocumented', reason: 'GET /v1/projects/[redacted]/hostedNumbers: no path of the spec matches' }],
  ['hand-v3.json', 10, { result: 'undocumented', reason: '400: hybrid body: it fits both the google and the legacy envelope' }],
  [
    'hand-v3.json',
    11,
    {
      result: 'covered',
      via: 'shape',
      caseIds: ['NumberService_RentNumber/400/no_credit', 'NumberService_RentNumber/400/missing_10dlc_documents', 'NumberService_RentNumber/400/unsupported_currency'],
      note: 'matches 3 documented cases alike (no provider state, message or detail tells them apart)',
    },
  ],
  // hand-written V4
  ['hand-v4.json', 0, { result: 'covered', via: 'shape', caseIds: ['NumberService_ListAvailableNumbers/400/invalid_argument'] }],
  ['hand-v4.json', 1, { result: 'covered', via: 'shape', caseIds: ['NumberService_ListAvailableNumbers/403/blocked_account'] }],
  ['hand-v4.json', 2, { result: 'covered', via: 'shape', caseIds: ['NumberService_RentNumber/400/missing_10dlc_documents'] }],
  ['hand-v4.json', 3, { result: 'skipped', reason: 'not an HTTP interaction (Asynchronous/Messages)' }],
  ['hand-v4.json', 4, { result: 'undocumented', reason: 'stamped as NumberService_GetActiveNumber/404/not_found, but the interaction is 500 INTERNAL on NumberService_GetActiveNumber' }],
  ['hand-v4.json', 5, { result: 'undocumented', reason: 'stamped with case NumberService_GetActiveNumber/409/conflict, which the spec does not document' }],
  ['hand-v4.json', 6, { result: 'covered', via: 'stamp', caseIds: ['NumberService_GetActiveNumber/429/rate_limited'] }],
];

describe('coverage: interaction → case mapping', () => {
  let mapper: Mapper;
  const pacts = new Map<string, PactFile>();

  before(async () => {
    const spec = await loadSpec(bundledSpec);
    mapper = createMapper(buildCatalog(spec), spec.document);
    for (const name of ['hand-v3.json', 'hand-v4.json']) pacts.set(name, coverageView({ ...(await readPactIfExists(fixture(name)))!, shown: name }));
  });

  for (const [file, index, expected] of rows) {
    const what = expected.result === 'covered' ? `covered via ${expected.via}: ${expected.caseIds?.join(', ')}` : `${expected.result}: ${expected.reason}`;
    it(`${file} #${index} → ${what}`, () => {
      const interaction = pacts.get(file)?.interactions[index];
      expect(interaction, 'fixture interaction').to.not.equal(undefined);
      expect(mapper.map(interaction!)).to.include(expected.result === 'covered' ? { result: 'covered' } : expected);
      if (expected.result === 'covered') expect(mapper.map(interaction!)).to.deep.include(expected);
    });
  }

  it(`bounds every reason to ${MAX_REASON_LENGTH} characters (issue 15 sweep: a pact's 1 MB code, 200,000 error codes of a FAILED job)`, () => {
    const base = { file: 'long.json', index: 0, description: 'd', type: 'Synchronous/HTTP', http: true, providerStates: [] as string[], stamp: undefined };
    const json = (value: unknown): PactInteraction['body'] => ({ kind: 'json', value, contentType: 'application/json' });
    const longCode = mapper.map({ ...base, method: 'GET', path: '/v1/projects/p/activeNumbers/+12025550123', status: 404, body: json({ error: { code: 404, message: 'm', status: 'A'.repeat(1_000_000), details: [] } }) });
    const manyCodes = mapper.map({
      ...base,
      method: 'GET',
      path: '/v1/projects/p/activeNumbers/+12025550123',
      status: 200,
      body: json({ phoneNumber: '+12025550123', smsConfiguration: { scheduledProvisioning: { status: 'FAILED', errorCodes: Array.from({ length: 200_000 }, (_, i) => `CODE_${i}`) } } }),
    });
    for (const result of [longCode, manyCodes]) {
      expect(result.result).to.equal('undocumented');
      const reason = (result as { reason: string }).reason;
      expect(reason).to.have.length(MAX_REASON_LENGTH);
      expect(reason.endsWith('...')).to.equal(true);
    }
  });

  it('the fixtures have no interaction the table leaves out', () => {
    for (const [name, pact] of pacts) expect(rows.filter((r) => r[0] === name)).to.have.length(pact.interactions.length);
  });
});
