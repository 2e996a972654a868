import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { signNumbersEvent, verifyNumbersSignature } from '../../src/index.js';
import { isKitError } from '../../src/errors.js';
import { repoRoot } from '../helpers/paths.js';

/**
 * The vector of Sinch's Java SDK (sinch/sinch-sdk-java, client/src/test/java/com/sinch/sdk/domains/
 * numbers/api/v1/adapters/SinchEventsAuthenticationValidationTest.java @923c517f): that test's body,
 * byte for byte, and its secret and header.
 */
const VECTOR_FILE = path.join(repoRoot, 'test', 'fixtures', 'callbacks', 'sinch-sdk-java-vector.json');
const VECTOR_SHA256 = '6d5f80381ffe0d5db0cf290f9e4b17504bc8d4f870fe3a6aa2dd6e532be09449';
const VECTOR_SECRET = 'secret value';
const VECTOR_SIGNATURE = 'e289b8fac44491417aeceee28d2715840b5f1aca';

describe('callback signatures (X-Sinch-Signature)', () => {
  let raw: Buffer;
  before(async () => {
    raw = await readFile(VECTOR_FILE);
  });

  it('the vector file holds the Java test body exactly (279 bytes, no newline)', () => {
    expect(createHash('sha256').update(raw).digest('hex')).to.equal(VECTOR_SHA256);
    expect(raw.length).to.equal(279);
  });

  it('signs the Java SDK vector: secret "secret value" gives e289b8fa…', () => {
    expect(signNumbersEvent(raw, VECTOR_SECRET)).to.equal(VECTOR_SIGNATURE);
    expect(signNumbersEvent(raw.toString('utf8'), VECTOR_SECRET)).to.equal(VECTOR_SIGNATURE);
    expect(signNumbersEvent(new Uint8Array(raw), VECTOR_SECRET)).to.equal(VECTOR_SIGNATURE);
  });

  const verdicts: [string, () => boolean, boolean][] = [
    ['the vector as a Buffer', () => verifyNumbersSignature(raw, VECTOR_SIGNATURE, VECTOR_SECRET), true],
    ['the vector as a string', () => verifyNumbersSignature(raw.toString('utf8'), VECTOR_SIGNATURE, VECTOR_SECRET), true],
    ['the header in upper case', () => verifyNumbersSignature(raw, VECTOR_SIGNATURE.toUpperCase(), VECTOR_SECRET), true],
    ['the header once, as Node gives a single header in an array', () => verifyNumbersSignature(raw, [VECTOR_SIGNATURE], VECTOR_SECRET), true],
    ['another secret (the Java test: "not expected secret")', () => verifyNumbersSignature(raw, VECTOR_SIGNATURE, 'not expected secret'), false],
    ['another body (the Java test: "not expected body")', () => verifyNumbersSignature('not expected body', VECTOR_SIGNATURE, VECTOR_SECRET), false],
    ['the body parsed and serialised again (same JSON, other bytes)', () => verifyNumbersSignature(JSON.stringify(JSON.parse(raw.toString('utf8')), null, 1), VECTOR_SIGNATURE, VECTOR_SECRET), false],
    ['one byte changed after signing', () => verifyNumbersSignature(Buffer.from(raw.toString('utf8').replace('SUCCEEDED', 'SUCCEEDEd')), VECTOR_SIGNATURE, VECTOR_SECRET), false],
    ['a trailing newline added', () => verifyNumbersSignature(Buffer.concat([raw, Buffer.from('\n')]), VECTOR_SIGNATURE, VECTOR_SECRET), false],
    ['no header', () => verifyNumbersSignature(raw, undefined, VECTOR_SECRET), false],
    ['a null header', () => verifyNumbersSignature(raw, null, VECTOR_SECRET), false],
    ['an empty header', () => verifyNumbersSignature(raw, '', VECTOR_SECRET), false],
    ['the header twice', () => verifyNumbersSignature(raw, [VECTOR_SIGNATURE, VECTOR_SIGNATURE], VECTOR_SECRET), false],
    ['a truncated signature', () => verifyNumbersSignature(raw, VECTOR_SIGNATURE.slice(0, 39), VECTOR_SECRET), false],
    ['a signature with a prefix (sha1=…)', () => verifyNumbersSignature(raw, `sha1=${VECTOR_SIGNATURE}`, VECTOR_SECRET), false],
    ['a base64 signature', () => verifyNumbersSignature(raw, Buffer.from(VECTOR_SIGNATURE, 'hex').toString('base64'), VECTOR_SECRET), false],
    ['an SHA-256 signature', () => verifyNumbersSignature(raw, 'a'.repeat(64), VECTOR_SECRET), false],
  ];
  for (const [name, run, expected] of verdicts) {
    it(`${expected ? 'accepts' : 'rejects'} ${name}`, () => {
      expect(run()).to.equal(expected);
    });
  }

  it('signs non-ASCII bodies over their UTF-8 bytes, string or Buffer alike', () => {
    const body = '{"displayName":"Zoë’s line ☎"}';
    const sig = signNumbersEvent(body, 'example-hmac-secret-0123456789abcdef');
    expect(sig).to.match(/^[0-9a-f]{40}$/);
    expect(verifyNumbersSignature(Buffer.from(body, 'utf8'), sig, 'example-hmac-secret-0123456789abcdef')).to.equal(true);
    expect(verifyNumbersSignature(Buffer.from(body, 'latin1'), sig, 'example-hmac-secret-0123456789abcdef')).to.equal(false);
  });

  const SECRET = 'do-not-print-this-secret-0123456789abcdef';
  const misuse: [string, () => unknown, string, string][] = [
    [
      'a parsed body',
      () => verifyNumbersSignature({ eventId: 'x' } as never, VECTOR_SIGNATURE, SECRET),
      'rawBody',
      "verifyNumbersSignature: rawBody must be the body's raw bytes (a Buffer or string), not an object (a parsed body?); the signature covers the bytes as sent",
    ],
    [
      'an undefined body',
      () => verifyNumbersSignature(undefined as never, VECTOR_SIGNATURE, SECRET),
      'rawBody',
      "verifyNumbersSignature: rawBody must be the body's raw bytes (a Buffer or string), not undefined; the signature covers the bytes as sent",
    ],
    ['an empty secret', () => verifyNumbersSignature(raw, VECTOR_SIGNATURE, ''), 'secret', "verifyNumbersSignature: secret must be the project's hmacSecret, a non-empty string"],
    ['no secret', () => signNumbersEvent(raw, undefined as never), 'secret', "signNumbersEvent: secret must be the project's hmacSecret, a non-empty string"],
    ['a parsed body to sign', () => signNumbersEvent(null as never, SECRET), 'rawBody', "signNumbersEvent: rawBody must be the body's raw bytes (a Buffer or string), not null; the signature covers the bytes as sent"],
  ];
  for (const [name, run, argument, message] of misuse) {
    it(`${name} is a usage error (SIGNATURE_USAGE, exit 2) that shows no secret`, () => {
      let thrown: unknown;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(isKitError(thrown)).to.equal(true);
      const error = thrown as { code: string; argument: string; message: string; exitCode: number };
      expect({ code: error.code, argument: error.argument, message: error.message, exitCode: error.exitCode }).to.deep.equal({ code: 'SIGNATURE_USAGE', argument, message, exitCode: 2 });
      expect(error.message).not.to.contain(SECRET);
    });
  }
});
