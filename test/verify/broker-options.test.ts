import { expect } from 'chai';
import { KitError } from '../../src/errors.js';
import { brokerSource, parseSelectors, verifierBrokerOptions, type BrokerOptions } from '../../src/verify/broker-options.js';

const BROKER = 'https://broker.example.test';

function fails(options: BrokerOptions, env: NodeJS.ProcessEnv = {}): string {
  try {
    brokerSource(options, env);
  } catch (error) {
    expect(error).to.be.instanceOf(KitError);
    const e = error as KitError;
    return `${e.code} ${e.location ?? ''}: ${e.message} (exit ${e.exitCode})`;
  }
  throw new Error('expected a KitError');
}

describe('verify --broker-url: options (src/verify/broker-options.ts)', () => {
  it('the broker URL comes from --broker-url, else PACT_BROKER_BASE_URL', () => {
    expect(brokerSource({ url: `${BROKER}/ctx/`, provider: 'p' }, { PACT_BROKER_BASE_URL: 'http://other' }).url.href).to.equal(`${BROKER}/ctx/`);
    expect(brokerSource({ provider: 'p' }, { PACT_BROKER_BASE_URL: BROKER }).url.href).to.equal(`${BROKER}/`);
  });

  const refused: Array<[string, BrokerOptions, NodeJS.ProcessEnv, string]> = [
    ['no broker', { provider: 'p' }, {}, 'BROKER_URL_MISSING --broker-url: no broker: give --broker-url or set PACT_BROKER_BASE_URL (exit 2)'],
    ['not a URL', { url: 'broker', provider: 'p' }, {}, 'BAD_URL --broker-url: the broker URL is not a URL (exit 2)'],
    ['ftp', { url: 'ftp://broker.test', provider: 'p' }, {}, "BAD_URL --broker-url: 'ftp:' broker URLs are not supported; use http or https (exit 2)"],
    [
      'credentials in the URL (never echoed)',
      { url: 'https://me:s3cret-pass@broker.test', provider: 'p' },
      {},
      'BAD_URL --broker-url: put the broker credentials in PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD, not in the URL (exit 2)',
    ],
    ['no provider', { url: BROKER, provider: ' ' }, {}, 'BROKER_PROVIDER_MISSING --provider: verifying from a broker needs the provider name the broker knows: --provider <name> (exit 2)'],
    [
      'WIP without pending',
      { url: BROKER, provider: 'p', includeWipPactsSince: '2026-01-01' },
      {},
      'BAD_OPTIONS --include-wip-pacts-since: work-in-progress pacts are verified as pending: --include-wip-pacts-since needs --enable-pending (exit 2)',
    ],
    ['WIP not a date', { url: BROKER, provider: 'p', enablePending: true, includeWipPactsSince: 'last week' }, {}, "BAD_DATE --include-wip-pacts-since: 'last week' is not a date (YYYY-MM-DD, or an ISO 8601 time) (exit 2)"],
    ['WIP impossible date', { url: BROKER, provider: 'p', enablePending: true, includeWipPactsSince: '2026-13-45' }, {}, "BAD_DATE --include-wip-pacts-since: '2026-13-45' is not a date (YYYY-MM-DD, or an ISO 8601 time) (exit 2)"],
    [
      'publish without a version',
      { url: BROKER, provider: 'p', publish: true },
      { GIT_BRANCH: 'main' },
      'PROVIDER_VERSION_MISSING --provider-version: publishing results needs the provider version: --provider-version <version> (or one of GITHUB_SHA, BUILDKITE_COMMIT, CIRCLE_SHA1, TRAVIS_COMMIT, GIT_COMMIT, ...) (exit 2)',
    ],
    ['a version without publish', { url: BROKER, provider: 'p', providerVersion: '1.0.0' }, {}, 'BAD_OPTIONS --provider-version: --provider-version is the version results are published for: add --publish (exit 2)'],
    ['username without password', { url: BROKER, provider: 'p' }, { PACT_BROKER_USERNAME: 'ci' }, 'BROKER_CREDENTIALS PACT_BROKER_PASSWORD: PACT_BROKER_USERNAME is set but PACT_BROKER_PASSWORD is empty (exit 2)'],
  ];
  for (const [name, options, env, message] of refused) {
    it(`refused: ${name}`, () => {
      const line = fails(options, env);
      expect(line).to.equal(message);
      expect(line).not.to.include('s3cret-pass');
    });
  }

  it('credentials: PACT_BROKER_TOKEN (Bearer) before PACT_BROKER_USERNAME/PASSWORD (Basic), as Pact reads them', () => {
    expect(brokerSource({ url: BROKER, provider: 'p' }, { PACT_BROKER_TOKEN: 't0k', PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'pw' }).auth).to.deep.equal({ token: 't0k' });
    expect(brokerSource({ url: BROKER, provider: 'p' }, { PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'pw' }).auth).to.deep.equal({ username: 'u', password: 'pw' });
    expect(brokerSource({ url: BROKER, provider: 'p' }, {}).auth).to.equal(undefined);
  });

  const ci: Array<[string, NodeJS.ProcessEnv, string | undefined, string | undefined]> = [
    ['GitHub push', { GITHUB_SHA: 'abc123', GITHUB_REF: 'refs/heads/main', GIT_COMMIT: 'ignored', GIT_BRANCH: 'ignored' }, 'abc123', 'main'],
    ['GitHub pull request', { GITHUB_SHA: 'abc123', GITHUB_HEAD_REF: 'feat/x', GITHUB_REF: 'refs/pull/7/merge' }, 'abc123', 'feat/x'],
    ['GitHub tag push: no branch', { GITHUB_SHA: 'abc123', GITHUB_REF: 'refs/tags/v1' }, 'abc123', undefined],
    ['Jenkins', { GIT_COMMIT: 'def456', GIT_BRANCH: 'release' }, 'def456', 'release'],
    ['GitLab', { CI_COMMIT_REF_NAME: 'main' }, undefined, 'main'],
    ['empty values are absent', { GITHUB_SHA: ' ', GIT_COMMIT: 'def456', GITHUB_HEAD_REF: '' }, 'def456', undefined],
  ];
  for (const [name, env, version, branch] of ci) {
    it(`provider version and branch from CI variables: ${name}`, () => {
      const source = version === undefined ? brokerSource({ url: BROKER, provider: 'p' }, env) : brokerSource({ url: BROKER, provider: 'p', publish: true }, env);
      expect(source.publish?.providerVersion).to.equal(version);
      expect(source.providerBranch).to.equal(branch);
    });
  }

  it('flags win over CI variables', () => {
    const source = brokerSource({ url: BROKER, provider: 'p', publish: true, providerVersion: '2.0.0', providerBranch: 'dev' }, { GITHUB_SHA: 'abc', GIT_BRANCH: 'main' });
    expect(source.publish).to.deep.equal({ providerVersion: '2.0.0' });
    expect(source.providerBranch).to.equal('dev');
  });

  describe('--consumer-version-selectors', () => {
    it('parses the usual JSON form', () => {
      expect(parseSelectors('[{"mainBranch":true},{"deployedOrReleased":true},{"branch":"feat/x","consumer":"billing"}]')).to.deep.equal([{ mainBranch: true }, { deployedOrReleased: true }, { branch: 'feat/x', consumer: 'billing' }]);
    });
    const bad: Array<[string, string]> = [
      ['{"mainBranch":true}', 'expected a JSON array of selectors, e.g. [{"mainBranch": true}]'],
      ['[{"mainbranch":true}]', 'selector 0: unknown key "mainbranch" (known: mainBranch, branch, deployedOrReleased, deployed, released, environment, matchingBranch, fallbackBranch, consumer, tag, fallbackTag, latest)'],
      ['[{"mainBranch":false}]', 'selector 0: "mainBranch" must be true'],
      ['[{"branch":""}]', 'selector 0: "branch" must be a non-empty string'],
      ['[{"latest":"yes"}]', 'selector 0: "latest" must be true or false'],
      ['[{}]', 'selector 0 is empty'],
      ...['constructor', 'toString', '__proto__', 'hasOwnProperty'].map((key): [string, string] => [
        `[{"${key}":"x"}]`,
        `selector 0: unknown key "${key}" (known: mainBranch, branch, deployedOrReleased, deployed, released, environment, matchingBranch, fallbackBranch, consumer, tag, fallbackTag, latest)`,
      ]),
      ['[1]', 'selector 0 is not an object'],
    ];
    for (const [text, message] of bad) {
      it(`refuses ${text}`, () => {
        try {
          parseSelectors(text);
          expect.fail('expected a KitError');
        } catch (error) {
          expect((error as KitError).code).to.equal('BAD_SELECTORS');
          expect((error as KitError).message).to.equal(message);
          expect((error as KitError).location).to.equal('--consumer-version-selectors');
        }
      });
    }
    it('not JSON', () => {
      expect(() => parseSelectors('[{mainBranch:true}]')).to.throw(KitError, /^not JSON: /);
    });
  });

  it("pact-core's verifier options: the relay as broker, its key as the only credential, selectors, pending, WIP, branch and publishing", () => {
    const source = brokerSource(
      { url: BROKER, provider: 'sinch-numbers', consumerVersionSelectors: [{ mainBranch: true }], enablePending: true, includeWipPactsSince: '2026-01-01', publish: true, providerVersion: '1.2.3', providerBranch: 'main' },
      { PACT_BROKER_TOKEN: 't0k' },
    );
    expect(verifierBrokerOptions(source, 'http://127.0.0.1:1234', 'run-key')).to.deep.equal({
      provider: 'sinch-numbers',
      pactBrokerUrl: 'http://127.0.0.1:1234',
      pactBrokerToken: 'run-key',
      consumerVersionSelectors: [{ mainBranch: true }],
      enablePending: true,
      includeWipPactsSince: '2026-01-01',
      providerVersionBranch: 'main',
      publishVerificationResult: true,
      providerVersion: '1.2.3',
      failIfNoPactsFound: false,
    });
    const basic = brokerSource({ url: BROKER, provider: 'p' }, { PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'pw' });
    const options = verifierBrokerOptions(basic, 'http://127.0.0.1:1', 'run-key');
    expect(options).to.deep.include({ pactBrokerToken: 'run-key', enablePending: false, consumerVersionSelectors: [] });
    expect(JSON.stringify(options), 'the broker credentials stay with the relay').to.not.match(/"u"|pw|t0k/);
  });
});
