import { expect } from 'chai';
import { loadCatalog, selectCases, type CaseSelector } from '../../src/catalog/index.js';
import { CASE_FILTERS, SELECTOR_KEYS, SINCH_SDK_TRIGGERS } from '../../src/catalog/select.js';
import type { Catalog } from '../../src/catalog/types.js';
import { KitError } from '../../src/errors.js';
import { CASE_COUNT, ERROR_CASE_COUNT, PROVISIONING_CASE_COUNT } from '../helpers/catalog-size.js';
import { bundledSpec } from '../helpers/paths.js';

describe('case selection (selectCases, the one selector)', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await loadCatalog(bundledSpec);
  });

  const selected: [CaseSelector, number][] = [
    [{}, CASE_COUNT],
    [{ operation: 'NumberService_RentNumber' }, 21],
    [{ operation: ['NumberService_RentNumber', 'NumberService_GetActiveNumber'], status: [400, 403] }, 17],
    [{ status: '403' as unknown as number }, 36],
    [{ code: 'unknown_campaign' }, 3],
    [{ envelope: 'legacy', code: 'syntax_invalid_json' }, 6],
    [{ id: 'NumberService_RentNumber/403/unknown_campaign' }, 1],
    [{ operation: undefined }, CASE_COUNT],
    [{ trigger: SINCH_SDK_TRIGGERS }, CASE_COUNT - 13 - 6 - 6],
    [{ operation: 'NumberService_GetActiveNumber', trigger: SINCH_SDK_TRIGGERS }, 10 + PROVISIONING_CASE_COUNT],
    [{ kind: 'provisioning' }, PROVISIONING_CASE_COUNT],
    [{ kind: ['error'] }, ERROR_CASE_COUNT],
    [{ status: 200 }, PROVISIONING_CASE_COUNT],
    [{ code: 'CAMPAIGN_EXPIRED' }, 1],
    [{ kind: 'provisioning', code: ['INSUFFICIENT_BALANCE', 'TFN_NOT_ALLOWED'] }, 2],
    [{ operation: 'NumberService_GetActiveNumber', kind: 'error', trigger: SINCH_SDK_TRIGGERS }, 10],
    [{ source: 'sdk' }, 2],
    [{ source: ['official'], status: 500 }, 30],
    [{ source: 'inferred', operation: 'NumberService_GetActiveNumber' }, 6],
  ];
  for (const [selector, count] of selected) {
    it(`${JSON.stringify(selector)} selects ${count} cases, in catalog order`, () => {
      const cases = selectCases(catalog.cases, selector);
      expect(cases).to.have.length(count);
      expect(cases).to.deep.equal(catalog.cases.filter((c) => cases.includes(c)));
    });
  }

  const refused: [string, unknown, string, string, string][] = [
    ['an unknown key', { operations: 'NumberService_RentNumber' }, 'UNKNOWN_SELECTOR', 'select.operations', 'unknown selection key (did you mean "operation"?); the keys are operation, status, code, envelope, id, trigger, source, kind'],
    ['an array', [], 'UNKNOWN_SELECTOR', 'select', "a selection is an object like { operation: 'NumberService_RentNumber' }, not an array"],
    ['an operation without its prefix', { operation: 'RentNumber' }, 'UNKNOWN_OPERATION', 'select.operation', 'no case has operation "RentNumber" (did you mean "NumberService_RentNumber"?); known: NumberService_ListAvailableNumbers, '],
    ['a misspelt code', { code: 'unknwon_campaign' }, 'UNKNOWN_CODE', 'select.code', 'no case has code "unknwon_campaign" (did you mean "unknown_campaign"?); known: INVALID_ARGUMENT, '],
    ['a status no case has', { status: 418 }, 'BAD_STATUS', 'select.status', 'no case has status 418; known: 200, 400, 401, 403, 404, 405, 415, 429, 500, 503'],
    ['a malformed status', { status: '40x' }, 'BAD_STATUS', 'select.status', 'takes an HTTP status such as 404, got "40x"'],
    ['an unknown envelope', { envelope: 'soap' }, 'BAD_ENVELOPE', 'select.envelope', 'takes google or legacy, got "soap"'],
    ['a misspelt case id', { id: 'NumberService_RentNumber/403/unknown_campain' }, 'UNKNOWN_CASE', 'select.id', '(did you mean "NumberService_RentNumber/403/unknown_campaign"?); known: '],
    ['an unknown trigger kind', { trigger: 'headers' }, 'UNKNOWN_TRIGGER', 'select.trigger', 'no case has trigger "headers"; known: state, credentials, method, content-type, json, body, query, path'],
    ['an unknown kind of case', { kind: 'warning' }, 'UNKNOWN_KIND', 'select.kind', 'no case has kind "warning"; known: error, provisioning'],
    ['an envelope on provisioning failures, which have none', { kind: 'provisioning', envelope: 'google' }, 'EMPTY_SELECTION', 'select.kind', 'envelope google has no case with kind provisioning (its kinds: error)'],
    ['an empty list', { status: [] }, 'EMPTY_SELECTION', 'select.status', 'an empty list selects nothing; leave select.status out to take every status'],
    [
      'an operation and a code it never has',
      { operation: 'NumberService_GetActiveNumber', code: 'unknown_campaign' },
      'EMPTY_SELECTION',
      'select.code',
      'operation NumberService_GetActiveNumber has no case with code unknown_campaign (its codes: syntax_invalid_parameter_format, INVALID_ARGUMENT, UNAUTHENTICATED, PERMISSION_DENIED, blocked_account, NOT_FOUND, UNIMPLEMENTED, RESOURCE_EXHAUSTED, INTERNAL, UNKNOWN, UNAVAILABLE, ERROR_CODE_UNSPECIFIED, INTERNAL_ERROR, SMS_PROVISIONING_FAILED, CAMPAIGN_PROVISIONING_FAILED, CAMPAIGN_NOT_AVAILABLE, EXCEEDED_10DLC_LIMIT, NUMBER_PROVISIONING_FAILED, PARTNER_SERVICE_UNAVAILABLE, CAMPAIGN_PENDING_ACCEPTANCE, MNO_SHARING_ERROR, CAMPAIGN_EXPIRED, CAMPAIGN_MNO_REJECTED, CAMPAIGN_MNO_SUSPENDED, CAMPAIGN_MNO_REVIEW, INSUFFICIENT_BALANCE, MOCK_CAMPAIGN_NOT_ALLOWED, TFN_NOT_ALLOWED, INVALID_NNID)',
    ],
    [
      'three filters, the last empties it',
      { operation: 'NumberService_GetActiveNumber', status: 404, envelope: 'legacy' },
      'EMPTY_SELECTION',
      'select.envelope',
      'operation NumberService_GetActiveNumber with status 404 has no case with envelope legacy (its envelopes: google)',
    ],
  ];
  for (const [what, selector, code, argument, message] of refused) {
    it(`refuses ${what}: ${code} ${argument}`, () => {
      let error: unknown;
      try {
        selectCases(catalog.cases, selector as CaseSelector);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(KitError);
      const { code: gotCode, argument: gotArgument, message: gotMessage } = error as KitError;
      expect({ code: gotCode, argument: gotArgument }).to.deep.equal({ code, argument });
      expect(gotMessage).to.include(message);
      expect(gotMessage).to.not.include('\n');
    });
  }

  it('names the CLI flag when asked to', () => {
    expect(() => selectCases(catalog.cases, { status: [418] }, { label: (key) => `--${key}` }))
      .to.throw(KitError)
      .with.property('argument', '--status');
  });

  it('lists at most 30 known values, then how many more', () => {
    expect(() => selectCases(catalog.cases, { id: 'nope' })).to.throw(KitError, `, ... (${CASE_COUNT - 30} more)`);
  });

  it('has one row per selector key, each with a registered code', () => {
    expect(SELECTOR_KEYS).to.deep.equal(['operation', 'status', 'code', 'envelope', 'id', 'trigger', 'source', 'kind']);
    for (const key of SELECTOR_KEYS) expect(CASE_FILTERS[key].noun, key).to.be.a('string');
  });
});
