import { expect } from 'chai';
import { loadCatalog } from '../../src/catalog/index.js';
import { KitError } from '../../src/errors.js';
import { assertDistinguishable } from '../../src/pact/contract.js';
import { isErrorCase, type NumbersCase } from '../../src/catalog/types.js';
import { AUTHORIZATION_PATTERN, caseInteraction, describeCase, errorInteraction, KIT_REFERENCE_GROUP } from '../../src/pact/interaction.js';
import { equal, exampleOf, like, type PactMatcher } from '../../src/pact/matchers.js';
import { bundledSpec } from '../helpers/paths.js';
import { makeErrorCase, makeLegacyCase, PROJECT } from './fixtures.js';

const matcher = (value: unknown): PactMatcher => value as PactMatcher;

describe('pact interaction: one catalog case → one interaction (pure)', () => {
  it('describes the case deterministically and keeps its provider state with params', () => {
    const c = makeLegacyCase();
    const i = errorInteraction(c);
    expect(i.description).to.equal('NumberService_RentNumber 403 unknown_campaign');
    expect(describeCase(c)).to.equal(i.description);
    expect(i.state).to.deep.equal({ name: 'the campaign does not match the originator', params: { projectId: PROJECT, phoneNumber: '+12025550156' } });
  });

  it('carries where it came from: case id, spec pointers and operationId as V4 references', () => {
    const c = makeErrorCase();
    const i = errorInteraction(c);
    expect(i.references).to.deep.include({ group: KIT_REFERENCE_GROUP, name: 'caseId', value: c.id });
    expect(i.references).to.deep.include({ group: KIT_REFERENCE_GROUP, name: 'pointer', value: c.pointer });
    expect(i.references).to.deep.include({ group: 'OpenAPI', name: 'operationId', value: 'NumberService_GetActiveNumber' });
    expect(i.comments[0]).to.equal(`${c.id}: ${c.summary}`);
  });

  it('comments each source, and a deprecated operation with its replacement', () => {
    const plain = errorInteraction(makeErrorCase());
    expect(plain.comments.slice(2)).to.deep.equal(['source: status-page numbers-status-codes.txt']);
    const c = makeErrorCase({
      deprecated: { replacement: 'Number Order (CreateNumberOrder)' },
      sources: [
        { kind: 'official-spec', pointer: '/components/schemas/NotFound' },
        { kind: 'inferred', reason: 'the envelope follows the API convention' },
      ],
      inferred: true,
    });
    expect(errorInteraction(c).comments.slice(2)).to.deep.equal([
      'DEPRECATED operation NumberService_GetActiveNumber: use Number Order (CreateNumberOrder)',
      'source: official-spec official-numbers-api-1.0.3.yaml#/components/schemas/NotFound',
      'source: inferred: the envelope follows the API convention',
      'envelope inferred',
    ]);
  });

  it('pins the Google envelope code and status, type-matches the message and accepts any details', () => {
    const body = errorInteraction(makeErrorCase()).response.body.content as { error: Record<string, PactMatcher> };
    expect(body.error.code).to.deep.equal({ 'pact:matcher:type': 'equality', value: 404 });
    expect(body.error.status).to.deep.equal({ 'pact:matcher:type': 'equality', value: 'NOT_FOUND' });
    expect(body.error.message).to.deep.equal({ 'pact:matcher:type': 'type', value: 'Number not found' });
    expect(body.error.details).to.deep.equal({ 'pact:matcher:type': 'type', min: 0, value: [] });
  });

  it('pins the legacy code and type-matches its text', () => {
    const body = errorInteraction(makeLegacyCase()).response.body.content as Record<string, PactMatcher>;
    expect(body.code).to.deep.equal({ 'pact:matcher:type': 'equality', value: 'unknown_campaign' });
    expect(body.text?.['pact:matcher:type']).to.equal('type');
  });

  it('answers with a JSON Content-Type and loosens documented headers to their syntax', () => {
    const i = errorInteraction(makeErrorCase({ responseHeaders: { 'Retry-After': '1', Allow: 'GET, PATCH', 'WWW-Authenticate': 'Bearer realm="x"', 'X-Other': 'v' } }));
    expect(i.response.headers['Content-Type']).to.equal('application/json');
    expect(matcher(i.response.headers['Retry-After'])).to.include({ 'pact:matcher:type': 'regex', value: '1' });
    expect(matcher(i.response.headers.Allow).regex).to.equal('^[A-Z]+(, ?[A-Z]+)*$');
    expect(matcher(i.response.headers['WWW-Authenticate'])['pact:matcher:type']).to.equal('regex');
    expect(matcher(i.response.headers['X-Other'])).to.deep.equal({ 'pact:matcher:type': 'type', value: 'v' });
  });

  it('matches Authorization by regex with the placeholder example; the 401 case keeps its invalid-token example', () => {
    const auth = matcher(errorInteraction(makeErrorCase()).request.headers.Authorization);
    expect(auth).to.deep.equal({ 'pact:matcher:type': 'regex', regex: AUTHORIZATION_PATTERN, value: 'Bearer example-token' });
    const c401 = makeErrorCase({ status: 401, request: { ...makeErrorCase().request, headers: { Authorization: 'Bearer invalid-token' } } });
    expect(matcher(errorInteraction(c401).request.headers.Authorization).value).to.equal('Bearer invalid-token');
  });

  it('refuses a credential that is not a placeholder, without echoing it', () => {
    const leaky = makeErrorCase({ request: { ...makeErrorCase().request, headers: { Authorization: 'Bearer sk_live_4f9a8c7d' } } });
    expect(() => errorInteraction(leaky))
      .to.throw(KitError, /not a placeholder/)
      .that.satisfies((e: Error) => !e.message.includes('sk_live'));
  });

  it('lets the path arrive with + or %2B (and : or %3A), matching everything else literally', () => {
    const path = matcher(errorInteraction(makeLegacyCase()).request.path);
    const re = new RegExp(path.regex ?? '');
    expect(path.value).to.equal(`/v1/projects/${PROJECT}/availableNumbers/+12025550156:rent`);
    expect(re.test(`/v1/projects/${PROJECT}/availableNumbers/%2B12025550156%3Arent`)).to.equal(true);
    expect(re.test(`/v1/projects/${PROJECT}/availableNumbers/+12025550157:rent`)).to.equal(false);
    expect(errorInteraction(makeErrorCase({ request: { ...makeErrorCase().request, path: '/v1/plain' } })).request.path).to.equal('/v1/plain');
  });

  it('type-matches the canonical body of a state-driven case, but keeps a body-driven body exact', () => {
    const state = errorInteraction(makeLegacyCase()).request.body;
    expect(state?.kind === 'json' && matcher(state.content)['pact:matcher:type']).to.equal('type');
    const bodyCase = makeLegacyCase({ trigger: { kind: 'body', description: 'no servicePlanId' } });
    const exact = errorInteraction(bodyCase).request.body;
    expect(exact).to.deep.equal({ kind: 'json', contentType: 'application/json', content: bodyCase.request.body });
  });

  it('keeps a deliberately malformed JSON body as text, marked unmatchable, and a text/plain body as text', () => {
    const base = makeLegacyCase().request;
    const json = errorInteraction(makeLegacyCase({ request: { ...base, body: undefined, rawBody: '{"displayName": ' } })).request.body;
    expect(json).to.deep.equal({ kind: 'text', contentType: 'application/json', text: '{"displayName": ', matchable: false });
    const plain = { ...base, body: undefined, rawBody: '{"a":1}', headers: { ...base.headers, 'Content-Type': 'text/plain' } };
    expect(errorInteraction(makeLegacyCase({ request: plain })).request.body).to.deep.include({ kind: 'text', contentType: 'text/plain', matchable: true });
  });

  it('maps every case of the bundled catalog, and no two of them are indistinguishable to a provider', async () => {
    const catalog = await loadCatalog(bundledSpec);
    const interactions = catalog.cases.map(caseInteraction);
    expect(new Set(interactions.map((i) => i.description)).size).to.equal(catalog.cases.length);
    expect(() => assertDistinguishable(interactions)).not.to.throw();
    for (const [index, i] of interactions.entries()) {
      const c = catalog.cases[index]!;
      // `details` is loosened to "any array", whose Pact example is empty; everything else is the documented body.
      const documented = isErrorCase(c) && c.envelope === 'google' ? { error: { ...(c.body as { error: object }).error, details: [] } } : c.body;
      expect(exampleOf(i.response.body.content), c.id).to.deep.equal(documented);
      expect(i.response.status).to.equal(c.status);
    }
  });

  it('pins a provisioning failure (the failed job: status and errorCodes, or status and type) and type-matches the rest of the 200 ActiveNumber', async () => {
    const catalog = await loadCatalog(bundledSpec);
    const find = (id: string): NumbersCase => catalog.cases.find((c) => c.id === `NumberService_GetActiveNumber/200/${id}`)!;
    const sms = caseInteraction(find('provisioning_failed_campaign_expired'));
    const content = sms.response.body.content as Record<string, Record<string, Record<string, unknown>>>;
    expect({ status: sms.response.status, headers: sms.response.headers }).to.deep.equal({ status: 200, headers: { 'Content-Type': 'application/json' } });
    expect(content.smsConfiguration!.scheduledProvisioning).to.deep.include({ status: equal('FAILED'), errorCodes: equal(['CAMPAIGN_EXPIRED']), servicePlanId: like('example-service-plan') });
    expect(content.phoneNumber).to.deep.equal(like('+12025550134'));
    expect(sms.comments).to.include('200 answer: scheduled SMS provisioning FAILED with CAMPAIGN_EXPIRED (not an HTTP error)');
    expect(sms.state).to.deep.equal({ name: "the active number's SMS provisioning failed", params: { projectId: '12c0ffee-dada-beef-cafe-baadc0de5678', phoneNumber: '+12025550134', errorCode: 'CAMPAIGN_EXPIRED' } });
    const voice = caseInteraction(find('voice_provisioning_failed_est')).response.body.content as Record<string, Record<string, Record<string, unknown>>>;
    expect(voice.voiceConfiguration!.scheduledVoiceProvisioning).to.deep.include({ status: equal('FAILED'), type: equal('EST'), trunkId: like('example-trunk') });
    expect(voice.smsConfiguration!.scheduledProvisioning).to.deep.equal(like(null));
  });

  it('rejects two cases that send the same request in the same provider state', () => {
    const a = errorInteraction(makeErrorCase());
    const b = errorInteraction(makeErrorCase({ id: 'NumberService_GetActiveNumber/500/internal', status: 500, exampleName: 'internal' }));
    expect(() => assertDistinguishable([a, b])).to.throw(KitError, /same request in the same provider state/);
  });
});
