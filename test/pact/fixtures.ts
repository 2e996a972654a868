import type { Catalog, ErrorCase, NumbersOperationId } from '../../src/catalog/types.js';

export const PROJECT = 'a1b2c3d4-0000-4000-8000-00000000c0de';

/** A hand-built error case (fictional data); override what a test is about. */
export function makeErrorCase(overrides: Partial<ErrorCase> = {}): ErrorCase {
  const phone = '+12025550134';
  const base: ErrorCase = {
    id: 'NumberService_GetActiveNumber/404/not_found',
    operationId: 'NumberService_GetActiveNumber',
    method: 'GET',
    pathTemplate: '/v1/projects/{projectId}/activeNumbers/{phoneNumber}',
    status: 404,
    code: 'NOT_FOUND',
    envelope: 'google',
    exampleName: 'not_found',
    summary: 'The number is not an active number of the project',
    body: { error: { code: 404, message: 'Number not found', status: 'NOT_FOUND', details: [] } },
    responseHeaders: {},
    trigger: { kind: 'state', description: 'the number is not active' },
    request: {
      method: 'GET',
      path: `/v1/projects/${PROJECT}/activeNumbers/${phone}`,
      query: {},
      headers: { Authorization: 'Bearer example-token' },
    },
    state: { name: 'the phone number is not an active number of the project', params: { projectId: PROJECT, phoneNumber: phone } },
    sources: [{ kind: 'status-page', quote: 'fixture' }],
    provenance: { kind: 'status-page', source: 'numbers-status-codes.txt', quote: 'fixture' },
    inferred: false,
    pointer: '/paths/~1v1~1projects~1{projectId}~1activeNumbers~1{phoneNumber}/get/responses/404/content/application~1json/examples/not_found',
    schemaPointer: '/paths/~1v1~1projects~1{projectId}~1activeNumbers~1{phoneNumber}/get/responses/404/content/application~1json/schema',
  };
  return { ...base, ...overrides };
}

/** A legacy-envelope case on a POST with a JSON body. */
export function makeLegacyCase(overrides: Partial<ErrorCase> = {}): ErrorCase {
  const path = `/v1/projects/${PROJECT}/availableNumbers/+12025550156:rent`;
  return makeErrorCase({
    id: 'NumberService_RentNumber/403/unknown_campaign',
    operationId: 'NumberService_RentNumber',
    method: 'POST',
    pathTemplate: '/v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent',
    status: 403,
    code: 'unknown_campaign',
    envelope: 'legacy',
    exampleName: 'unknown_campaign',
    summary: 'The campaign is unknown',
    body: { code: 'unknown_campaign', text: 'Campaign CEXAMPL is unknown.' },
    request: {
      method: 'POST',
      path,
      query: {},
      headers: { Authorization: 'Bearer example-token', 'Content-Type': 'application/json' },
      body: { smsConfiguration: { servicePlanId: 'example-service-plan', campaignId: 'CEXAMPL' } },
    },
    state: { name: 'the campaign does not match the originator', params: { projectId: PROJECT, phoneNumber: '+12025550156' } },
    ...overrides,
  });
}

const OPERATIONS: NumbersOperationId[] = ['NumberService_GetActiveNumber', 'NumberService_ReleaseNumber', 'NumberService_GetAvailableNumber'];

/**
 * `n` distinct synthetic cases: alternating envelopes and statuses, each with its own phone number
 * and provider state, so every one needs its own mock server and interaction.
 */
export function syntheticCases(n: number): ErrorCase[] {
  return Array.from({ length: n }, (_, i) => {
    const phone = `+1202555${String(i).padStart(4, '0')}`;
    const operationId = OPERATIONS[i % OPERATIONS.length] ?? 'NumberService_GetActiveNumber';
    const example = `synthetic_${i}`;
    const state = { name: `synthetic state ${i}`, params: { projectId: PROJECT, phoneNumber: phone, index: i } };
    const request = { method: 'GET' as const, path: `/v1/projects/${PROJECT}/activeNumbers/${phone}`, query: {}, headers: { Authorization: 'Bearer example-token' } };
    const common = { operationId, exampleName: example, state, request, id: `${operationId}/${i % 2 === 0 ? 404 : 403}/${example}` };
    return i % 2 === 0
      ? makeErrorCase(common)
      : makeErrorCase({
          ...common,
          status: 403,
          code: 'blocked_account',
          envelope: 'legacy',
          body: { code: 'blocked_account', text: 'The account is blocked.' },
        });
  });
}

export function catalogOf(cases: ErrorCase[]): Catalog {
  return { specPath: '/fixture/spec.yaml', specSha256: 'f'.repeat(64), specVersion: '0.0.0-fixture', operations: [], cases, events: [] };
}
