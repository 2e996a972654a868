import { expect } from 'chai';
import { loadCatalog } from '../../src/catalog/index.js';
import { isErrorCase, type Catalog, type ErrorCase } from '../../src/catalog/types.js';
import { bundledSpec } from '../helpers/paths.js';

const ALL = [
  'NumberService_ListAvailableNumbers',
  'NumberService_GetAvailableNumber',
  'NumberService_RentNumber',
  'NumberService_RentAnyNumber',
  'NumberService_ListActiveNumbers',
  'NumberService_GetActiveNumber',
  'NumberService_UpdateActiveNumber',
  'NumberService_ReleaseNumber',
  'NumberService_GetEmergencyAddress',
  'NumberService_ProvisionEmergencyAddress',
  'NumberService_DeprovisionEmergencyAddress',
  'NumberService_ValidateEmergencyAddress',
  'NumberService_ListAvailableRegions',
  'GetCallbackConfiguration',
  'UpdateCallbackConfiguration',
];
const WITH_JSON_BODY = ['NumberService_RentNumber', 'NumberService_RentAnyNumber', 'NumberService_UpdateActiveNumber', 'NumberService_ProvisionEmergencyAddress', 'NumberService_ValidateEmergencyAddress', 'UpdateCallbackConfiguration'];
const PHONE_NUMBER_IN_PATH = [
  'NumberService_GetAvailableNumber',
  'NumberService_RentNumber',
  'NumberService_GetActiveNumber',
  'NumberService_UpdateActiveNumber',
  'NumberService_ReleaseNumber',
  'NumberService_GetEmergencyAddress',
  'NumberService_ProvisionEmergencyAddress',
  'NumberService_DeprovisionEmergencyAddress',
  'NumberService_ValidateEmergencyAddress',
];
const RENTING = ['NumberService_RentNumber', 'NumberService_RentAnyNumber'];
/** The first operation of each path: 405 is documented once per path. */
const FIRST_OF_PATH = ALL.filter((op) => op !== 'NumberService_UpdateActiveNumber' && op !== 'UpdateCallbackConfiguration');
const QUERY_OR_BODY_VALUES = [
  'NumberService_ListAvailableNumbers',
  'NumberService_RentNumber',
  'NumberService_RentAnyNumber',
  'NumberService_ListActiveNumbers',
  'NumberService_UpdateActiveNumber',
  'NumberService_ProvisionEmergencyAddress',
  'NumberService_ValidateEmergencyAddress',
  'NumberService_ListAvailableRegions',
  'GetCallbackConfiguration',
  'UpdateCallbackConfiguration',
];

/** The rules of openapi/README.md, one row each: the status and code apply to exactly these operations. */
const RULES: { status: number; code: string; operations: string[]; count?: number }[] = [
  { status: 400, code: 'syntax_invalid_json', operations: WITH_JSON_BODY },
  { status: 400, code: 'syntax_constraint_violation', operations: WITH_JSON_BODY },
  { status: 400, code: 'syntax_invalid_parameter_format', operations: PHONE_NUMBER_IN_PATH },
  { status: 400, code: 'INVALID_ARGUMENT', operations: [...new Set([...QUERY_OR_BODY_VALUES, ...PHONE_NUMBER_IN_PATH])] },
  { status: 400, code: 'FAILED_PRECONDITION', operations: RENTING, count: 3 },
  { status: 401, code: 'UNAUTHENTICATED', operations: ALL },
  { status: 403, code: 'PERMISSION_DENIED', operations: ALL },
  { status: 403, code: 'blocked_account', operations: ALL },
  { status: 403, code: 'illegal_number_type', operations: RENTING },
  { status: 403, code: 'unknown_campaign', operations: ['NumberService_RentNumber', 'NumberService_RentAnyNumber', 'NumberService_UpdateActiveNumber'] },
  { status: 404, code: 'NOT_FOUND', operations: ALL },
  { status: 405, code: 'UNIMPLEMENTED', operations: FIRST_OF_PATH },
  { status: 415, code: 'INVALID_ARGUMENT', operations: WITH_JSON_BODY },
  { status: 429, code: 'RESOURCE_EXHAUSTED', operations: ALL },
  { status: 500, code: 'INTERNAL', operations: ALL },
  { status: 500, code: 'UNKNOWN', operations: ALL },
  { status: 503, code: 'UNAVAILABLE', operations: ALL },
];

describe('applicability of documented errors', () => {
  // The HTTP errors; the provisioning failures (200) have their own rules (test/catalog/provisioning.test.ts).
  let catalog: Catalog;
  let errors: ErrorCase[];
  before(async () => {
    catalog = await loadCatalog(bundledSpec);
    errors = catalog.cases.filter(isErrorCase);
  });

  it('covers the 15 operations of Numbers v1 with their official operationIds', () => {
    expect(catalog.operations.map((o) => o.operationId)).to.deep.equal(ALL);
  });

  for (const rule of RULES) {
    for (const operation of ALL) {
      const applies = rule.operations.includes(operation);
      it(`${applies ? 'documents' : 'does not document'} ${rule.status} ${rule.code} on ${operation}`, () => {
        const found = errors.filter((c) => c.operationId === operation && c.status === rule.status && c.code === rule.code);
        if (applies)
          expect(found.length)
            .to.equal(rule.count ?? found.length)
            .and.to.be.greaterThan(0);
        else expect(found.map((c) => c.id)).to.deep.equal([]);
      });
    }
  }

  it('has no case outside the rules', () => {
    const outside = errors.filter((c) => !RULES.some((r) => r.status === c.status && r.code === c.code && r.operations.includes(c.operationId)));
    expect(outside.map((c) => c.id)).to.deep.equal([]);
  });

  it('holds every status and code of the status-codes page', () => {
    expect([...new Set(errors.map((c) => c.status))].sort()).to.deep.equal([400, 401, 403, 404, 405, 415, 429, 500, 503]);
    const codes = new Set<string>(errors.map((c) => c.code));
    for (const code of [
      'syntax_constraint_violation',
      'syntax_invalid_json',
      'syntax_invalid_parameter_format',
      'blocked_account',
      'illegal_number_type',
      'unknown_campaign',
      'INVALID_ARGUMENT',
      'FAILED_PRECONDITION',
      'PERMISSION_DENIED',
      'NOT_FOUND',
    ]) {
      expect(codes.has(code), code).to.equal(true);
    }
    expect(errors.filter((c) => c.code === 'FAILED_PRECONDITION' && c.operationId === 'NumberService_RentNumber').map((c) => c.exampleName)).to.deep.equal(['no_credit', 'missing_10dlc_documents', 'unsupported_currency']);
  });

  it('gives every case a trigger, a provider state and provenance', () => {
    for (const c of catalog.cases) {
      expect(c.trigger.description, c.id).to.be.a('string').and.not.equal('');
      expect(c.state.name, c.id).to.be.a('string').and.not.equal('');
      expect(c.provenance.quote, c.id).to.be.a('string').and.not.equal('');
      expect(c.sources.length, c.id).to.be.greaterThan(0);
      // An inferred envelope is always said, with the reasoning, among the sources.
      if (c.inferred)
        expect(
          c.sources.map((s) => s.kind),
          c.id,
        ).to.include('inferred');
    }
  });

  it('marks the statuses the page gives without a body, and no official source shows, as inferred', () => {
    for (const c of errors.filter((x) => [401, 405, 415, 429, 503].includes(x.status))) expect(c.inferred, c.id).to.equal(true);
    for (const c of errors.filter((x) => x.status === 500)) {
      expect(c.inferred, c.id).to.equal(false);
      expect(c.sources[0]?.kind, c.id).to.equal('official-spec');
    }
  });

  it('gives two cases with the same request different provider states', () => {
    const byRequest = new Map<string, string[]>();
    for (const c of catalog.cases) {
      const key = JSON.stringify([c.request, c.state]);
      byRequest.set(key, [...(byRequest.get(key) ?? []), c.id]);
    }
    expect([...byRequest.values()].filter((ids) => ids.length > 1)).to.deep.equal([]);
  });

  it('uses fictional data only: the SDK mock project id and 555-01xx numbers', () => {
    for (const c of catalog.cases) {
      expect(c.request.path, c.id).to.match(/^\/v1\/projects\/12c0ffee-dada-beef-cafe-baadc0de5678\//);
      for (const n of c.request.path.match(/\+\d+/g) ?? []) expect(n, c.id).to.match(/^\+120255501\d\d$/);
      expect(c.request.headers.Authorization, c.id).to.match(/^Bearer (example|invalid)-token$/);
    }
  });
});
