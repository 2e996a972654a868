import { expect } from 'chai';
import { NUMBERS_ERROR_CODES, NUMBERS_OPERATION_IDS } from '../../src/catalog/generated.js';
import { documentedStatuses, normaliseExpected } from '../../src/match/expected.js';
import { isKitError } from '../../src/errors.js';

const CODES = NUMBERS_ERROR_CODES.join(', ');

function usage(expected: unknown, options?: unknown): string {
  try {
    normaliseExpected('toBeNumbersError', expected, options);
  } catch (error) {
    expect(isKitError(error), String(error)).to.equal(true);
    expect((error as { code: string }).code).to.equal('MATCHER_USAGE');
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('normaliseExpected: the expected argument', () => {
  it('accepts a code, a status and a shape', () => {
    expect(normaliseExpected('m', 'unknown_campaign', undefined)).to.deep.equal({ form: 'code', code: 'unknown_campaign' });
    expect(normaliseExpected('m', 404, { operation: 'NumberService_GetActiveNumber' })).to.deep.equal({ form: 'status', status: 404, operation: 'NumberService_GetActiveNumber' });
    expect(normaliseExpected('m', { code: 'NOT_FOUND', envelope: 'google', message: 'x' }, {})).to.deep.equal({ form: 'shape', code: 'NOT_FOUND', envelope: 'google', message: 'x' });
  });

  const ROWS: [string, unknown, unknown, string][] = [
    ['a misspelt code', 'unknwon_campaign', undefined, `toBeNumbersError: unknown Numbers error code "unknwon_campaign" (did you mean "unknown_campaign"?). Valid codes: ${CODES}`],
    ['a code in the wrong case', 'not_found', undefined, `toBeNumbersError: unknown Numbers error code "not_found" (did you mean "NOT_FOUND"?). Valid codes: ${CODES}`],
    ['an unrelated code', 'ALREADY_EXISTS', undefined, `toBeNumbersError: unknown Numbers error code "ALREADY_EXISTS". Valid codes: ${CODES}`],
    ['an undocumented status', 502, undefined, `toBeNumbersError: status 502 is not documented for any Numbers error. Documented statuses: ${documentedStatuses().join(', ')}`],
    ['no expected', undefined, undefined, 'toBeNumbersError: expected must be a Numbers error code, an HTTP status or { status?, code?, envelope?, message? }; got undefined'],
    ['an array', ['x'], undefined, 'toBeNumbersError: expected must be a Numbers error code, an HTTP status or { status?, code?, envelope?, message? }; got an array'],
    ['an empty shape', {}, undefined, 'toBeNumbersError: expected names none of status, code, envelope, message'],
    ['an unknown field', { httpStatus: 403 }, undefined, 'toBeNumbersError: unknown field "httpStatus" in expected; allowed: status, code, envelope, message'],
    ['a bad envelope', { envelope: 'soap' }, undefined, 'toBeNumbersError: envelope must be "google" or "legacy"; got "soap"'],
    ['a bad message', { message: 3 }, undefined, 'toBeNumbersError: message must be a string or a RegExp; got 3'],
    ['a code with a status it never has', { code: 'unknown_campaign', status: 400 }, undefined, 'toBeNumbersError: unknown_campaign is documented only with status 403, not 400'],
    ['a code with the other envelope', { code: 'NOT_FOUND', envelope: 'legacy' }, undefined, 'toBeNumbersError: NOT_FOUND is documented only with the google envelope, not legacy'],
    ['an unknown operation', 'NOT_FOUND', { operation: 'GetActiveNumber' }, `toBeNumbersError: unknown operation "GetActiveNumber" (did you mean "NumberService_GetActiveNumber"?). Valid operations: ${NUMBERS_OPERATION_IDS.join(', ')}`],
    ['an unknown option', 'NOT_FOUND', { op: 'x' }, 'toBeNumbersError: unknown option "op"; allowed: operation'],
    ['options not an object', 'NOT_FOUND', 'NumberService_RentNumber', 'toBeNumbersError: options must be an object like { operation: \'<operationId>\' }; got "NumberService_RentNumber"'],
  ];
  for (const [name, expected, options, message] of ROWS) {
    it(`rejects ${name}`, () => expect(usage(expected, options)).to.equal(message));
  }
});
