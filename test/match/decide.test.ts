import { expect } from 'chai';
import { decide } from '../../src/match/decide.js';
import { normaliseExpected } from '../../src/match/expected.js';
import { parseNumbersError } from '../../src/match/parse.js';
import type { ParsedNumbersError } from '../../src/match/types.js';

const parse = (x: unknown): ParsedNumbersError => parseNumbersError(x) as ParsedNumbersError;
const legacy403 = { status: 403, body: { code: 'unknown_campaign', text: "The campaign ID doesn't match the specified originator." } };
const google400 = { status: 400, body: { error: { code: 400, message: 'parsing field "type": "XXX" is not a valid value', status: 'INVALID_ARGUMENT', details: [] } } };
const google415 = { status: 415, body: { error: { code: 415, message: '', status: 'INVALID_ARGUMENT', details: [] } } };
const plainLegacy = { code: 'blocked_account', text: 'blocked' };

interface Row {
  name: string;
  received: unknown;
  expected: unknown;
  options?: unknown;
  pass: boolean;
  kinds?: string[];
}

const ROWS: Row[] = [
  { name: 'code matches', received: legacy403, expected: 'unknown_campaign', pass: true },
  { name: 'code differs', received: legacy403, expected: 'blocked_account', pass: false, kinds: ['code'] },
  { name: 'other envelope and status', received: google400, expected: 'unknown_campaign', pass: false, kinds: ['code', 'status', 'envelope'] },
  { name: 'a code documented with two statuses accepts both', received: google415, expected: 'INVALID_ARGUMENT', pass: true },
  { name: 'status form', received: legacy403, expected: 403, pass: true },
  { name: 'status form, other status', received: google400, expected: 403, pass: false, kinds: ['status'] },
  { name: 'status form needs a documented code', received: { status: 403, body: { code: 'campaign_not_found', text: 'x' } }, expected: 403, pass: false, kinds: ['undocumented'] },
  { name: 'status form needs the code documented with that status', received: { status: 400, body: { code: 'unknown_campaign', text: 'x' } }, expected: 400, pass: false, kinds: ['undocumented'] },
  { name: 'shape: status + code', received: google415, expected: { status: 415, code: 'INVALID_ARGUMENT' }, pass: true },
  { name: 'shape: status narrows the code statuses', received: google400, expected: { status: 415, code: 'INVALID_ARGUMENT' }, pass: false, kinds: ['status'] },
  { name: 'shape: envelope only', received: legacy403, expected: { envelope: 'legacy' }, pass: true },
  { name: 'shape: envelope differs', received: legacy403, expected: { envelope: 'google' }, pass: false, kinds: ['envelope'] },
  { name: 'shape: message substring', received: google400, expected: { message: 'not a valid value' }, pass: true },
  { name: 'shape: message RegExp', received: google400, expected: { code: 'INVALID_ARGUMENT', message: /^parsing field/ }, pass: true },
  { name: 'shape: global RegExp ignores lastIndex', received: google400, expected: { message: Object.assign(/field/g, { lastIndex: 40 }) }, pass: true },
  { name: 'shape: message differs', received: google400, expected: { message: /credit/ }, pass: false, kinds: ['message'] },
  { name: 'plain legacy body: code form skips the unknown status', received: plainLegacy, expected: 'blocked_account', pass: true },
  { name: 'plain legacy body: a status cannot be checked', received: plainLegacy, expected: { code: 'blocked_account', status: 403 }, pass: false, kinds: ['status-unknown'] },
  { name: 'plain Google body: status from error.code', received: google400.body, expected: { status: 400 }, pass: true },
  { name: 'body error.code differs from HTTP status', received: { status: 403, body: google400.body }, expected: 'INVALID_ARGUMENT', pass: false, kinds: ['status', 'body-status'] },
  { name: 'operation documents it', received: legacy403, expected: 'unknown_campaign', options: { operation: 'NumberService_RentNumber' }, pass: true },
  { name: 'operation does not document it', received: legacy403, expected: 'unknown_campaign', options: { operation: 'NumberService_ListActiveNumbers' }, pass: false, kinds: ['operation'] },
  { name: 'operation: status form', received: google415, expected: 415, options: { operation: 'NumberService_GetActiveNumber' }, pass: false, kinds: ['operation'] },
  { name: 'not a Numbers error', received: { status: 502, text: '<html></html>', body: {} }, expected: 'unknown_campaign', pass: false, kinds: ['not-a-numbers-error'] },
];

describe('decide: a parsed error against an expectation', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const verdict = decide(parse(row.received), normaliseExpected('toBeNumbersError', row.expected, row.options));
      expect(verdict.pass).to.equal(row.pass);
      expect(verdict.mismatches.map((m) => m.kind)).to.deep.equal(row.kinds ?? []);
    });
  }
});
