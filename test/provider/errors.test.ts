import { expect } from 'chai';
import { createRateLimiter } from '../../src/provider/rate-limit.js';
import { startReferenceProvider, STATE_CHANGE_PATH } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { call, specFixture, type CallOptions, type Sent, type SpecFixture } from './fixture.js';

const PROJECT = '12c0ffee-dada-beef-cafe-baadc0de5678';
const P = `/v1/projects/${PROJECT}`;
const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

interface GoogleBody {
  error: { code: number; message: string; status: string; details: Array<{ type: string; fieldViolations?: Array<{ field: string; description: string }> }> };
}

describe('reference provider: errors produced by requests and states', () => {
  let fixture: SpecFixture;
  let provider: ReferenceProvider;

  async function api(operationId: string, method: string, path: string, options: CallOptions = {}, on: ReferenceProvider = provider): Promise<Sent> {
    const res = await call(on.url, method, path, options);
    const problems = fixture.responseProblems(operationId, res.status, res.body);
    expect(problems, `${operationId} ${res.status} is documented (${res.text})`).to.not.equal(undefined);
    expect(problems, `${operationId} ${res.status}: ${res.text}`).to.deep.equal([]);
    return res;
  }

  const google = (res: Sent): GoogleBody['error'] => (res.body as GoogleBody).error;

  before(async () => {
    fixture = await specFixture();
    provider = await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec });
  });
  after(() => provider.close());
  beforeEach(() => provider.clearState());

  describe('credentials', () => {
    it('401 UNAUTHENTICATED with WWW-Authenticate for missing, invalid and unknown credentials', async () => {
      for (const authorization of [null, 'Bearer invalid-token', 'Bearer something-else', basic('example-key-id', 'wrong'), 'Token abc', 'Bearer']) {
        const res = await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { authorization });
        expect(res.status, String(authorization)).to.equal(401);
        expect(google(res).status).to.equal('UNAUTHENTICATED');
        expect(res.headers['www-authenticate']).to.match(/^Bearer realm=/);
      }
    });

    it('accepts the placeholder token and key pair, and OAuth2 tokens from /oauth2/token', async () => {
      expect((await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { authorization: basic('example-key-id', 'example-key-secret') })).status).to.equal(200);
      const token = await call(provider.url, 'POST', '/oauth2/token', {
        authorization: basic('example-key-id', 'example-key-secret'),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        rawBody: 'grant_type=client_credentials',
      });
      expect(token.status).to.equal(200);
      const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = token.body as { access_token: string; token_type: string; expires_in: number };
      expect([tokenType, expiresIn]).to.deep.equal(['bearer', 3600]);
      expect((await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { authorization: `Bearer ${accessToken}` })).status).to.equal(200);
      const refused = await call(provider.url, 'POST', '/oauth2/token', { authorization: basic('example-key-id', 'nope'), rawBody: 'grant_type=client_credentials' });
      expect(refused.status).to.equal(401);
    });

    it('accepts configured credentials, and only them when placeholders are off', async () => {
      const strict = await startReferenceProvider({
        catalog: fixture.catalog,
        spec: fixture.spec,
        credentials: [{ keyId: 'key-1234', keySecret: 'secret-5678' }, { accessToken: 'token-90ab' }],
        acceptPlaceholders: false,
      });
      try {
        expect((await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, {}, strict)).status).to.equal(401);
        expect((await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { authorization: basic('key-1234', 'secret-5678') }, strict)).status).to.equal(200);
        expect((await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { authorization: 'Bearer token-90ab' }, strict)).status).to.equal(200);
      } finally {
        await strict.close();
      }
    });
  });

  describe('routing and methods', () => {
    it('405 UNIMPLEMENTED with Allow for a method the path does not have', async () => {
      const cases: Array<[string, string, string, string]> = [
        ['NumberService_GetActiveNumber', 'PUT', `${P}/activeNumbers/+12025550134`, 'GET, PATCH'],
        ['NumberService_RentNumber', 'GET', `${P}/availableNumbers/+12025550156:rent`, 'POST'],
        ['NumberService_ListAvailableRegions', 'POST', `${P}/availableRegions`, 'GET'],
        ['GetCallbackConfiguration', 'DELETE', `${P}/callbackConfiguration`, 'GET, PATCH'],
      ];
      for (const [operationId, method, path, allow] of cases) {
        const res = await api(operationId, method, path);
        expect(res.status, `${method} ${path}`).to.equal(405);
        expect(res.headers.allow).to.equal(allow);
        expect(google(res)).to.include({ code: 405, status: 'UNIMPLEMENTED' });
      }
    });

    it('404 NOT_FOUND (google envelope) for a path the API does not have', async () => {
      for (const path of ['/', '/v1/projects', `${P}/unknown`, `${P}/activeNumbers/+12025550134:frobnicate`, '/v2/projects/x/activeNumbers']) {
        const res = await call(provider.url, 'GET', path);
        expect(res.status, path).to.equal(404);
        expect(google(res)).to.deep.equal({ code: 404, message: 'Not Found', status: 'NOT_FOUND', details: [] });
      }
    });
  });

  describe('request syntax', () => {
    it('415 for a missing or non-JSON Content-Type; parameters after application/json are fine', async () => {
      const path = `${P}/activeNumbers/+12025550134`;
      for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded']) {
        const res = await api('NumberService_UpdateActiveNumber', 'PATCH', path, { rawBody: '{"displayName":"x"}', headers: contentType === undefined ? {} : { 'Content-Type': contentType } });
        expect(res.status, String(contentType)).to.equal(415);
        expect(google(res)).to.include({ code: 415, status: 'INVALID_ARGUMENT' });
      }
      const ok = await api('NumberService_UpdateActiveNumber', 'PATCH', path, { rawBody: '{"displayName":"x"}', headers: { 'Content-Type': 'application/json; charset=utf-8' } });
      expect(ok.status).to.equal(200);
    });

    it('syntax_invalid_json for a body that is not a JSON object', async () => {
      for (const rawBody of ['{"displayName": ', '[1,2]', '"text"', '{"a":1} trailing', 'null']) {
        const res = await api('NumberService_UpdateActiveNumber', 'PATCH', `${P}/activeNumbers/+12025550134`, { rawBody, headers: { 'Content-Type': 'application/json' } });
        expect(res.status, rawBody).to.equal(400);
        expect(res.body, rawBody).to.deep.include({ code: 'syntax_invalid_json' });
      }
    });

    it('syntax_invalid_parameter_format for a phone number in the path without its +, INVALID_ARGUMENT for a +-prefixed one that is not E.164', async () => {
      for (const [operationId, method, path, value] of [
        ['NumberService_GetAvailableNumber', 'GET', `${P}/availableNumbers/abc`, 'abc'],
        ['NumberService_ReleaseNumber', 'POST', `${P}/activeNumbers/0012025550134:release`, '0012025550134'],
        ['NumberService_GetEmergencyAddress', 'GET', `${P}/activeNumbers/0123/emergencyAddress`, '0123'],
      ] as const) {
        const res = await api(operationId, method, path);
        expect(res.status, path).to.equal(400);
        expect(res.body).to.deep.equal({ code: 'syntax_invalid_parameter_format', text: `'${value}' is not a valid phone number in E.164 format.` });
      }
      for (const [operationId, method, path, value] of [
        ['NumberService_GetEmergencyAddress', 'GET', `${P}/activeNumbers/%2B0123/emergencyAddress`, '+0123'],
        ['NumberService_GetAvailableNumber', 'GET', `${P}/availableNumbers/+1202555abc`, '+1202555abc'],
      ] as const) {
        const res = await api(operationId, method, path);
        expect(res.status, path).to.equal(400);
        expect(res.body).to.deep.equal({
          error: { code: 400, message: `invalid phone number "${value}"`, status: 'INVALID_ARGUMENT', details: [{ type: 'BadRequest', fieldViolations: [{ field: 'phoneNumber', description: 'must be in E.164 format' }] }] },
        });
      }
    });
  });

  describe('body schema', () => {
    it('syntax_constraint_violation (legacy) for structural violations: missing required field, wrong JSON type, no matching variant', async () => {
      const cases: Array<[string, string, string, unknown, string]> = [
        [
          'NumberService_ProvisionEmergencyAddress',
          'POST',
          `${P}/activeNumbers/+12025550134/emergencyAddress:provision`,
          { displayName: 'x', address: { streetNumber: '1', streetInfo: 'Main St', state: 'IL', postalCode: '62701' } },
          'address.city is required.',
        ],
        ['NumberService_RentNumber', 'POST', `${P}/availableNumbers/+12025550156:rent`, { smsConfiguration: 'example-service-plan' }, 'smsConfiguration must be an object.'],
        ['UpdateCallbackConfiguration', 'PATCH', `${P}/callbackConfiguration`, { hmacSecret: true }, 'hmacSecret must be a string.'],
        ['NumberService_UpdateActiveNumber', 'PATCH', `${P}/activeNumbers/+12025550134`, { voiceConfiguration: { type: 'FAX', serviceId: 42 } }, 'voiceConfiguration does not match any of the allowed variants.'],
        ['NumberService_RentAnyNumber', 'POST', `${P}/availableNumbers:rentAny`, { regionCode: 'US' }, 'type is required.'],
      ];
      for (const [operationId, method, path, body, text] of cases) {
        const res = await api(operationId, method, path, { body });
        expect(res.status, text).to.equal(400);
        expect(res.body).to.deep.equal({ code: 'syntax_constraint_violation', text });
      }
    });

    it('INVALID_ARGUMENT (google, BadRequest) for value violations, in the documented wording of the operation', async () => {
      const rentAny = await api('NumberService_RentAnyNumber', 'POST', `${P}/availableNumbers:rentAny`, { body: { regionCode: 'US', type: 'FIXED' } });
      expect(google(rentAny)).to.deep.equal({
        code: 400,
        message: 'parsing field "type": "FIXED" is not a valid value',
        status: 'INVALID_ARGUMENT',
        details: [{ type: 'BadRequest', fieldViolations: [{ field: 'type', description: 'Invalid type FIXED' }] }],
      });
      const capability = await api('NumberService_RentAnyNumber', 'POST', `${P}/availableNumbers:rentAny`, { body: { regionCode: 'US', type: 'LOCAL', capabilities: ['FAX'] } });
      expect(google(capability).details[0]?.fieldViolations).to.deep.equal([{ field: 'capabilities', description: 'Invalid capabilities FAX' }]);
      const plusFour = await api('NumberService_ValidateEmergencyAddress', 'POST', `${P}/activeNumbers/+12025550134/emergencyAddress:validate`, {
        body: { displayName: 'x', address: { streetNumber: '1', streetInfo: 'Main St', city: 'Springfield', state: 'IL', postalCode: '62701', postalCodePlusFour: '12' } },
      });
      expect(google(plusFour)).to.include({ status: 'INVALID_ARGUMENT', message: 'invalid value for field "address.postalCodePlusFour"' });
      const secret = await api('UpdateCallbackConfiguration', 'PATCH', `${P}/callbackConfiguration`, { body: { hmacSecret: 'has spaces in it, which is not allowed at all' } });
      expect(google(secret).details[0]?.fieldViolations?.[0]).to.deep.equal({ field: 'hmacSecret', description: 'must be 32 to 64 characters: A-Z, a-z, 0-9 and hyphens' });
    });
  });

  describe('query', () => {
    it('INVALID_ARGUMENT for every query violation: missing, enum, type, range', async () => {
      const missing = await api('NumberService_ListAvailableNumbers', 'GET', `${P}/availableNumbers`, { query: { type: 'LOCAL' } });
      expect(google(missing)).to.include({ status: 'INVALID_ARGUMENT', message: 'missing required field "regionCode"' });
      const enumValue = await api('NumberService_ListAvailableNumbers', 'GET', `${P}/availableNumbers`, { query: { regionCode: 'US', type: 'FIXED' } });
      expect(google(enumValue)).to.deep.equal({ code: 400, message: 'parsing field "type": "FIXED" is not a valid value', status: 'INVALID_ARGUMENT', details: [] });
      const orderBy = await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { query: { orderBy: 'age' } });
      expect(google(orderBy).details).to.deep.equal([{ type: 'BadRequest', fieldViolations: [{ field: 'orderBy', description: 'Invalid orderBy age' }] }]);
      for (const pageSize of ['0', 'ten', '-1']) {
        const res = await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { query: { pageSize } });
        expect(google(res).status, pageSize).to.equal('INVALID_ARGUMENT');
        expect(google(res).details[0]?.fieldViolations?.[0]?.field).to.equal('pageSize');
      }
      const types = await api('NumberService_ListAvailableRegions', 'GET', `${P}/availableRegions`, { query: { types: ['LOCAL', 'FIXED'] } });
      expect(google(types).message).to.equal('parsing field "types": "FIXED" is not a valid value');
    });
  });

  describe('provider states', () => {
    it('renting conditions stop renting only, in the documented envelope', async () => {
      provider.setState('the project has no credit left', { projectId: PROJECT });
      const rentAny = await api('NumberService_RentAnyNumber', 'POST', `${P}/availableNumbers:rentAny`, { body: { regionCode: 'US', type: 'LOCAL' } });
      expect(google(rentAny)).to.include({ status: 'FAILED_PRECONDITION' });
      expect((await api('NumberService_ListAvailableNumbers', 'GET', `${P}/availableNumbers`, { query: { regionCode: 'US', type: 'LOCAL' } })).status).to.equal(200);

      provider.setState('the 10DLC supporting documentation is missing', { projectId: PROJECT });
      expect((await api('NumberService_RentNumber', 'POST', `${P}/availableNumbers/+12025550156:rent`, { body: {} })).status).to.equal(400);
      expect((await api('NumberService_RentNumber', 'POST', `${P}/availableNumbers/+18005550100:rent`, { body: {} })).status, 'toll-free needs no 10DLC documents').to.equal(200);

      provider.setState('the project is a trial account', { projectId: PROJECT });
      const trial = await api('NumberService_RentAnyNumber', 'POST', `${P}/availableNumbers:rentAny`, { body: { regionCode: 'US', type: 'LOCAL' } });
      expect(google(trial)).to.include({ code: 403, status: 'PERMISSION_DENIED' });
    });

    it('configuration conditions apply only to requests that carry that configuration', async () => {
      provider.setState('the campaign does not match the originator', { projectId: PROJECT, campaignId: 'CEXAMPL' });
      const mismatch = await api('NumberService_UpdateActiveNumber', 'PATCH', `${P}/activeNumbers/+12025550134`, { body: { smsConfiguration: { servicePlanId: 'example-service-plan', campaignId: 'CEXAMPL' } } });
      expect(mismatch.body).to.deep.include({ code: 'unknown_campaign' });
      expect((await api('NumberService_UpdateActiveNumber', 'PATCH', `${P}/activeNumbers/+12025550134`, { body: { displayName: 'only a name' } })).status).to.equal(200);

      provider.setState('the service plan is not valid', { projectId: PROJECT });
      const plan = await api('NumberService_RentAnyNumber', 'POST', `${P}/availableNumbers:rentAny`, { body: { regionCode: 'US', type: 'LOCAL', smsConfiguration: { servicePlanId: 'example-service-plan' } } });
      expect(google(plan).details[0]?.fieldViolations?.[0]?.field).to.equal('smsConfiguration.servicePlanId');
    });

    it('429 with Retry-After over the rate limit: by state, and by a real token bucket when configured', async () => {
      provider.setState('the project is over its rate limit', { projectId: PROJECT });
      const limited = await api('NumberService_ListAvailableRegions', 'GET', `${P}/availableRegions`);
      expect(limited.status).to.equal(429);
      expect(limited.headers['retry-after']).to.equal('1');

      // A bucket of 3 that refills one token every 1,000 s: the 5 requests get the same answers however
      // slowly a busy machine sends them (at 1 token/s, 5 requests spread over a second got a 4th 200).
      const bucket = await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec, rateLimit: { requestsPerSecond: 0.001, burst: 3 } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 5; i += 1) statuses.push((await api('NumberService_ListAvailableRegions', 'GET', `${P}/availableRegions`, {}, bucket)).status);
        expect(statuses).to.deep.equal([200, 200, 200, 429, 429]);
      } finally {
        await bucket.close();
      }
    });

    it('the token bucket refills at requestsPerSecond, per project, up to the burst (on a clock the test drives)', () => {
      let now = 0;
      const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 3 }, () => now);
      const take = (n: number, project = 'p'): boolean[] => Array.from({ length: n }, () => limiter.take(project));
      expect(take(4)).to.deep.equal([true, true, true, false]);
      expect(take(1, 'other'), 'each project has its own bucket').to.deep.equal([true]);
      now = 400;
      expect(take(1), 'not yet a whole token 400 ms after the bucket ran dry, at 2/s').to.deep.equal([false]);
      now = 1100;
      expect(take(3), 'two whole tokens 1,100 ms after it ran dry').to.deep.equal([true, true, false]);
      now = 60_000;
      expect(take(4), 'never more than the burst').to.deep.equal([true, true, true, false]);
      expect(() => createRateLimiter({ requestsPerSecond: 0 })).to.throw('rateLimit.requestsPerSecond must be a positive number');
    });

    it('serves POST /_pactSetup for any Pact verifier; an unknown state is a 400 with the reason', async () => {
      const setup = await call(provider.url, 'POST', STATE_CHANGE_PATH, { body: { state: 'the Numbers API is unavailable', params: { projectId: PROJECT }, action: 'setup' } });
      expect(setup.status).to.equal(200);
      expect((await api('GetCallbackConfiguration', 'GET', `${P}/callbackConfiguration`)).status).to.equal(503);
      await call(provider.url, 'POST', STATE_CHANGE_PATH, { body: { state: 'the Numbers API is unavailable', params: { projectId: PROJECT }, action: 'teardown' } });
      expect((await api('GetCallbackConfiguration', 'GET', `${P}/callbackConfiguration`)).status).to.equal(200);
      const unknown = await call(provider.url, 'POST', STATE_CHANGE_PATH, { body: { state: 'a state nobody knows', params: {}, action: 'setup' } });
      expect(unknown.status).to.equal(400);
      expect(unknown.body).to.deep.equal({ error: 'the reference provider does not know the provider state "a state nobody knows"' });
    });
  });

  describe('limits', () => {
    it('413 (google envelope) for a body over the limit, without reading it all', async () => {
      const small = await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec, bodyLimitBytes: 1024 });
      try {
        const res = await call(small.url, 'PATCH', `${P}/callbackConfiguration`, { rawBody: JSON.stringify({ hmacSecret: 'x'.repeat(4096) }), headers: { 'Content-Type': 'application/json' } });
        expect(res.status).to.equal(413);
        expect(google(res)).to.include({ code: 413, status: 'INVALID_ARGUMENT' });
      } finally {
        await small.close();
      }
    });

    it('listens on loopback only', async () => {
      let error: unknown;
      try {
        await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec, host: '0.0.0.0' });
      } catch (e) {
        error = e;
      }
      expect(String(error)).to.match(/loopback only/);
    });
  });
});
