import { expect } from 'chai';
import { startReferenceProvider } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { call, specFixture, type CallOptions, type Sent, type SpecFixture } from './fixture.js';

const PROJECT = '12c0ffee-dada-beef-cafe-baadc0de5678';
const P = `/v1/projects/${PROJECT}`;

interface ActiveNumberBody {
  phoneNumber: string;
  projectId: string;
  displayName: string;
  expireAt: string | null;
  callbackUrl: string;
  smsConfiguration: { servicePlanId: string; campaignId: string; scheduledProvisioning: null | { status: string; servicePlanId: string; campaignId: string; errorCodes: string[] } };
  voiceConfiguration: { type: string; appId: string; trunkId: string; scheduledVoiceProvisioning: null | { status: string; type: string } };
}

describe('reference provider: operations', () => {
  let fixture: SpecFixture;
  let provider: ReferenceProvider;

  /** Calls an operation and checks the response against the spec before returning it. */
  async function api(operationId: string, method: string, path: string, options: CallOptions = {}): Promise<Sent> {
    const res = await call(provider.url, method, path, options);
    const problems = fixture.responseProblems(operationId, res.status, res.body);
    expect(problems, `${operationId} ${res.status} is documented`).to.not.equal(undefined);
    expect(problems, `${operationId} ${res.status}: ${res.text}`).to.deep.equal([]);
    return res;
  }

  before(async () => {
    fixture = await specFixture();
    provider = await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec });
  });
  after(() => provider.close());
  beforeEach(() => provider.clearState());

  it('searches available numbers by region, type, pattern, capabilities and size', async () => {
    const all = await api('NumberService_ListAvailableNumbers', 'GET', `${P}/availableNumbers`, { query: { regionCode: 'US', type: 'LOCAL' } });
    const numbers = (all.body as { availableNumbers: Array<{ phoneNumber: string; type: string }> }).availableNumbers;
    expect(numbers.length).to.equal(58);
    expect(numbers.every((n) => n.type === 'LOCAL')).to.equal(true);
    expect(numbers.map((n) => n.phoneNumber)).to.include('+12025550156');

    const ending = await api('NumberService_ListAvailableNumbers', 'GET', `${P}/availableNumbers`, {
      query: { regionCode: 'US', type: 'LOCAL', 'numberPattern.pattern': '99', 'numberPattern.searchPattern': 'END', size: '5' },
    });
    expect((ending.body as { availableNumbers: Array<{ phoneNumber: string }> }).availableNumbers.map((n) => n.phoneNumber)).to.deep.equal(['+12025550199']);

    const starting = await api('NumberService_ListAvailableNumbers', 'GET', `${P}/availableNumbers`, {
      query: { regionCode: 'US', type: 'TOLL_FREE', 'numberPattern.pattern': '800', 'numberPattern.searchPattern': 'START', size: '3' },
    });
    expect((starting.body as { availableNumbers: unknown[] }).availableNumbers).to.have.length(3);

    const smsOnly = await api('NumberService_ListAvailableNumbers', 'GET', `${P}/availableNumbers`, { query: { regionCode: 'SE', type: 'MOBILE', capabilities: ['SMS', 'VOICE'] } });
    expect((smsOnly.body as { availableNumbers: unknown[] }).availableNumbers).to.deep.equal([]);
  });

  it('checks the availability of one number, and 404s a number that is not available', async () => {
    const found = await api('NumberService_GetAvailableNumber', 'GET', `${P}/availableNumbers/+12025550156`);
    expect(found.status).to.equal(200);
    expect(found.body).to.include({ phoneNumber: '+12025550156', regionCode: 'US', type: 'LOCAL', supportingDocumentationRequired: true });
    const encoded = await api('NumberService_GetAvailableNumber', 'GET', `${P}/availableNumbers/%2B12025550156`);
    expect(encoded.status).to.equal(200);
    const active = await api('NumberService_GetAvailableNumber', 'GET', `${P}/availableNumbers/+12025550134`);
    expect(active.status).to.equal(404);
  });

  it('rents a number: it leaves the available numbers, becomes active, and its SMS configuration goes through scheduled provisioning', async () => {
    const rented = await api('NumberService_RentNumber', 'POST', `${P}/availableNumbers/+12025550160:rent`, {
      body: { smsConfiguration: { servicePlanId: 'example-service-plan', campaignId: 'CEXAMPL' }, callbackUrl: 'http://127.0.0.1:9/numbers' },
    });
    expect(rented.status).to.equal(200);
    const number = rented.body as ActiveNumberBody;
    expect(number).to.include({ phoneNumber: '+12025550160', projectId: PROJECT, callbackUrl: 'http://127.0.0.1:9/numbers', expireAt: null });
    expect(number.smsConfiguration).to.deep.include({ servicePlanId: '', campaignId: '' });
    expect(number.smsConfiguration.scheduledProvisioning).to.include({ status: 'WAITING', servicePlanId: 'example-service-plan', campaignId: 'CEXAMPL' });

    expect((await api('NumberService_GetAvailableNumber', 'GET', `${P}/availableNumbers/+12025550160`)).status).to.equal(404);
    expect((await api('NumberService_RentNumber', 'POST', `${P}/availableNumbers/+12025550160:rent`, { body: {} })).status).to.equal(404);

    // Each read advances the job: WAITING -> IN_PROGRESS -> applied.
    const first = (await api('NumberService_GetActiveNumber', 'GET', `${P}/activeNumbers/+12025550160`)).body as ActiveNumberBody;
    expect(first.smsConfiguration.scheduledProvisioning?.status).to.equal('IN_PROGRESS');
    const second = (await api('NumberService_GetActiveNumber', 'GET', `${P}/activeNumbers/+12025550160`)).body as ActiveNumberBody;
    expect(second.smsConfiguration).to.deep.equal({ servicePlanId: 'example-service-plan', campaignId: 'CEXAMPL', scheduledProvisioning: null });
  });

  it('shows a scheduled provisioning that fails for a campaign the project does not have', async () => {
    await api('NumberService_RentNumber', 'POST', `${P}/availableNumbers/+12025550161:rent`, { body: { smsConfiguration: { servicePlanId: 'example-service-plan', campaignId: 'CUNKNWN' } } });
    await api('NumberService_GetActiveNumber', 'GET', `${P}/activeNumbers/+12025550161`);
    const failed = (await api('NumberService_GetActiveNumber', 'GET', `${P}/activeNumbers/+12025550161`)).body as ActiveNumberBody;
    expect(failed.smsConfiguration.scheduledProvisioning).to.include({ status: 'FAILED' });
    expect(failed.smsConfiguration.scheduledProvisioning?.errorCodes).to.deep.equal(['CAMPAIGN_NOT_AVAILABLE']);
  });

  it('rents any number matching the criteria (US local only)', async () => {
    const body = { regionCode: 'US', type: 'LOCAL', numberPattern: { pattern: '202555017', searchPattern: 'START' }, capabilities: ['SMS'] };
    const rented = await api('NumberService_RentAnyNumber', 'POST', `${P}/availableNumbers:rentAny`, { body });
    expect((rented.body as ActiveNumberBody).phoneNumber).to.equal('+12025550170');
    const again = await api('NumberService_RentAnyNumber', 'POST', `${P}/availableNumbers:rentAny`, { body });
    expect((again.body as ActiveNumberBody).phoneNumber).to.equal('+12025550171');
    const tollFree = await api('NumberService_RentAnyNumber', 'POST', `${P}/availableNumbers:rentAny`, { body: { regionCode: 'US', type: 'TOLL_FREE' } });
    expect(tollFree.status).to.equal(403);
    expect(tollFree.body).to.deep.include({ code: 'illegal_number_type' });
    const none = await api('NumberService_RentAnyNumber', 'POST', `${P}/availableNumbers:rentAny`, { body: { regionCode: 'US', type: 'LOCAL', numberPattern: { pattern: '999999' } } });
    expect(none.status).to.equal(404);
    expect((none.body as { error: { status: string } }).error.status).to.equal('NOT_FOUND');
  });

  it('pages through active numbers with page tokens, in phoneNumber or displayName order', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { query: { pageSize: '5', ...(token === undefined ? {} : { pageToken: token }) } });
      const page = res.body as { activeNumbers: ActiveNumberBody[]; nextPageToken: string; totalSize: number };
      expect(page.totalSize).to.equal(12);
      seen.push(...page.activeNumbers.map((n) => n.phoneNumber));
      token = page.nextPageToken === '' ? undefined : page.nextPageToken;
      pages += 1;
    } while (token !== undefined);
    expect(pages).to.equal(3);
    expect(seen).to.have.length(12);
    expect([...seen].sort()).to.deep.equal(seen);

    const byName = await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { query: { orderBy: 'displayName', pageSize: '12' } });
    const names = (byName.body as { activeNumbers: ActiveNumberBody[] }).activeNumbers.map((n) => n.displayName).filter((n) => n !== '');
    expect(names).to.deep.equal(['Alerts', 'Billing', 'Reception', 'Sales', 'Support line']);

    const filtered = await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { query: { regionCode: 'US', type: 'LOCAL', 'numberPattern.pattern': '0134', 'numberPattern.searchPattern': 'END', capability: ['SMS'] } });
    expect((filtered.body as { activeNumbers: ActiveNumberBody[] }).activeNumbers.map((n) => n.phoneNumber)).to.deep.equal(['+12025550134']);

    const bad = await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`, { query: { pageToken: 'not-a-token' } });
    expect(bad.status).to.equal(400);
    expect((bad.body as { error: { status: string } }).error.status).to.equal('INVALID_ARGUMENT');
  });

  it('updates an active number: display name at once, SMS and voice configuration through scheduled provisioning', async () => {
    const updated = await api('NumberService_UpdateActiveNumber', 'PATCH', `${P}/activeNumbers/+12025550135`, {
      body: { displayName: 'Night line', smsConfiguration: { servicePlanId: 'example-service-plan', campaignId: '' }, voiceConfiguration: { type: 'EST', trunkId: 'example-trunk' } },
    });
    const number = updated.body as ActiveNumberBody;
    expect(number.displayName).to.equal('Night line');
    expect(number.smsConfiguration.scheduledProvisioning).to.include({ status: 'WAITING', servicePlanId: 'example-service-plan', campaignId: '' });
    expect(number.voiceConfiguration.scheduledVoiceProvisioning).to.include({ status: 'WAITING', type: 'EST' });
    await api('NumberService_GetActiveNumber', 'GET', `${P}/activeNumbers/+12025550135`);
    const applied = (await api('NumberService_GetActiveNumber', 'GET', `${P}/activeNumbers/+12025550135`)).body as ActiveNumberBody;
    expect(applied.voiceConfiguration).to.include({ type: 'EST', trunkId: 'example-trunk', scheduledVoiceProvisioning: null });
    expect(applied.smsConfiguration.servicePlanId).to.equal('example-service-plan');
  });

  it('releases an active number: expireAt is set and the number can be rented again', async () => {
    const released = await api('NumberService_ReleaseNumber', 'POST', `${P}/activeNumbers/+12025550136:release`);
    expect((released.body as ActiveNumberBody).expireAt).to.equal('2026-12-01T00:00:00Z');
    expect((await api('NumberService_GetActiveNumber', 'GET', `${P}/activeNumbers/+12025550136`)).status).to.equal(404);
    expect((await api('NumberService_ReleaseNumber', 'POST', `${P}/activeNumbers/+12025550136:release`)).status).to.equal(404);
    expect((await api('NumberService_GetAvailableNumber', 'GET', `${P}/availableNumbers/+12025550136`)).status).to.equal(200);
    expect((await api('NumberService_RentNumber', 'POST', `${P}/availableNumbers/+12025550136:rent`, { body: {} })).status).to.equal(200);
  });

  it('provisions, reads, validates and deprovisions an emergency address', async () => {
    const number = `${P}/activeNumbers/+12025550137`;
    expect((await api('NumberService_GetEmergencyAddress', 'GET', `${number}/emergencyAddress`)).status).to.equal(404);
    const address = { streetNumber: '42', streetInfo: 'Example Rd', city: 'Springfield', state: 'il', postalCode: '62701' };
    const validated = await api('NumberService_ValidateEmergencyAddress', 'POST', `${number}/emergencyAddress:validate`, { body: { displayName: 'Lobby', address } });
    expect(validated.body).to.deep.include({ validationResult: 'NEAR_MATCH' });
    expect((validated.body as { correctedAddress: { state: string; streetInfo: string } }).correctedAddress).to.include({ state: 'IL', streetInfo: 'Example Road' });
    const exact = await api('NumberService_ValidateEmergencyAddress', 'POST', `${number}/emergencyAddress:validate`, { body: { displayName: 'Lobby', address: { ...address, state: 'IL', streetInfo: 'Example Road' } } });
    expect(exact.body).to.deep.include({ validationResult: 'EXACT_MATCH' });
    const noMatch = await api('NumberService_ValidateEmergencyAddress', 'POST', `${number}/emergencyAddress:validate`, { body: { displayName: 'Lobby', address: { ...address, streetNumber: 'none' } } });
    expect(noMatch.body).to.deep.include({ validationResult: 'NO_MATCH', correctedAddress: {}, candidateAddresses: [{ ...address, streetNumber: '1' }] });

    // Get and provision answer the flat address (audit row 1); deprovision answers 200 without content (row 11).
    const provisioned = await api('NumberService_ProvisionEmergencyAddress', 'POST', `${number}/emergencyAddress:provision`, { body: { displayName: 'Lobby', address } });
    expect(provisioned.body).to.deep.equal(address);
    expect((await api('NumberService_GetEmergencyAddress', 'GET', `${number}/emergencyAddress`)).body).to.deep.equal(address);
    const deprovisioned = await api('NumberService_DeprovisionEmergencyAddress', 'POST', `${number}/emergencyAddress:deprovision`);
    expect([deprovisioned.status, deprovisioned.text]).to.deep.equal([200, '']);
    expect((await api('NumberService_DeprovisionEmergencyAddress', 'POST', `${number}/emergencyAddress:deprovision`)).status).to.equal(404);
  });

  it('lists available regions, filtered by number types', async () => {
    const all = await api('NumberService_ListAvailableRegions', 'GET', `${P}/availableRegions`);
    expect(all.body).to.deep.equal({
      availableRegions: [
        { regionCode: 'GB', regionName: 'United Kingdom', types: ['MOBILE'] },
        { regionCode: 'SE', regionName: 'Sweden', types: ['MOBILE'] },
        { regionCode: 'US', regionName: 'United States', types: ['LOCAL', 'TOLL_FREE'] },
      ],
    });
    const tollFree = await api('NumberService_ListAvailableRegions', 'GET', `${P}/availableRegions`, { query: { types: ['TOLL_FREE'] } });
    expect((tollFree.body as { availableRegions: Array<{ regionCode: string }> }).availableRegions.map((r) => r.regionCode)).to.deep.equal(['US']);
  });

  it('reads and updates the callback configuration', async () => {
    const read = await api('GetCallbackConfiguration', 'GET', `${P}/callbackConfiguration`);
    expect(read.body).to.deep.equal({ projectId: PROJECT, hmacSecret: 'example-hmac-secret-0123456789abcdef' });
    const secret = 'rotated-secret-0123456789abcdef-0123';
    const updated = await api('UpdateCallbackConfiguration', 'PATCH', `${P}/callbackConfiguration`, { body: { hmacSecret: secret } });
    expect(updated.body).to.deep.equal({ projectId: PROJECT, hmacSecret: secret });
    expect((await api('GetCallbackConfiguration', 'GET', `${P}/callbackConfiguration`)).body).to.deep.include({ hmacSecret: secret });
  });

  it('serves any project id from the same seed, each project on its own', async () => {
    const other = '/v1/projects/another-project';
    await api('NumberService_ReleaseNumber', 'POST', `${other}/activeNumbers/+12025550134:release`);
    expect((await api('NumberService_GetActiveNumber', 'GET', `${other}/activeNumbers/+12025550134`)).status).to.equal(404);
    const mine = await api('NumberService_GetActiveNumber', 'GET', `${P}/activeNumbers/+12025550134`);
    expect(mine.status).to.equal(200);
    const callback = await api('GetCallbackConfiguration', 'GET', `${other}/callbackConfiguration`);
    expect(callback.body).to.deep.include({ projectId: 'another-project' });
  });

  it('keeps a provider state until it is cleared', async () => {
    provider.setState('the account is blocked', { projectId: PROJECT });
    for (const path of [`${P}/activeNumbers`, `${P}/availableRegions`]) {
      const res = await call(provider.url, 'GET', path);
      expect(res.status).to.equal(403);
      expect(res.body).to.deep.include({ code: 'blocked_account' });
    }
    provider.clearState({ projectId: PROJECT });
    expect((await api('NumberService_ListActiveNumbers', 'GET', `${P}/activeNumbers`)).status).to.equal(200);
  });
});
