import { expect } from 'chai';
import fc from 'fast-check';
import { isKitError } from '../../src/errors.js';
import { formatVerdict } from '../../src/match/format.js';
import { parseNumbersError } from '../../src/match/parse.js';
import { checkNumbersError } from '../../src/match/run.js';
import type { Verdict } from '../../src/match/decide.js';
import type { ParsedNumbersError } from '../../src/match/types.js';

const RUNS = 2000;
const ADAPTER = { matcher: 'toBeNumbersError', promiseHint: '' };
const prototypeKeys = (): string[] => [Object.prototype, Array.prototype, Function.prototype].flatMap((p) => Object.getOwnPropertyNames(p)).sort();

/** Google and legacy bodies, then mutated: fields dropped, retyped, poisoned keys added. */
const envelope = fc.oneof(
  fc.record({
    error: fc.record({ code: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.constantFrom('400', '404', 'x')), message: fc.string(), status: fc.string(), details: fc.array(fc.jsonValue(), { maxLength: 3 }) }, { requiredKeys: [] }),
  }),
  fc.record({ code: fc.oneof(fc.string(), fc.integer()), text: fc.oneof(fc.string(), fc.constant(null)) }, { requiredKeys: [] }),
);
const poisonKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');
const poisoned = fc.tuple(envelope, poisonKey, fc.jsonValue()).map(([body, key, value]) => {
  const text = JSON.stringify(body);
  return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify({ polluted: value, prototype: { polluted: 1 } })}}`;
});
const receiver = (body: fc.Arbitrary<unknown>) =>
  fc.oneof(
    body,
    body.map((b) => JSON.stringify(b)),
    fc.tuple(fc.integer({ min: 100, max: 599 }), body).map(([status, b]) => ({ status, body: b })),
    fc.tuple(fc.integer({ min: 100, max: 599 }), body).map(([statusCode, b]) => ({ statusCode, body: b, headers: { 'Retry-After': '1' } })),
    fc.tuple(fc.integer({ min: 100, max: 599 }), body).map(([status, b]) => ({ status, data: b, headers: {}, config: { headers: { Authorization: 'Bearer t' } } })),
    fc.tuple(fc.integer({ min: 100, max: 599 }), body).map(([statusCode, b]) => Object.assign(new Error('x'), { statusCode, data: JSON.stringify(b, null, 2), responseHeaders: {} })),
  );

describe('parseNumbersError: properties (fast-check)', () => {
  it('never throws, and always says whether it is a Numbers error, on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }), (value) => {
        const parsed = parseNumbersError(value);
        expect(parsed).to.not.be.instanceOf(Promise);
        expect(typeof (parsed as { isNumbersError: unknown }).isNumbersError).to.equal('boolean');
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary text, truncated envelopes and arbitrary receivers', () => {
    const truncated = fc.tuple(envelope, fc.nat()).map(([body, n]) => {
      const text = JSON.stringify(body);
      return text.slice(0, n % (text.length + 1));
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), truncated, receiver(envelope), receiver(fc.jsonValue())), (value) => {
        const a = parseNumbersError(value);
        const b = parseNumbersError(value);
        expect(JSON.stringify(a)).to.equal(JSON.stringify(b)); // stable
      }),
      { numRuns: RUNS },
    );
  });

  it('the matcher only ever passes, fails, or throws a usage error; messages stay bounded', () => {
    fc.assert(
      fc.property(fc.oneof(receiver(envelope), fc.anything()), fc.constantFrom('unknown_campaign', 'NOT_FOUND', 403, { envelope: 'google' }), (value, expected) => {
        try {
          const verdict = checkNumbersError(ADAPTER, value, expected, undefined) as Verdict;
          const text = formatVerdict(verdict);
          expect(text.length).to.be.lessThan(4000);
        } catch (error) {
          expect(isKitError(error), String(error)).to.equal(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never pollutes prototypes, whatever the keys', () => {
    const before = prototypeKeys();
    const fixed = [
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
      '{"code":"x","text":"y","__proto__":{"polluted":1}}',
      '{"error":{"code":400,"message":"","status":"INVALID_ARGUMENT","details":[{"__proto__":{"polluted":1}},{"constructor":{"prototype":{"polluted":1}}}]}}',
      '{"error":{"__proto__":{"code":400,"status":"X","polluted":1}}}',
    ];
    try {
      for (const text of fixed) {
        for (const value of [text, JSON.parse(text), { status: 400, body: JSON.parse(text) }, Buffer.from(text)]) {
          formatVerdict(checkNumbersError(ADAPTER, value, 'INVALID_ARGUMENT', undefined) as Verdict);
        }
      }
      fc.assert(
        fc.property(fc.oneof(poisoned, receiver(poisoned.map((t) => JSON.parse(t) as unknown))), (value) => {
          const parsed = parseNumbersError(value);
          formatVerdict(checkNumbersError(ADAPTER, value, 'INVALID_ARGUMENT', undefined) as Verdict);
          JSON.stringify(parsed);
        }),
        { numRuns: RUNS },
      );
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(([] as unknown as Record<string, unknown>).polluted).to.equal(undefined);
      expect(prototypeKeys()).to.deep.equal(before);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  it('a parsed poisoned body never exposes inherited fields as its own', () => {
    const parsed = parseNumbersError('{"__proto__":{"code":"unknown_campaign","text":"x"}}') as ParsedNumbersError;
    expect(parsed.isNumbersError).to.equal(false);
  });
});
