/**
 * The reference provider sends callback events: renting, updating and releasing a number with a
 * loopback callbackUrl POST the documented ACTIVE_NUMBER events, signed with the project's
 * hmacSecret, after the HTTP answer; provider states make provisioning jobs fail with their codes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { verifyNumbersSignature } from '../../src/events/signature.js';
import { drainOrderEvents, renderCallback } from '../../src/provider/callback-events.js';
import type { CallbackDelivery, PendingCallback } from '../../src/provider/types.js';
import { Project } from '../../src/provider/store.js';
import { SEED_HMAC_SECRET } from '../../src/provider/seed.js';
import { startReferenceProvider } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { call, specFixture } from './fixture.js';

const PROJECT = '12c0ffee-dada-beef-cafe-baadc0de5678';
const BASE = `/v1/projects/${PROJECT}`;
const LINKED = '+12025550134';

interface Received {
  rawBody: string;
  headers: http.IncomingHttpHeaders;
}

/** A loopback callback handler that records what arrives; `hold` keeps answers back until released. */
async function startRecorder(): Promise<{ url: string; received: Received[]; hold(): () => void; close(): Promise<void> }> {
  const received: Received[] = [];
  let gate: Promise<void> = Promise.resolve();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ rawBody: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      void gate.then(() => res.writeHead(200, { connection: 'close' }).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks`,
    received,
    hold() {
      let release = (): void => undefined;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function summary(r: Received): string {
  const e = JSON.parse(r.rawBody) as Record<string, string>;
  return [e.resourceId, e.eventType, e.status, ...(e.failureCode === undefined ? [] : [e.failureCode])].join(' ');
}

describe('reference provider: callback events', () => {
  let provider: ReferenceProvider;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  const deliveries: CallbackDelivery[] = [];

  before(async () => {
    const { catalog } = await specFixture();
    provider = await startReferenceProvider({ catalog, onCallback: (d) => deliveries.push(d) });
    recorder = await startRecorder();
  });
  after(async () => {
    await provider.close();
    await recorder.close();
  });
  beforeEach(() => {
    provider.clearState();
    recorder.received.length = 0;
    deliveries.length = 0;
  });

  const rent = (body: Record<string, unknown>, phoneNumber = '+12025550142'): [string, string, Record<string, unknown>] => ['POST', `${BASE}/availableNumbers/${phoneNumber}:rent`, body];
  const update = (body: Record<string, unknown>): [string, string, Record<string, unknown>] => ['PATCH', `${BASE}/activeNumbers/${LINKED}`, body];
  const release: [string, string, Record<string, unknown> | undefined] = ['POST', `${BASE}/activeNumbers/${LINKED}:release`, undefined];
  const sms = { servicePlanId: 'example-service-plan', campaignId: 'CEXAMPL' };
  const rows: Array<{ name: string; state?: string; requests: (url: string) => Array<[string, string, Record<string, unknown> | undefined]>; events: string[] }> = [
    {
      name: 'rent with a service plan, a campaign and a voice app: three links, all succeed',
      requests: (url) => [rent({ smsConfiguration: sms, voiceConfiguration: { type: 'RTC', appId: 'example-app' }, callbackUrl: url })],
      events: ['+12025550142 PROVISIONING_TO_SMS_PLATFORM SUCCEEDED', '+12025550142 PROVISIONING_TO_CAMPAIGN SUCCEEDED', '+12025550142 PROVISIONING_TO_VOICE_PLATFORM SUCCEEDED'],
    },
    {
      name: 'rent with a campaign the project does not have: CAMPAIGN_NOT_AVAILABLE',
      requests: (url) => [rent({ smsConfiguration: { ...sms, campaignId: 'COTHER1' }, callbackUrl: url })],
      events: ['+12025550142 PROVISIONING_TO_SMS_PLATFORM SUCCEEDED', '+12025550142 PROVISIONING_TO_CAMPAIGN FAILED CAMPAIGN_NOT_AVAILABLE'],
    },
    {
      name: 'rent when the 10DLC limit is exceeded',
      state: 'campaign provisioning fails with EXCEEDED_10DLC_LIMIT',
      requests: (url) => [rent({ smsConfiguration: sms, callbackUrl: url })],
      events: ['+12025550142 PROVISIONING_TO_SMS_PLATFORM SUCCEEDED', '+12025550142 PROVISIONING_TO_CAMPAIGN FAILED EXCEEDED_10DLC_LIMIT'],
    },
    {
      name: 'rent when the balance is insufficient',
      state: 'campaign provisioning fails with INSUFFICIENT_BALANCE',
      requests: (url) => [rent({ smsConfiguration: sms, callbackUrl: url })],
      events: ['+12025550142 PROVISIONING_TO_SMS_PLATFORM SUCCEEDED', '+12025550142 PROVISIONING_TO_CAMPAIGN FAILED INSUFFICIENT_BALANCE'],
    },
    {
      name: 'rent when the SMS platform fails: FAILED without a failureCode',
      state: 'linking the number to the SMS platform (a service plan) fails',
      requests: (url) => [rent({ smsConfiguration: { servicePlanId: 'example-service-plan' }, callbackUrl: url })],
      events: ['+12025550142 PROVISIONING_TO_SMS_PLATFORM FAILED'],
    },
    {
      name: 'rentAny with a service plan',
      requests: (url) => [['POST', `${BASE}/availableNumbers:rentAny`, { regionCode: 'US', type: 'LOCAL', smsConfiguration: { servicePlanId: 'example-service-plan' }, callbackUrl: url }]],
      events: ['+12025550142 PROVISIONING_TO_SMS_PLATFORM SUCCEEDED'],
    },
    {
      name: 'update that unlinks the campaign',
      requests: (url) => [update({ smsConfiguration: { servicePlanId: 'example-service-plan', campaignId: '' }, callbackUrl: url })],
      events: [`${LINKED} DEPROVISIONING_FROM_CAMPAIGN SUCCEEDED`],
    },
    {
      name: 'update that unlinks the campaign, when unlinking fails',
      state: 'unlinking the number from a 10DLC campaign fails',
      requests: (url) => [update({ smsConfiguration: { servicePlanId: 'example-service-plan', campaignId: '' }, callbackUrl: url })],
      events: [`${LINKED} DEPROVISIONING_FROM_CAMPAIGN FAILED`],
    },
    {
      name: 'update of the display name and callbackUrl only: nothing to provision',
      requests: (url) => [update({ displayName: 'Front desk', callbackUrl: url })],
      events: [],
    },
    {
      name: 'release of a linked number: unlinked from everything',
      requests: (url) => [update({ callbackUrl: url }), release],
      events: [`${LINKED} DEPROVISIONING_FROM_SMS_PLATFORM SUCCEEDED`, `${LINKED} DEPROVISIONING_FROM_CAMPAIGN SUCCEEDED`, `${LINKED} DEPROVISIONING_FROM_VOICE_PLATFORM SUCCEEDED`],
    },
    {
      name: 'release when the voice platform fails to unlink',
      state: 'unlinking the number from the voice platform fails',
      requests: (url) => [update({ callbackUrl: url }), release],
      events: [`${LINKED} DEPROVISIONING_FROM_SMS_PLATFORM SUCCEEDED`, `${LINKED} DEPROVISIONING_FROM_CAMPAIGN SUCCEEDED`, `${LINKED} DEPROVISIONING_FROM_VOICE_PLATFORM FAILED`],
    },
    { name: 'rent without a callbackUrl: no events', requests: () => [rent({ smsConfiguration: sms })], events: [] },
    { name: 'a rent the API refuses: no events', state: 'the project is a trial account', requests: (url) => [rent({ smsConfiguration: sms, callbackUrl: url })], events: [] },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      if (row.state !== undefined) provider.setState(row.state, { projectId: PROJECT });
      for (const [method, path, body] of row.requests(recorder.url)) {
        const answer = await call(provider.url, method, path, body === undefined ? {} : { body });
        expect(answer.status, `${method} ${path}: ${answer.text}`).to.be.oneOf(row.state === 'the project is a trial account' ? [403] : [200]);
      }
      await provider.callbacksSettled();
      expect(recorder.received.map(summary)).to.deep.equal(row.events);
      for (const r of recorder.received) expect(verifyNumbersSignature(r.rawBody, r.headers['x-sinch-signature'], SEED_HMAC_SECRET), r.rawBody).to.equal(true);
      expect(deliveries.map((d) => `${d.outcome} ${d.httpStatus ?? ''}`)).to.deep.equal(row.events.map(() => 'delivered 200'));
    });
  }

  it('sends the exact bytes: spec key order, stable ids, the fixed clock, internalFailureCode of the documented variant', async () => {
    await call(provider.url, 'POST', `${BASE}/availableNumbers/+12025550142:rent`, { body: { smsConfiguration: { ...sms, campaignId: 'COTHER1' }, callbackUrl: recorder.url } });
    await provider.callbacksSettled();
    expect(recorder.received.map((r) => r.rawBody)).to.deep.equal([
      `{"eventId":"01hzreferenceevt0000000001","timestamp":"2026-11-01T00:00:01.000000","projectId":"${PROJECT}","resourceId":"+12025550142","resourceType":"ACTIVE_NUMBER","eventType":"PROVISIONING_TO_SMS_PLATFORM","status":"SUCCEEDED"}`,
      `{"eventId":"01hzreferenceevt0000000002","timestamp":"2026-11-01T00:00:02.000000","projectId":"${PROJECT}","resourceId":"+12025550142","resourceType":"ACTIVE_NUMBER","eventType":"PROVISIONING_TO_CAMPAIGN","status":"FAILED","failureCode":"CAMPAIGN_NOT_AVAILABLE","internalFailureCode":"502"}`,
    ]);
    expect(recorder.received.map((r) => r.headers['content-type'])).to.deep.equal(['application/json', 'application/json']);
  });

  it('signs with the hmacSecret the project has when the event is sent (after UpdateCallbackConfiguration)', async () => {
    const secret = 'a-new-project-secret-0123456789abcdef';
    expect((await call(provider.url, 'PATCH', `${BASE}/callbackConfiguration`, { body: { hmacSecret: secret } })).status).to.equal(200);
    await call(provider.url, 'POST', `${BASE}/availableNumbers/+12025550142:rent`, { body: { smsConfiguration: { servicePlanId: 'example-service-plan' }, callbackUrl: recorder.url } });
    await provider.callbacksSettled();
    const [only] = recorder.received;
    expect(verifyNumbersSignature(only?.rawBody ?? '', only?.headers['x-sinch-signature'], secret)).to.equal(true);
    expect(verifyNumbersSignature(only?.rawBody ?? '', only?.headers['x-sinch-signature'], SEED_HMAC_SECRET)).to.equal(false);
  });

  it('answers the API call before the callback handler answers (delivery is asynchronous)', async () => {
    const release = recorder.hold();
    const answer = await call(provider.url, 'POST', `${BASE}/availableNumbers/+12025550142:rent`, { body: { smsConfiguration: { servicePlanId: 'example-service-plan' }, callbackUrl: recorder.url } });
    expect(answer.status).to.equal(200);
    expect(deliveries).to.deep.equal([]);
    release();
    await provider.callbacksSettled();
    expect(deliveries.map((d) => d.outcome)).to.deep.equal(['delivered']);
  });

  it('does not send unsigned events: a project without a callback configuration gets none, and is told why', async () => {
    provider.setState('the project has no callback configuration', { projectId: PROJECT });
    await call(provider.url, 'POST', `${BASE}/availableNumbers/+12025550142:rent`, { body: { smsConfiguration: { servicePlanId: 'example-service-plan' }, callbackUrl: recorder.url } });
    await provider.callbacksSettled();
    expect(recorder.received).to.deep.equal([]);
    expect(deliveries.map((d) => `${d.outcome}: ${d.reason ?? ''}`)).to.deep.equal(['unsigned: not sent: the project has no callback configuration (no hmacSecret to sign with)']);
  });

  it('reports a handler that cannot be reached once, without retrying', async () => {
    const closed = await startRecorder();
    await closed.close();
    await call(provider.url, 'POST', `${BASE}/availableNumbers/+12025550142:rent`, { body: { smsConfiguration: { servicePlanId: 'example-service-plan' }, callbackUrl: closed.url } });
    await provider.callbacksSettled();
    expect(deliveries.map((d) => `${d.eventType} ${d.outcome}: ${d.reason ?? ''}`)).to.deep.equal(['PROVISIONING_TO_SMS_PLATFORM failed: cannot deliver: ECONNREFUSED']);
  });

  const scheduled: Array<[string, string | undefined, Record<string, unknown>, unknown]> = [
    ['a campaign the project does not have', undefined, { smsConfiguration: { ...sms, campaignId: 'COTHER1' } }, { sms: 'FAILED CAMPAIGN_NOT_AVAILABLE', voice: null }],
    ['the 10DLC limit exceeded', 'campaign provisioning fails with EXCEEDED_10DLC_LIMIT', { smsConfiguration: sms }, { sms: 'FAILED EXCEEDED_10DLC_LIMIT', voice: null }],
    ['the SMS platform failing', 'linking the number to the SMS platform (a service plan) fails', { smsConfiguration: sms }, { sms: 'FAILED SMS_PROVISIONING_FAILED', voice: null }],
    ['the voice platform failing', 'linking the number to the voice platform fails', { voiceConfiguration: { type: 'RTC', appId: 'example-app' } }, { sms: null, voice: 'FAILED' }],
    ['nothing failing', undefined, { smsConfiguration: sms, voiceConfiguration: { type: 'RTC', appId: 'example-app' } }, { sms: null, voice: null }],
  ];
  for (const [name, state, body, expected] of scheduled) {
    it(`scheduled provisioning ends as the callback event said: ${name}`, async () => {
      if (state !== undefined) provider.setState(state, { projectId: PROJECT });
      expect((await call(provider.url, 'POST', `${BASE}/availableNumbers/+12025550142:rent`, { body })).status).to.equal(200);
      let number: { smsConfiguration: { scheduledProvisioning: { status: string; errorCodes: string[] } | null }; voiceConfiguration: { scheduledVoiceProvisioning: { status: string } | null } } | undefined;
      // WAITING, then IN_PROGRESS, then the outcome: one step per read.
      for (let read = 0; read < 2; read += 1) number = (await call(provider.url, 'GET', `${BASE}/activeNumbers/+12025550142`)).body as typeof number;
      const sp = number?.smsConfiguration.scheduledProvisioning;
      const vp = number?.voiceConfiguration.scheduledVoiceProvisioning;
      expect({ sms: sp == null ? null : [sp.status, ...sp.errorCodes].join(' '), voice: vp == null ? null : vp.status }).to.deep.equal(expected);
    });
  }

  const refused: Array<[string, string]> = [
    ['https://127.0.0.1/cb', 'the reference provider delivers callbacks over http to loopback only, not over https'],
    ['http://callbacks.example.com/cb', 'the reference provider delivers callbacks to loopback only (127.0.0.1, [::1], localhost), not to callbacks.example.com'],
    ['http://10.0.0.7:8080/cb', 'the reference provider delivers callbacks to loopback only (127.0.0.1, [::1], localhost), not to 10.0.0.7'],
    ['http://user:secret@127.0.0.1/cb', 'callbackUrl must not carry credentials'],
    ['not a url', 'callbackUrl is not a URL'],
  ];
  for (const [callbackUrl, message] of refused) {
    it(`refuses callbackUrl ${callbackUrl} on rent and update: 400 INVALID_ARGUMENT "${message}"`, async () => {
      for (const [method, path] of [
        ['POST', `${BASE}/availableNumbers/+12025550142:rent`],
        ['PATCH', `${BASE}/activeNumbers/${LINKED}`],
      ] as const) {
        const answer = await call(provider.url, method, path, { body: { callbackUrl } });
        expect(answer.status).to.equal(400);
        expect(answer.body).to.deep.equal({ error: { code: 400, message, status: 'INVALID_ARGUMENT', details: [{ type: 'BadRequest', fieldViolations: [{ field: 'callbackUrl', description: message }] }] } });
      }
    });
  }

  it('accepts the loopback forms localhost and [::1]', async () => {
    for (const callbackUrl of ['http://localhost:9/cb', 'http://[::1]:9/cb']) {
      expect((await call(provider.url, 'PATCH', `${BASE}/activeNumbers/${LINKED}`, { body: { callbackUrl } })).status, callbackUrl).to.equal(200);
    }
  });

  it("the number order lifecycle's events (the project's outbox) are drained to their callbackUrl, rendered signed; none to an order without one", async () => {
    const { catalog } = await specFixture();
    const project = new Project(PROJECT);
    const base = { eventType: 'NUMBER_ORDER_PROCESSING', resourceType: 'NUMBER_ORDER', projectId: PROJECT, resourceId: '01hzexampleorder0000000009', timestamp: '2026-11-01T00:00:00Z' } as const;
    project.outbox.push({ ...base, status: 'COMPLETED', callbackUrl: '' }, { ...base, status: 'REJECTED', callbackUrl: recorder.url });
    const outbox: PendingCallback[] = [];
    drainOrderEvents(project, outbox);
    expect(project.outbox).to.deep.equal([]);
    expect(outbox.map((p) => renderCallback(project, p, catalog.events).rawBody)).to.deep.equal([
      `{"eventId":"01hzreferenceevt0000000001","timestamp":"2026-11-01T00:00:01.000000","projectId":"${PROJECT}","resourceId":"01hzexampleorder0000000009","resourceType":"NUMBER_ORDER","eventType":"NUMBER_ORDER_PROCESSING","status":"REJECTED"}`,
    ]);
  });
});
