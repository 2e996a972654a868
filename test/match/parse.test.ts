import { expect } from 'chai';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import axios from 'axios';
import { parseNumbersError } from '../../src/match/parse.js';
import type { ParsedNumbersError } from '../../src/match/types.js';
import { catalogReceivers, sdkErrorClasses, sdkRequestFailed, SDK_CONTEXT } from './helpers.js';

const HAS_STATUS = new Set(['{status, body}', '{statusCode, body}', 'supertest-like {status, body: {}, text}', 'axios AxiosError', 'axios response', 'fetch Response', 'Sinch SDK RequestFailedError', 'Sinch SDK RequestFailedError (class)']);

describe('parseNumbersError: every catalog example body × every receiver', () => {
  it('reads status, envelope, code, message and headers from every shape', async () => {
    const table = await catalogReceivers();
    expect(table.length).to.be.greaterThan(100);
    let checked = 0;
    for (const { case: c, receivers } of table) {
      for (const { name, value } of receivers) {
        const parsed = await parseNumbersError(value);
        const where = `${c.id} via ${name}`;
        expect(parsed.isNumbersError, `${where}: ${JSON.stringify(parsed)}`).to.equal(true);
        if (!parsed.isNumbersError) continue;
        expect(parsed.code, where).to.equal(c.code);
        expect(parsed.envelope, where).to.equal(c.envelope);
        expect(parsed.codeField, where).to.equal(c.envelope === 'google' ? 'error.status' : 'code');
        const message = c.envelope === 'google' ? (c.body as { error: { message: string } }).error.message : (c.body as { text: string }).text;
        expect(parsed.message, where).to.equal(message);
        // A plain legacy body carries no status; a Google body carries it in error.code.
        const expectedStatus = HAS_STATUS.has(name) || c.envelope === 'google' ? c.status : undefined;
        expect(parsed.status, where).to.equal(expectedStatus);
        expect(parsed.httpStatus, where).to.equal(HAS_STATUS.has(name) ? c.status : undefined);
        if (HAS_STATUS.has(name)) {
          for (const [header, v] of Object.entries(c.responseHeaders)) expect(parsed.headers[header.toLowerCase()], `${where} ${header}`).to.equal(v);
        }
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(table.length * 10);
  });
});

interface Row {
  name: string;
  received: () => unknown;
  /** Fields of the ParsedNumbersError to compare. */
  want: Record<string, unknown>;
}

const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
const googleText = '{"error":{"code":404,"message":"","status":"NOT_FOUND","details":[]}}';

const ROWS: Row[] = [
  {
    name: 'HTML 502 from a gateway ({status, text})',
    received: () => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: {}, text: html }),
    want: { isNumbersError: false, reason: 'html', status: 502, explanation: 'an HTML body (text/html), e.g. a gateway error page' },
  },
  {
    name: 'HTML 503 as an axios response',
    received: () => ({ status: 503, data: html, headers: { 'content-type': 'text/html' }, config: { headers: { Authorization: 'Bearer x' } } }),
    want: { isNumbersError: false, reason: 'html', receiver: 'axios-response', status: 503 },
  },
  { name: 'HTML 502 as a fetch Response', received: () => new Response(html, { status: 502, headers: { 'content-type': 'text/html' } }), want: { isNumbersError: false, reason: 'html', receiver: 'fetch-response', status: 502 } },
  {
    name: 'HTML 502 thrown by the SDK (data "{}")',
    received: () => sdkRequestFailed(502, html),
    want: { isNumbersError: false, reason: 'empty-body', receiver: 'sinch-request-failed', explanation: 'an empty or non-JSON body (the Sinch SDK reports both as data "{}")' },
  },
  { name: 'empty 503 thrown by the SDK', received: () => sdkRequestFailed(503, ''), want: { isNumbersError: false, reason: 'empty-body', status: 503 } },
  { name: 'empty string', received: () => '', want: { isNumbersError: false, reason: 'empty-body', receiver: 'json-text' } },
  { name: 'whitespace Buffer', received: () => Buffer.from('  \n'), want: { isNumbersError: false, reason: 'empty-body', receiver: 'bytes' } },
  { name: '{status: 502} without a body', received: () => ({ status: 502 }), want: { isNumbersError: false, reason: 'empty-body', status: 502 } },
  { name: '{status, body: ""}', received: () => ({ status: 500, body: '' }), want: { isNumbersError: false, reason: 'empty-body' } },
  { name: 'truncated JSON', received: () => '{"error":{"code":40', want: { isNumbersError: false, reason: 'truncated-json', explanation: 'a truncated JSON body (it ends at character 19)' } },
  { name: 'truncated JSON (end of input)', received: () => '{"code":"x",', want: { isNumbersError: false, reason: 'truncated-json' } },
  { name: 'not JSON', received: () => 'Service Unavailable', want: { isNumbersError: false, reason: 'not-json', explanation: 'a body that is not valid JSON' } },
  { name: 'JSON null', received: () => 'null', want: { isNumbersError: false, reason: 'other-shape', explanation: 'JSON of another shape (null)' } },
  { name: 'JSON array', received: () => [1, 2], want: { isNumbersError: false, reason: 'other-shape', explanation: 'JSON of another shape (an array)' } },
  { name: 'JSON number text', received: () => '42', want: { isNumbersError: false, reason: 'other-shape', explanation: 'JSON of another shape (a number)' } },
  { name: '{"error":"text"}', received: () => ({ error: 'boom' }), want: { isNumbersError: false, reason: 'other-shape', explanation: 'JSON of another shape (keys: error)' } },
  { name: 'error.code not an integer', received: () => ({ error: { code: 'abc', status: 'NOT_FOUND', message: '' } }), want: { isNumbersError: false, explanation: 'JSON of another shape (error.code is not an integer: "abc")' } },
  { name: 'error.code missing', received: () => ({ error: { status: 'NOT_FOUND', message: '' } }), want: { isNumbersError: false, explanation: 'JSON of another shape (error.code is missing)' } },
  { name: 'error.code a float', received: () => ({ error: { code: 400.5, status: 'INVALID_ARGUMENT', message: '' } }), want: { isNumbersError: false, explanation: 'JSON of another shape (error.code is not an integer: 400.5)' } },
  { name: 'error.status not a string', received: () => ({ error: { code: 400, status: 3 } }), want: { isNumbersError: false, explanation: 'JSON of another shape (error.status is not a string)' } },
  { name: 'error.message not a string', received: () => ({ error: { code: 400, status: 'INVALID_ARGUMENT', message: 1 } }), want: { isNumbersError: false, explanation: 'JSON of another shape (error.message is not a string)' } },
  { name: 'legacy with a numeric code', received: () => ({ code: 403, text: 'x' }), want: { isNumbersError: false, explanation: 'JSON of another shape (keys: code, text)' } },
  { name: 'legacy without text', received: () => ({ code: 'unknown_campaign' }), want: { isNumbersError: false, reason: 'other-shape' } },
  { name: 'empty object', received: () => ({}), want: { isNumbersError: false, explanation: 'JSON of another shape (an empty object)' } },
  { name: 'integer error.code', received: () => ({ error: { code: 404, message: '', status: 'NOT_FOUND' } }), want: { isNumbersError: true, bodyStatus: 404, status: 404, code: 'NOT_FOUND' } },
  { name: 'numeric-string error.code', received: () => ({ error: { code: '404', message: '', status: 'NOT_FOUND', details: [] } }), want: { isNumbersError: true, bodyStatus: 404, status: 404 } },
  { name: 'numeric-string error.code in a JSON string', received: () => googleText.replace('404', '"404"'), want: { isNumbersError: true, bodyStatus: 404 } },
  { name: 'Google without message or details', received: () => ({ error: { code: 500, status: 'INTERNAL' } }), want: { isNumbersError: true, message: '', details: [] } },
  { name: 'Google wins over legacy fields', received: () => ({ error: { code: 400, message: 'm', status: 'INVALID_ARGUMENT' }, code: 'x', text: 'y' }), want: { isNumbersError: true, envelope: 'google', code: 'INVALID_ARGUMENT' } },
  { name: 'legacy when error is not an envelope', received: () => ({ error: 'x', code: 'blocked_account', text: 'y' }), want: { isNumbersError: true, envelope: 'legacy' } },
  { name: 'undocumented code still parses', received: () => ({ code: 'campaign_not_found', text: 'x' }), want: { isNumbersError: true, code: 'campaign_not_found' } },
  { name: 'HTTP status and error.code disagree', received: () => ({ status: 403, body: JSON.parse(googleText) }), want: { isNumbersError: true, status: 403, httpStatus: 403, bodyStatus: 404 } },
  { name: 'status 200 is not an error', received: () => ({ status: 200, body: { code: 'x', text: 'y' } }), want: { isNumbersError: false, reason: 'success-status', explanation: 'status 200, not an error status' } },
  {
    name: 'SDK ResponseJSONParseError on a 200',
    received: () => new (sdkErrorClasses().ResponseJSONParseError)('Unexpected token', 200, SDK_CONTEXT, 'oops'),
    want: { isNumbersError: false, reason: 'success-status', receiver: 'sinch-json-parse' },
  },
  {
    name: 'SDK ResponseJSONParseError with a twice-encoded body',
    received: () => new (sdkErrorClasses().ResponseJSONParseError)('x', 403, SDK_CONTEXT, '{"code":"blocked_account","text":"b"}'),
    want: { isNumbersError: true, code: 'blocked_account', receiver: 'sinch-json-parse' },
  },
  {
    name: 'SDK EmptyResponseError',
    received: () => new (sdkErrorClasses().EmptyResponseError)('Fail to Fetch', SDK_CONTEXT),
    want: { isNumbersError: false, reason: 'no-response', explanation: 'no HTTP response (Sinch SDK EmptyResponseError)' },
  },
  {
    name: 'AxiosError without a response',
    received: () => Object.assign(new Error('connect ECONNREFUSED'), { isAxiosError: true, code: 'ECONNREFUSED', config: { headers: { Authorization: 'Bearer secret-token' } } }),
    want: { isNumbersError: false, reason: 'no-response', explanation: 'no HTTP response (axios ECONNREFUSED)' },
  },
  {
    name: 'fetch failed (TypeError with a cause)',
    received: () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } }),
    want: { isNumbersError: false, reason: 'no-response', explanation: 'no HTTP response (TypeError UND_ERR_SOCKET)' },
  },
  {
    name: 'superagent-style error with a response',
    received: () => Object.assign(new Error('Forbidden'), { status: 403, response: { status: 403, body: { code: 'blocked_account', text: 'b' }, headers: {} } }),
    want: { isNumbersError: true, code: 'blocked_account', status: 403 },
  },
  {
    name: 'node IncomingMessage not read',
    received: () => Object.assign(Readable.from([]), { statusCode: 403, headers: { 'retry-after': '2' } }),
    want: { isNumbersError: false, reason: 'stream-body', status: 403, receiver: 'node-incoming-message' },
  },
  { name: 'axios response with a stream body', received: () => ({ status: 400, data: Readable.from([]), headers: {}, config: {} }), want: { isNumbersError: false, reason: 'stream-body' } },
  { name: 'axios response with an ArrayBuffer body', received: () => ({ status: 404, data: new TextEncoder().encode(googleText).buffer, headers: {}, config: {} }), want: { isNumbersError: true, code: 'NOT_FOUND' } },
  { name: 'gzip body not decoded (Buffer)', received: () => gzipSync(googleText), want: { isNumbersError: false, reason: 'not-json', explanation: 'a gzip-compressed body (decompress it first, or pass the parsed body)' } },
  { name: 'gzip body not decoded ({statusCode, body})', received: () => ({ statusCode: 404, headers: { 'content-encoding': 'gzip' }, body: gzipSync(googleText) }), want: { isNumbersError: false, reason: 'not-json', status: 404 } },
  { name: 'body over 1 MiB', received: () => `{"code":"x","text":"${'a'.repeat(1024 * 1024)}"}`, want: { isNumbersError: false, reason: 'too-large' } },
  { name: 'undefined', received: () => undefined, want: { isNumbersError: false, reason: 'undefined' } },
  { name: 'null', received: () => null, want: { isNumbersError: false, reason: 'null' } },
  { name: 'a Promise', received: () => Promise.resolve({ code: 'x', text: 'y' }), want: { isNumbersError: false, reason: 'promise' } },
  { name: 'a number', received: () => 403, want: { isNumbersError: false, reason: 'unsupported-type', explanation: 'a number' } },
  { name: 'a function', received: () => () => 1, want: { isNumbersError: false, reason: 'unsupported-type' } },
  {
    name: 'a throwing getter',
    received: () =>
      Object.defineProperty({}, 'status', {
        get() {
          throw new Error('boom');
        },
        enumerable: true,
      }),
    want: { isNumbersError: false, reason: 'other-shape' },
  },
  {
    name: 'a revoked Proxy',
    received: () => {
      const p = Proxy.revocable({}, {});
      p.revoke();
      return p.proxy;
    },
    want: { isNumbersError: false },
  },
];

describe('parseNumbersError: non-JSON, malformed and unusual receivers', () => {
  for (const row of ROWS) {
    it(row.name, async () => {
      const parsed = (await parseNumbersError(row.received())) as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(row.want)) expect(parsed[key], `${key} of ${JSON.stringify(parsed)}`).to.deep.equal(value);
    });
  }

  it('a fetch Response whose body was read is explained, not parsed', async () => {
    const res = new Response(googleText, { status: 404 });
    await res.text();
    const parsed = await parseNumbersError(res);
    expect(parsed).to.include({ isNumbersError: false, reason: 'body-consumed', status: 404 });
  });

  it('reads a fetch Response through clone(), leaving its body to the caller', async () => {
    const res = new Response(googleText, { status: 404 });
    expect((await parseNumbersError(res)).isNumbersError).to.equal(true);
    expect(res.bodyUsed).to.equal(false);
    expect(await res.json()).to.have.property('error');
  });

  it('a real AxiosError for a closed port is "no HTTP response"', async () => {
    const error: unknown = await axios.get('http://127.0.0.1:9/', { timeout: 2000 }).catch((e: unknown) => e);
    const parsed = await parseNumbersError(error);
    expect(parsed).to.include({ isNumbersError: false, reason: 'no-response', receiver: 'axios-error' });
  });

  it('keeps only the headers that matter, never credentials', () => {
    const parsed = parseNumbersError({
      status: 429,
      headers: { 'Retry-After': '30', Authorization: 'Bearer t', 'set-cookie': ['a=b'], Allow: 'GET', 'WWW-Authenticate': 'Bearer realm="x"', 'x-api-key': 'k' },
      body: { error: { code: 429, message: '', status: 'RESOURCE_EXHAUSTED', details: [] } },
    }) as ParsedNumbersError;
    expect(parsed.headers).to.deep.equal({ 'retry-after': '30', allow: 'GET', 'www-authenticate': 'Bearer realm="x"' });
  });

  it('copies details without unsafe keys and bounds their depth', () => {
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 50; i++) cur = (cur.next = {}) as Record<string, unknown>;
    const body = JSON.parse('{"error":{"code":400,"message":"","status":"INVALID_ARGUMENT","details":[{"__proto__":{"polluted":1},"type":"BadRequest"}]}}') as { error: { details: unknown[] } };
    body.error.details.push(deep);
    const parsed = parseNumbersError(body) as ParsedNumbersError & { details: unknown[] };
    expect(parsed.details[0]).to.deep.equal({ type: 'BadRequest' });
    expect(JSON.stringify(parsed.details[1])).to.include('[Object]');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});
