/**
 * Received values and the exact failure messages they give, shared by the chai and the Jest
 * `expect` tests (one formatter words both). Only the "Documented:" line is derived from the
 * generated tables, so these stay right when the catalog grows.
 */
import { CODE_INFO, DOCUMENTED_ERRORS, NUMBERS_ERROR_CODES } from '../../src/catalog/generated.js';
import type { NumbersOperationId } from '../../src/catalog/types.js';

const codesFor = (status: number): string => NUMBERS_ERROR_CODES.filter((c) => CODE_INFO[c].statuses.includes(status)).join(', ');

function documentedFor(operation: NumbersOperationId): string {
  const byStatus = new Map<number, string[]>();
  for (const row of DOCUMENTED_ERRORS[operation]) {
    const codes = byStatus.get(row.status) ?? [];
    if (!codes.includes(row.code)) codes.push(row.code);
    byStatus.set(row.status, codes);
  }
  return [...byStatus]
    .sort((a, b) => a[0] - b[0])
    .map(([s, c]) => `${s} ${c.join(', ')}`)
    .join('; ');
}

const CAMPAIGN_TEXT = "The campaign ID doesn't match the specified originator.";
const PARSING = 'parsing field "type": "XXX" is not a valid value';

export const legacy403 = () => ({ status: 403, headers: { 'content-type': 'application/json' }, body: { code: 'unknown_campaign', text: CAMPAIGN_TEXT } });
export const google400 = () => ({ status: 400, body: { error: { code: 400, message: PARSING, status: 'INVALID_ARGUMENT', details: [] } } });
export const html502 = () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: {}, text: '<html><head><title>502 Bad Gateway</title></head></html>' });

const LEGACY_BODY = `{"code":"unknown_campaign","text":"${CAMPAIGN_TEXT}"}`;
const GOOGLE_BODY = '{"error":{"code":400,"message":"parsing field \\"type\\": \\"XXX\\" is not a valid value","status":"INVALID_ARGUMENT","details":[]}}';
const RECEIVED_LEGACY = `Received: (an HTTP response) status 403, envelope legacy, code unknown_campaign (legacy code), message "${CAMPAIGN_TEXT}", headers content-type=application/json, body: ${LEGACY_BODY}`;
const RECEIVED_GOOGLE = `Received: (an HTTP response) status 400, envelope google, code INVALID_ARGUMENT (error.status), message "parsing field \\"type\\": \\"XXX\\" is not a valid value", body: ${GOOGLE_BODY}`;

/** google400 against 'unknown_campaign'. */
export const WRONG_CODE = [
  'expected a Numbers error unknown_campaign (403, legacy envelope), but received INVALID_ARGUMENT (400, google envelope)',
  '',
  'Expected: code unknown_campaign, status 403, envelope legacy',
  RECEIVED_GOOGLE,
  'Mismatch: code (compared error.status): expected unknown_campaign, got INVALID_ARGUMENT; status: expected 403, got 400; envelope: expected legacy, got google',
  `Documented: for status 400: ${codesFor(400)}`,
].join('\n');

/** legacy403, negated 'unknown_campaign'. */
export const NOT_CODE = ['expected not to be a Numbers error unknown_campaign, but it is (403, legacy envelope)', '', RECEIVED_LEGACY].join('\n');

/** legacy403, negated 403. */
export const NOT_STATUS = ['expected not to be a Numbers error with status 403, but it is (unknown_campaign, 403, legacy envelope)', '', RECEIVED_LEGACY].join('\n');

/** html502 against 'unknown_campaign'. */
export const HTML = [
  'expected a Numbers error unknown_campaign (403, legacy envelope), but received status 502 with an HTML body (text/html), e.g. a gateway error page, not a Numbers error',
  '',
  'Expected: code unknown_campaign, status 403, envelope legacy',
  'Received: (an HTTP response) status 502, an HTML body (text/html), e.g. a gateway error page, headers content-type=text/html, body: "<html><head><title>502 Bad Gateway</title></head></html>"',
  `Documented: no Numbers error has status 502 (documented statuses: ${[...new Set(NUMBERS_ERROR_CODES.flatMap((c) => CODE_INFO[c].statuses))].sort((a, b) => a - b).join(', ')})`,
].join('\n');

/** legacy403 against 'unknown_campaign' for an operation that does not document it. */
export const WRONG_OPERATION = [
  'expected a Numbers error unknown_campaign (403, legacy envelope), documented for NumberService_ListActiveNumbers, but received unknown_campaign (403, legacy envelope)',
  '',
  'Expected: code unknown_campaign, status 403, envelope legacy, documented for NumberService_ListActiveNumbers',
  RECEIVED_LEGACY,
  'Mismatch: unknown_campaign (403, legacy envelope) is not documented for NumberService_ListActiveNumbers',
  `Documented: for NumberService_ListActiveNumbers: ${documentedFor('NumberService_ListActiveNumbers')}`,
].join('\n');

/** google400 against { code: 'INVALID_ARGUMENT', message: /credit/ }. */
const IA = CODE_INFO.INVALID_ARGUMENT.statuses.join(' or ');
export const WRONG_MESSAGE = [
  `expected a Numbers error INVALID_ARGUMENT (${IA}, google envelope) with a message matching /credit/, but received INVALID_ARGUMENT (400, google envelope)`,
  '',
  `Expected: code INVALID_ARGUMENT, status ${IA}, envelope google, message matching /credit/`,
  RECEIVED_GOOGLE,
  'Mismatch: message: expected a message matching /credit/, got "parsing field \\"type\\": \\"XXX\\" is not a valid value"',
  `Documented: for status 400: ${codesFor(400)}`,
].join('\n');

export const USAGE_CODE = `unknown Numbers error code "unknwon_campaign" (did you mean "unknown_campaign"?). Valid codes: ${NUMBERS_ERROR_CODES.join(', ')}`;
