/**
 * What `verify --broker-url` asks of Pact's verifier: the broker, the provider, the consumer version
 * selectors, pending and WIP pacts, publishing. Checked here, once, so a typo cannot silently select
 * other pacts (the broker and the Rust verifier ignore selector keys they do not know). The
 * credentials come from the environment only, like Pact's own tools: PACT_BROKER_TOKEN (Bearer) or
 * PACT_BROKER_USERNAME + PACT_BROKER_PASSWORD (Basic).
 */
import { KitError } from '../errors.js';
import { ownValue } from '../openapi/own.js';

/** The broker's consumer version selector (docs.pact.io/selectors), as Pact's verifier sends it. */
export interface ConsumerVersionSelector {
  mainBranch?: true;
  branch?: string;
  deployedOrReleased?: true;
  deployed?: true;
  released?: true;
  environment?: string;
  matchingBranch?: true;
  fallbackBranch?: string;
  consumer?: string;
  tag?: string;
  fallbackTag?: string;
  latest?: boolean;
}

/** `verifyContracts({ broker })`: the pacts a Pact Broker / PactFlow selects for the provider. */
export interface BrokerOptions {
  /** Default: PACT_BROKER_BASE_URL. */
  url?: string;
  /** The provider's name as the broker knows it. */
  provider: string;
  /** Default: none sent (the broker then selects the latest pact of each consumer). */
  consumerVersionSelectors?: readonly ConsumerVersionSelector[];
  /** Pending pacts (docs.pact.io/pending): their failures are reported as pending and do not fail the run. */
  enablePending?: boolean;
  /** Work-in-progress pacts since this date (YYYY-MM-DD or an ISO 8601 time); needs `enablePending`. */
  includeWipPactsSince?: string;
  /** Publish the results to the broker. Needs a provider version. */
  publish?: boolean;
  /** Default: the commit from the CI variables Pact's tools read (GITHUB_SHA, GIT_COMMIT, ...). */
  providerVersion?: string;
  /** Default: the branch from the CI variables Pact's tools read (GITHUB_HEAD_REF, GITHUB_REF, GIT_BRANCH, ...). */
  providerBranch?: string;
  /** No pact selected is a failure (exit 2) instead of a note (exit 0). */
  failIfNoPactsFound?: boolean;
}

/** Everything the verifier child needs for the broker source, credentials included (never printed). */
export interface BrokerSource {
  url: URL;
  provider: string;
  selectors: ConsumerVersionSelector[];
  enablePending: boolean;
  includeWipPactsSince?: string;
  providerBranch?: string;
  publish?: { providerVersion: string };
  failIfNoPactsFound: boolean;
  auth: { token: string } | { username: string; password: string } | undefined;
}

// Pact's own list (pact_broker-client lib/pact_broker/client/git.rb, pact_cli git_info), in its order.
const COMMIT_VARIABLES = ['GITHUB_SHA', 'BUILDKITE_COMMIT', 'CIRCLE_SHA1', 'TRAVIS_COMMIT', 'GIT_COMMIT', 'APPVEYOR_REPO_COMMIT', 'CI_COMMIT_ID', 'BITBUCKET_COMMIT', 'BUILD_SOURCEVERSION'];
const BRANCH_VARIABLES = ['GITHUB_HEAD_REF', 'GITHUB_REF', 'BUILDKITE_BRANCH', 'CIRCLE_BRANCH', 'TRAVIS_BRANCH', 'GIT_BRANCH', 'GIT_LOCAL_BRANCH', 'APPVEYOR_REPO_BRANCH', 'CI_COMMIT_REF_NAME', 'BITBUCKET_BRANCH', 'BUILD_SOURCEBRANCHNAME'];

const SELECTOR_KEYS: Record<keyof ConsumerVersionSelector, 'true' | 'string' | 'boolean'> = {
  mainBranch: 'true',
  branch: 'string',
  deployedOrReleased: 'true',
  deployed: 'true',
  released: 'true',
  environment: 'string',
  matchingBranch: 'true',
  fallbackBranch: 'string',
  consumer: 'string',
  tag: 'string',
  fallbackTag: 'string',
  latest: 'boolean',
};

export function brokerSource(options: BrokerOptions, env: NodeJS.ProcessEnv): BrokerSource {
  const text = nonEmpty(options.url) ?? nonEmpty(env.PACT_BROKER_BASE_URL);
  if (text === undefined) throw new KitError('BROKER_URL_MISSING', 'no broker: give --broker-url or set PACT_BROKER_BASE_URL', { argument: '--broker-url' });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new KitError('BAD_URL', 'the broker URL is not a URL', { argument: '--broker-url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new KitError('BAD_URL', `'${url.protocol}' broker URLs are not supported; use http or https`, { argument: '--broker-url' });
  if (url.username !== '' || url.password !== '') {
    throw new KitError('BAD_URL', 'put the broker credentials in PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD, not in the URL', { argument: '--broker-url' });
  }
  if (url.search !== '' || url.hash !== '') throw new KitError('BAD_URL', 'the broker URL takes no query or fragment', { argument: '--broker-url' });
  const provider = nonEmpty(options.provider);
  if (provider === undefined) throw new KitError('BROKER_PROVIDER_MISSING', 'verifying from a broker needs the provider name the broker knows: --provider <name>', { argument: '--provider' });
  const selectors = (options.consumerVersionSelectors ?? []).map((s, i) => checkSelector(s, i));
  const enablePending = options.enablePending === true;
  const wip = nonEmpty(options.includeWipPactsSince);
  if (wip !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(wip) || Number.isNaN(Date.parse(wip))) {
      throw new KitError('BAD_DATE', `'${wip}' is not a date (YYYY-MM-DD, or an ISO 8601 time)`, { argument: '--include-wip-pacts-since' });
    }
    if (!enablePending) throw new KitError('BAD_OPTIONS', 'work-in-progress pacts are verified as pending: --include-wip-pacts-since needs --enable-pending', { argument: '--include-wip-pacts-since' });
  }
  const providerBranch = nonEmpty(options.providerBranch) ?? fromCi(env, BRANCH_VARIABLES);
  let publish: BrokerSource['publish'];
  if (options.publish === true) {
    const providerVersion = nonEmpty(options.providerVersion) ?? fromCi(env, COMMIT_VARIABLES);
    if (providerVersion === undefined) {
      throw new KitError('PROVIDER_VERSION_MISSING', `publishing results needs the provider version: --provider-version <version> (or one of ${COMMIT_VARIABLES.slice(0, 5).join(', ')}, ...)`, {
        argument: '--provider-version',
      });
    }
    publish = { providerVersion };
  } else if (nonEmpty(options.providerVersion) !== undefined) {
    throw new KitError('BAD_OPTIONS', '--provider-version is the version results are published for: add --publish', { argument: '--provider-version' });
  }
  return {
    url,
    provider,
    selectors,
    enablePending,
    ...(wip === undefined ? {} : { includeWipPactsSince: wip }),
    ...(providerBranch === undefined ? {} : { providerBranch }),
    ...(publish === undefined ? {} : { publish }),
    failIfNoPactsFound: options.failIfNoPactsFound === true,
    auth: credentials(env),
  };
}

/** `--consumer-version-selectors '[{"mainBranch":true}, ...]'`. */
export function parseSelectors(text: string): ConsumerVersionSelector[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new KitError('BAD_SELECTORS', `not JSON: ${error instanceof Error ? error.message : String(error)}`, { argument: '--consumer-version-selectors' });
  }
  if (!Array.isArray(value)) throw new KitError('BAD_SELECTORS', 'expected a JSON array of selectors, e.g. [{"mainBranch": true}]', { argument: '--consumer-version-selectors' });
  return value.map((s, i) => checkSelector(s, i));
}

function checkSelector(selector: unknown, index: number): ConsumerVersionSelector {
  const where = { argument: '--consumer-version-selectors' };
  if (typeof selector !== 'object' || selector === null || Array.isArray(selector)) throw new KitError('BAD_SELECTORS', `selector ${index} is not an object`, where);
  const entries = Object.entries(selector);
  if (entries.length === 0) throw new KitError('BAD_SELECTORS', `selector ${index} is empty`, where);
  for (const [key, value] of entries) {
    // An own-property lookup: `constructor` or `__proto__` is an unknown key, not Object.prototype's member.
    const kind = ownValue(SELECTOR_KEYS as Record<string, string>, key);
    if (kind === undefined) throw new KitError('BAD_SELECTORS', `selector ${index}: unknown key "${key}" (known: ${Object.keys(SELECTOR_KEYS).join(', ')})`, where);
    const ok = kind === 'true' ? value === true : kind === 'boolean' ? typeof value === 'boolean' : typeof value === 'string' && value !== '';
    if (!ok) throw new KitError('BAD_SELECTORS', `selector ${index}: "${key}" must be ${kind === 'true' ? 'true' : kind === 'boolean' ? 'true or false' : 'a non-empty string'}`, where);
  }
  return selector as ConsumerVersionSelector;
}

/** Bearer PACT_BROKER_TOKEN, else Basic PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD (Pact's own precedence). */
function credentials(env: NodeJS.ProcessEnv): BrokerSource['auth'] {
  const token = nonEmpty(env.PACT_BROKER_TOKEN);
  if (token !== undefined) return { token };
  const username = nonEmpty(env.PACT_BROKER_USERNAME);
  if (username === undefined) return undefined;
  const password = env.PACT_BROKER_PASSWORD ?? '';
  if (password === '') throw new KitError('BROKER_CREDENTIALS', 'PACT_BROKER_USERNAME is set but PACT_BROKER_PASSWORD is empty', { argument: 'PACT_BROKER_PASSWORD' });
  return { username, password };
}

/**
 * The broker part of pact-core's verifier options (@pact-foundation/pact-core 19: `pactBrokerUrl`,
 * `provider`, `consumerVersionSelectors`, `enablePending`, `includeWipPactsSince`,
 * `providerVersionBranch`, `publishVerificationResult`, `providerVersion`, `pactBrokerToken`),
 * pointed at the relay. The verifier's broker token is the relay's per-run key, whatever the broker's
 * credentials are: the relay puts those on what it forwards, so they never reach the verifier. "No
 * pacts" is not the verifier's error: the kit tells it from the broker's answer (`failIfNoPactsFound` false).
 */
export function verifierBrokerOptions(source: BrokerSource, relayUrl: string, relayToken: string): Record<string, unknown> {
  return {
    provider: source.provider,
    pactBrokerUrl: relayUrl,
    pactBrokerToken: relayToken,
    consumerVersionSelectors: source.selectors,
    enablePending: source.enablePending,
    ...(source.includeWipPactsSince === undefined ? {} : { includeWipPactsSince: source.includeWipPactsSince }),
    ...(source.providerBranch === undefined ? {} : { providerVersionBranch: source.providerBranch }),
    ...(source.publish === undefined ? {} : { publishVerificationResult: true, providerVersion: source.publish.providerVersion }),
    failIfNoPactsFound: false,
  };
}

function fromCi(env: NodeJS.ProcessEnv, names: readonly string[]): string | undefined {
  for (const name of names) {
    let value = nonEmpty(env[name]);
    // GitHub's GITHUB_REF is refs/heads/<branch> on a push; a tag or pull-request ref names no branch.
    if (value !== undefined && name === 'GITHUB_REF') value = value.startsWith('refs/heads/') ? nonEmpty(value.slice('refs/heads/'.length)) : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
