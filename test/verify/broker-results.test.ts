import { expect } from 'chai';
import { brokerSource } from '../../src/verify/broker-options.js';
import type { BrokerExchange, RelayedPact } from '../../src/verify/broker-relay.js';
import { brokerFailure, brokerPacts, publishProblem, type BrokerObservation } from '../../src/verify/broker-results.js';

const URL = 'https://broker.example.test';
const FOR_VERIFICATION = '/pacts/provider/sinch-numbers/for-verification';
const PACT = '/pacts/provider/sinch-numbers/consumer/billing/pact-version/abc/metadata/xyz';

function observed(exchanges: BrokerExchange[], options: { env?: NodeJS.ProcessEnv; selection?: RelayedPact[]; publish?: boolean; failIfNoPacts?: boolean } = {}): BrokerObservation {
  const source = brokerSource(
    { url: URL, provider: 'sinch-numbers', publish: options.publish === true, failIfNoPactsFound: options.failIfNoPacts === true, consumerVersionSelectors: [{ mainBranch: true }] },
    { GIT_COMMIT: 'abc123', ...options.env },
  );
  return { source, shown: URL, exchanges, selection: options.selection, publications: exchanges.filter((x) => x.method === 'POST' && x.path.endsWith('/verification-results')) };
}

const ok = (method: string, path: string): BrokerExchange => ({ method, path, status: 200 });

describe('verify --broker-url: what the broker answered decides (src/verify/broker-results.ts)', () => {
  const failures: Array<[string, BrokerExchange[], NodeJS.ProcessEnv, string | undefined]> = [
    ['all answered', [ok('GET', '/'), ok('GET', FOR_VERIFICATION), ok('POST', FOR_VERIFICATION)], {}, undefined],
    ['refused connection', [{ method: 'GET', path: '/', failure: 'ECONNREFUSED' }], {}, 'BROKER_UNREACHABLE: cannot reach the broker: ECONNREFUSED (GET /) (exit 3)'],
    ['timeout', [ok('GET', '/'), { method: 'GET', path: FOR_VERIFICATION, failure: 'no answer within 10000 ms' }], {}, `BROKER_UNREACHABLE: cannot reach the broker: no answer within 10000 ms (GET ${FOR_VERIFICATION}) (exit 3)`],
    ['403 with a token', [{ method: 'GET', path: '/', status: 403 }], { PACT_BROKER_TOKEN: 'tkn-1234' }, 'BROKER_UNAUTHORIZED: the broker answered 403 to GET /: it refused the token in PACT_BROKER_TOKEN (exit 2)'],
    [
      '400 on the selectors',
      [ok('GET', '/'), ok('GET', FOR_VERIFICATION), { method: 'POST', path: FOR_VERIFICATION, status: 400 }],
      {},
      `BROKER_REJECTED: the broker answered 400 to POST ${FOR_VERIFICATION} (the broker refused the selectors or options) (exit 2)`,
    ],
    ['404 on the index', [{ method: 'GET', path: '/', status: 404 }], {}, 'BROKER_REJECTED: the broker answered 404 to GET / (is this the base URL of a Pact Broker?) (exit 2)'],
    ['503', [{ method: 'GET', path: '/', status: 503 }], {}, 'BROKER_ERROR: the broker answered 503 to GET / (exit 3)'],
    ['404 for the provider: no failure (nothing selected)', [ok('GET', '/'), { method: 'GET', path: FOR_VERIFICATION, status: 404 }], {}, undefined],
    ['publishing steps are not the run failing', [ok('GET', '/'), { method: 'GET', path: '/pacticipants/sinch-numbers', status: 404 }, { method: 'POST', path: `${PACT}/verification-results`, status: 500 }], {}, undefined],
  ];
  for (const [name, exchanges, env, line] of failures) {
    it(`brokerFailure: ${name}`, () => {
      const error = brokerFailure(observed(exchanges, { env }));
      expect(error === undefined ? undefined : `${error.code}: ${error.message} (exit ${error.exitCode})`).to.equal(line);
      if (error !== undefined) expect(error.location).to.equal(URL);
    });
  }

  it('brokerPacts: the served pacts read with case ids and states, pending ones named; a pact the reader refuses still counts, without interactions', () => {
    const pact = {
      consumer: { name: 'billing' },
      provider: { name: 'sinch-numbers' },
      interactions: [{ description: 'Op 400 x', comments: { references: { 'numbers-contract-kit': { caseId: 'Op/400/x' } } }, providerStates: [{ name: 's', params: { projectId: 'p1' } }] }],
    };
    // Pact V3 messages: the reader refuses them (verify reads Pact V4 interactions, the kit's message pact among them).
    const messages = { consumer: { name: 'handler' }, provider: { name: 'sinch-numbers' }, messages: [{ description: 'event' }], metadata: { pactSpecification: { version: '3.0.0' } } };
    const result = brokerPacts(
      observed([], {
        selection: [
          { path: PACT, pending: true, shortDescription: 'latest from main branch', text: JSON.stringify(pact) },
          { path: '/pacts/provider/sinch-numbers/consumer/handler/pact-version/def', pending: false, shortDescription: 'latest', text: JSON.stringify(messages) },
          { path: '/not/fetched', pending: false, shortDescription: '' },
        ],
      }),
    );
    expect(result.sources.map((s) => [s.display, s.consumer, s.interactions.map((i) => i.caseId)])).to.deep.equal([
      [`${URL}${PACT}`, 'billing', ['Op/400/x']],
      [`${URL}/pacts/provider/sinch-numbers/consumer/handler/pact-version/def`, '', []],
    ]);
    expect([...result.pending]).to.deep.equal([`${URL}${PACT}`]);
    expect(result.none).to.equal(undefined);
  });

  it('brokerPacts: nothing selected is a note, or NO_PACTS (exit 2) with --fail-if-no-pacts-found; an unknown provider says so', () => {
    expect(brokerPacts(observed([ok('POST', FOR_VERIFICATION)], { selection: [] })).none).to.equal(`the broker selected no pact for provider 'sinch-numbers' with the consumer version selectors [{"mainBranch":true}]`);
    expect(brokerPacts(observed([{ method: 'GET', path: FOR_VERIFICATION, status: 404 }])).none).to.equal("the broker knows no provider named 'sinch-numbers' (check --provider, or no consumer has published a pact for it yet)");
    expect(() => brokerPacts(observed([], { selection: [], failIfNoPacts: true })))
      .to.throw(/the broker selected no pact/)
      .with.property('code', 'NO_PACTS');
  });

  const publishing: Array<[string, BrokerExchange[], number, string | undefined]> = [
    ['every result accepted', [{ method: 'POST', path: `${PACT}/verification-results`, status: 201 }], 1, undefined],
    ['a result refused', [{ method: 'POST', path: `${PACT}/verification-results`, status: 403 }], 1, `the broker accepted 0 of 1 verification result: POST ${PACT}/verification-results: HTTP 403`],
    [
      'the branch PUT refused (the verifier then sends no result)',
      [ok('GET', '/pacticipants/sinch-numbers'), { method: 'PUT', path: '/pacticipants/sinch-numbers/branches/main/versions/abc123', status: 422 }],
      1,
      'the broker accepted 0 of 1 verification result: PUT /pacticipants/sinch-numbers/branches/main/versions/abc123: HTTP 422',
    ],
    [
      'one of two missing',
      [{ method: 'POST', path: `${PACT}/verification-results`, status: 201 }],
      2,
      'the broker accepted 1 of 2 verification results: the verifier sent no result for the others (does each pact have a pb:publish-verification-results link?)',
    ],
  ];
  for (const [name, exchanges, verified, problem] of publishing) {
    it(`publishProblem: ${name}`, () => {
      expect(publishProblem(observed(exchanges, { publish: true }), verified)).to.equal(problem);
    });
  }
  it('publishProblem: nothing to say without --publish', () => {
    expect(publishProblem(observed([{ method: 'POST', path: `${PACT}/verification-results`, status: 500 }]), 1)).to.equal(undefined);
  });
});
