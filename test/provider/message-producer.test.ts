/**
 * The reference provider as a Pact message provider: for every documented event variant, in the
 * variant's provider state, `POST /` answers the event its trigger queues, with the signature in
 * base64 Pact-Message-Metadata.
 */
import { expect } from 'chai';
import { verifyNumbersSignature } from '../../src/events/signature.js';
import { describeEvent } from '../../src/pact/message.js';
import { SEED_HMAC_SECRET } from '../../src/provider/seed.js';
import { startReferenceProvider } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { EVENT_COUNT } from '../helpers/catalog-size.js';
import { call, specFixture } from './fixture.js';

const json = { 'Content-Type': 'application/json' };

describe('reference provider: message provider (POST /)', () => {
  let provider: ReferenceProvider;
  before(async () => {
    provider = await startReferenceProvider({ catalog: (await specFixture()).catalog });
  });
  after(() => provider.close());

  it('produces every documented event variant in its provider state, signed', async () => {
    const { catalog } = await specFixture();
    expect(catalog.events).to.have.length(EVENT_COUNT);
    const produced: string[] = [];
    for (const e of catalog.events) {
      provider.setState(e.state.name, e.state.params);
      const answer = await call(provider.url, 'POST', '/', { headers: json, rawBody: JSON.stringify({ description: describeEvent(e), providerStates: [e.state] }), authorization: null });
      expect(answer.status, `${e.id}: ${answer.text}`).to.equal(200);
      const body = answer.body as Record<string, unknown>;
      const metadata = JSON.parse(Buffer.from(String(answer.headers['pact-message-metadata']), 'base64').toString('utf8')) as Record<string, string>;
      expect(verifyNumbersSignature(answer.text, metadata['X-Sinch-Signature'], SEED_HMAC_SECRET), e.id).to.equal(true);
      produced.push([body.resourceType, body.eventType, body.status, body.failureCode].filter((v) => v !== undefined).join(' '));
    }
    expect(produced).to.deep.equal(catalog.events.map((e) => [e.resourceType, e.eventType, e.status, e.failureCode].filter((v) => v !== undefined).join(' ')));
  });

  const refusals: Array<[string, unknown, string]> = [
    ['an unknown description', { description: 'NumberService_EventsCallback no_such_event' }, 'the spec documents no callback event described "NumberService_EventsCallback no_such_event"'],
    ['no description', { providerStates: [] }, 'the message request is not a JSON object with a description'],
  ];
  for (const [name, request, error] of refusals) {
    it(`refuses ${name}: 400 "${error}"`, async () => {
      const answer = await call(provider.url, 'POST', '/', { headers: json, rawBody: JSON.stringify(request), authorization: null });
      expect(answer.status).to.equal(400);
      expect(answer.body).to.deep.equal({ error });
    });
  }

  it('fails a variant the state does not bring about: the event comes out as it is, for Pact to compare', async () => {
    const { catalog } = await specFixture();
    const failed = catalog.events.find((e) => e.failureCode === 'CAMPAIGN_EXPIRED');
    provider.clearState();
    const answer = await call(provider.url, 'POST', '/', { headers: json, rawBody: JSON.stringify({ description: describeEvent(failed!) }), authorization: null });
    expect((answer.body as Record<string, unknown>).status).to.equal('SUCCEEDED');
  });
});
