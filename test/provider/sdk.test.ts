/**
 * The official Node SDK (@sinch/numbers 1.5.0) against the reference provider, pointed at it with
 * `numbersHostname` and `authHostname`: it fetches an OAuth2 token from the provider's
 * /oauth2/token with its key pair, then calls the API. Happy paths and documented errors.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { startReferenceProvider } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { specFixture } from './fixture.js';

const PROJECT = '12c0ffee-dada-beef-cafe-baadc0de5678';
// @sinch/sdk-client reads @sinch/sdk-core/package.json for its version header; the stub stands in for it.
const SDK_CORE_STUB = fileURLToPath(new URL('../fixtures/sdk-core-stub', import.meta.url));

interface SdkError extends Error {
  statusCode?: number;
  data?: string;
}

/* The SDK's surface as these tests use it (its own types need @sinch/sdk-core's). */
interface Sdk {
  checkAvailability(d: { phoneNumber: string }): Promise<{ phoneNumber: string }>;
  searchForAvailableNumbers(d: Record<string, unknown>): Promise<{ availableNumbers?: Array<{ phoneNumber: string }> }>;
  rent(d: { phoneNumber: string; rentNumberRequestBody: Record<string, unknown> }): Promise<ActiveNumber>;
  rentAny(d: { rentAnyNumberRequestBody: Record<string, unknown> }): Promise<ActiveNumber>;
  get(d: { phoneNumber: string }): Promise<ActiveNumber>;
  list(d: Record<string, unknown>): AsyncIterable<ActiveNumber>;
  update(d: { phoneNumber: string; updateActiveNumberRequestBody: Record<string, unknown> }): Promise<ActiveNumber>;
  release(d: { phoneNumber: string }): Promise<ActiveNumber>;
  getEmergencyAddress(d: { phoneNumber: string }): Promise<{ displayName: string }>;
  provisionEmergencyAddress(d: { phoneNumber: string; emergencyAddressRequestBody: Record<string, unknown> }): Promise<{ displayName: string }>;
  validateEmergencyAddress(d: { phoneNumber: string; emergencyAddressRequestBody: Record<string, unknown> }): Promise<{ validationResult: string }>;
  deprovisionEmergencyAddress(d: { phoneNumber: string }): Promise<void>;
  availableRegions: { list(d?: Record<string, unknown>): Promise<{ availableRegions?: Array<{ regionCode: string }> }> };
  callbacks: { get(d: Record<string, never>): Promise<{ hmacSecret: string }>; update(d: Record<string, unknown>): Promise<{ hmacSecret: string }> };
}

interface ActiveNumber {
  phoneNumber: string;
  displayName?: string;
  expireAt?: Date | string | null;
  smsConfiguration?: { scheduledProvisioning?: { status?: string } | null };
}

function loadSdk(): { NumbersService: new (params: Record<string, unknown>) => Sdk } {
  const previous = process.env.NODE_PATH;
  const Module = createRequire(import.meta.url)('node:module') as { _initPaths(): void };
  process.env.NODE_PATH = [SDK_CORE_STUB, previous].filter((p) => p !== undefined && p !== '').join(':');
  Module._initPaths();
  try {
    return createRequire(import.meta.url)('@sinch/numbers') as { NumbersService: new (params: Record<string, unknown>) => Sdk };
  } finally {
    if (previous === undefined) delete process.env.NODE_PATH;
    else process.env.NODE_PATH = previous;
    Module._initPaths();
  }
}

async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the SDK call to fail');
}

describe('reference provider: the official Node SDK (@sinch/numbers)', () => {
  let provider: ReferenceProvider;
  let sdk: Sdk;

  before(async () => {
    const fixture = await specFixture();
    provider = await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec });
    const { NumbersService } = loadSdk();
    sdk = new NumbersService({ projectId: PROJECT, keyId: 'example-key-id', keySecret: 'example-key-secret', numbersHostname: provider.url, authHostname: provider.url, logger: null });
  });
  after(() => provider.close());
  beforeEach(() => provider.clearState());

  it('searches, checks and rents numbers', async () => {
    const found = await sdk.searchForAvailableNumbers({ regionCode: 'US', type: 'LOCAL', capabilities: ['SMS', 'VOICE'], size: 3 });
    expect(found.availableNumbers?.map((n) => n.phoneNumber)).to.deep.equal(['+12025550142', '+12025550143', '+12025550144']);
    expect((await sdk.checkAvailability({ phoneNumber: '+12025550156' })).phoneNumber).to.equal('+12025550156');
    const rented = await sdk.rent({ phoneNumber: '+12025550156', rentNumberRequestBody: { smsConfiguration: { servicePlanId: 'example-service-plan', campaignId: 'CEXAMPL' } } });
    expect(rented.smsConfiguration?.scheduledProvisioning?.status).to.equal('WAITING');
    const any = await sdk.rentAny({ rentAnyNumberRequestBody: { regionCode: 'US', type: 'LOCAL', numberPattern: { pattern: '202', searchPattern: 'START' } } });
    expect(any.phoneNumber).to.equal('+12025550142');
  });

  it('lists every active number across pages, updates and releases one', async () => {
    const all: string[] = [];
    for await (const n of sdk.list({ pageSize: 5 })) all.push(n.phoneNumber);
    expect(all).to.have.length(12);
    const updated = await sdk.update({ phoneNumber: '+12025550138', updateActiveNumberRequestBody: { displayName: 'From the SDK' } });
    expect(updated.displayName).to.equal('From the SDK');
    expect((await sdk.get({ phoneNumber: '+12025550138' })).displayName).to.equal('From the SDK');
    const released = await sdk.release({ phoneNumber: '+12025550138' });
    expect(released.expireAt).to.not.equal(null);
  });

  it('manages emergency addresses, regions and the callback configuration', async () => {
    const address = { streetNumber: '123', streetInfo: 'Example Street', city: 'Springfield', state: 'IL', postalCode: '62701' };
    expect((await sdk.validateEmergencyAddress({ phoneNumber: '+12025550139', emergencyAddressRequestBody: { displayName: 'Desk', address } })).validationResult).to.equal('EXACT_MATCH');
    expect(await sdk.provisionEmergencyAddress({ phoneNumber: '+12025550139', emergencyAddressRequestBody: { displayName: 'Desk', address } })).to.deep.equal(address);
    expect(await sdk.getEmergencyAddress({ phoneNumber: '+12025550139' })).to.deep.equal(address);
    await sdk.deprovisionEmergencyAddress({ phoneNumber: '+12025550139' });
    expect((await sdk.availableRegions.list({ types: ['TOLL_FREE'] })).availableRegions?.map((r) => r.regionCode)).to.deep.equal(['US']);
    const secret = 'sdk-rotated-secret-0123456789abcdef';
    expect((await sdk.callbacks.update({ updateCallbackConfigurationRequestBody: { hmacSecret: secret } })).hmacSecret).to.equal(secret);
    expect((await sdk.callbacks.get({})).hmacSecret).to.equal(secret);
  });

  it('sees the documented errors as RequestFailedError with statusCode and data', async () => {
    const missing = await rejection(sdk.get({ phoneNumber: '+12025550199' }));
    expect(missing.constructor.name).to.equal('RequestFailedError');
    expect(missing.statusCode).to.equal(404);
    expect(JSON.parse(missing.data ?? '{}')).to.deep.include({
      error: { code: 404, message: '', status: 'NOT_FOUND', details: [{ type: 'ResourceInfo', resourceType: 'ActiveNumber', resourceName: '+12025550199', owner: '', description: '' }] },
    });

    provider.setState('the project has no credit left', { projectId: PROJECT });
    const noCredit = await rejection(sdk.rent({ phoneNumber: '+12025550156', rentNumberRequestBody: {} }));
    expect(noCredit.statusCode).to.equal(400);
    expect(JSON.parse(noCredit.data ?? '{}').error.status).to.equal('FAILED_PRECONDITION');

    provider.setState('the account is blocked', { projectId: PROJECT });
    const blocked = await rejection(sdk.availableRegions.list());
    expect(blocked.statusCode).to.equal(403);
    expect(JSON.parse(blocked.data ?? '{}')).to.deep.equal({ code: 'blocked_account', text: 'Your account has been blocked. Reach out to your account manager for further assistance.' });

    provider.clearState();
    const invalid = await rejection(sdk.searchForAvailableNumbers({ regionCode: 'US', type: 'FIXED' }));
    expect(invalid.statusCode).to.equal(400);
    expect(JSON.parse(invalid.data ?? '{}').error.status).to.equal('INVALID_ARGUMENT');

    const format = await rejection(sdk.checkAvailability({ phoneNumber: '2025550156' }));
    expect(JSON.parse(format.data ?? '{}').code).to.equal('syntax_invalid_parameter_format');
  });

  it('fails to authenticate with a key pair the provider does not accept', async () => {
    const { NumbersService } = loadSdk();
    const stranger = new NumbersService({ projectId: PROJECT, keyId: 'someone', keySecret: 'else', numbersHostname: provider.url, authHostname: provider.url, logger: null });
    const error = await rejection(stranger.availableRegions.list());
    expect(error.statusCode).to.equal(401);
  });
});
