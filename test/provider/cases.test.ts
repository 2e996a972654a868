import { expect } from 'chai';
import type { CaseRequest } from '../../src/catalog/types.js';
import { startReferenceProvider } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { call, specFixture, type Sent, type SpecFixture } from './fixture.js';
import { OPERATION_COUNT } from '../helpers/catalog-size.js';

function send(provider: ReferenceProvider, request: CaseRequest): Promise<Sent> {
  const authorization = request.headers.Authorization;
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'Authorization'));
  return call(provider.url, request.method, request.path, {
    query: request.query,
    headers,
    authorization: authorization === undefined || authorization === '' ? null : authorization,
    ...(request.rawBody !== undefined ? { rawBody: request.rawBody } : request.body !== undefined ? { rawBody: JSON.stringify(request.body) } : {}),
  });
}

describe('reference provider: the catalog', () => {
  let fixture: SpecFixture;
  let provider: ReferenceProvider;

  before(async () => {
    fixture = await specFixture();
    provider = await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec });
  });
  after(() => provider.close());

  it("answers every operation's canonical request, in its provider state, with its success status and a body valid against the spec", async () => {
    expect(fixture.catalog.operations).to.have.length(OPERATION_COUNT);
    for (const op of fixture.catalog.operations) {
      provider.setState(op.state.name, op.state.params);
      const res = await send(provider, op.request);
      expect(res.status, `${op.operationId}: ${res.text}`).to.equal(op.successStatus);
      // Deprovision answers 200 without content, as the official spec declares.
      expect(res.headers['content-type'], op.operationId).to.equal(op.successBody === null ? undefined : 'application/json');
      expect(fixture.responseProblems(op.operationId, res.status, res.body), op.operationId).to.deep.equal([]);
    }
  });

  it('produces every documented error case from its request and provider state: the documented status, body and headers', async () => {
    expect(fixture.catalog.cases.length).to.be.greaterThan(150);
    const kinds = new Set<string>();
    for (const c of fixture.catalog.cases) {
      provider.setState(c.state.name, c.state.params);
      const res = await send(provider, c.request);
      expect(res.status, `${c.id}: ${res.text}`).to.equal(c.status);
      expect(res.body, c.id).to.deep.equal(c.body);
      for (const [name, value] of Object.entries(c.responseHeaders)) expect(res.headers[name.toLowerCase()], `${c.id} ${name}`).to.equal(value);
      expect(fixture.responseProblems(c.operationId, res.status, res.body), c.id).to.deep.equal([]);
      kinds.add(c.trigger.kind);
    }
    expect([...kinds].sort()).to.deep.equal(['body', 'content-type', 'credentials', 'json', 'method', 'path', 'query', 'state']);
  });

  it('knows every provider state the catalog names, and refuses one it does not know', () => {
    const named = new Set([...fixture.catalog.operations.map((o) => o.state.name), ...fixture.catalog.cases.map((c) => c.state.name)]);
    for (const name of named) expect(provider.states, name).to.include(name);
    expect(() => provider.setState('the moon is full', {})).to.throw('does not know the provider state "the moon is full"');
  });
});
