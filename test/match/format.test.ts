import { expect } from 'chai';
import { checkNumbersError } from '../../src/match/run.js';
import { formatVerdict } from '../../src/match/format.js';
import { previewValue, previewText } from '../../src/match/preview.js';
import { redactText } from '../../src/util/redact.js';
import type { Verdict } from '../../src/match/decide.js';

const ADAPTER = { matcher: 'toBeNumbersError', promiseHint: '' };
const message = (received: unknown, expected: unknown = 'unknown_campaign'): string => formatVerdict(checkNumbersError(ADAPTER, received, expected, undefined) as Verdict);

describe('format: redaction and bounds', () => {
  it('never prints credentials carried by an AxiosError', () => {
    const error = Object.assign(new Error('Request failed with status code 400'), {
      isAxiosError: true,
      config: { headers: { Authorization: 'Bearer canary-token-123' }, auth: { username: 'example-key-id', password: 'canary-secret' } },
      request: { _header: 'GET / HTTP/1.1\r\nAuthorization: Bearer canary-token-123' },
      response: {
        status: 400,
        headers: { 'content-type': 'application/json', authorization: 'Bearer canary-token-123' },
        config: { headers: { Authorization: 'Bearer canary-token-123' } },
        data: { error: { code: 400, message: 'token Bearer canary-token-123 rejected', status: 'INVALID_ARGUMENT', details: [{ access_token: 'canary-token-123', keySecret: 'canary-secret' }] } },
      },
    });
    const text = message(error);
    expect(text).to.not.include('canary');
    expect(text).to.include('Bearer [redacted]');
    expect(text).to.include('"access_token":"[redacted]"');
  });

  it('redacts the values of SINCH_* credentials from the environment', () => {
    const previous = process.env.SINCH_KEY_SECRET;
    process.env.SINCH_KEY_SECRET = 'env-canary-secret-value';
    try {
      const text = message({ status: 403, body: { code: 'blocked_account', text: 'key env-canary-secret-value is blocked' } });
      expect(text).to.not.include('env-canary-secret-value');
      expect(text).to.include('key [redacted] is blocked');
    } finally {
      // Put back what the environment had (a CI may set SINCH_* for other suites), not just delete it.
      if (previous === undefined) delete process.env.SINCH_KEY_SECRET;
      else process.env.SINCH_KEY_SECRET = previous;
    }
  });

  it('redacts project ids in paths, JWTs and key=value secrets', () => {
    expect(redactText('GET /v1/projects/a1b2c3d4-0000-4000-8000-00000000c0de/activeNumbers')).to.equal('GET /v1/projects/[redacted]/activeNumbers');
    expect(redactText('jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig')).to.equal('jwt [redacted]');
    expect(redactText('client_secret=abc123&x=1')).to.equal('client_secret=[redacted]&x=1');
    expect(redactText('Bearer realm="numbers.api.sinch.com", error="invalid_token"')).to.equal('Bearer realm="numbers.api.sinch.com", error="invalid_token"');
  });

  it('prints cyclic bodies bounded', () => {
    const details: Record<string, unknown>[] = [{ type: 'BadRequest' }];
    details[0]!.self = details;
    const body = { error: { code: 400, message: '', status: 'INVALID_ARGUMENT', details } };
    const text = message({ status: 400, body });
    expect(text).to.include('"self":"[Circular]"');
  });

  it('bounds huge bodies and messages', () => {
    const details = Array.from({ length: 10_000 }, (_, i) => ({ i, description: 'x'.repeat(100) }));
    const text = message({ status: 400, body: { error: { code: 400, message: 'm'.repeat(10_000), status: 'INVALID_ARGUMENT', details } } });
    expect(text.length).to.be.lessThan(2500);
    expect(text.split('\n').length).to.be.lessThan(10);
    expect(text).to.include('… (preview cut at 500 characters)');
  });

  it('previews: one line, quoted text, bounded', () => {
    expect(previewText('a\nb')).to.equal('"a\\nb"');
    expect(previewText('x'.repeat(600))).to.equal(`"${'x'.repeat(500)}"… (100 more characters)`);
    expect(previewValue({ a: [1, 'two', null, true], b: undefined })).to.equal('{"a":[1,"two",null,true],"b":undefined}');
    expect(previewValue({ password: 'p', nested: { Authorization: 'Basic abc' } })).to.equal('{"password":"[redacted]","nested":{"Authorization":"[redacted]"}}');
  });
});
