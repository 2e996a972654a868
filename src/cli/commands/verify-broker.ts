/** `verify`'s broker options: the command-line face of `BrokerOptions` (src/verify/broker-options.ts). */
import { Option } from 'commander';
import { parseSelectors, type BrokerOptions, type ConsumerVersionSelector } from '../../verify/broker-options.js';

/** The flags as commander gives them: `BrokerOptions`' own fields as they are, the selectors as JSON text and shorthands. */
export type BrokerCliOptions = Partial<Pick<BrokerOptions, 'provider' | 'enablePending' | 'includeWipPactsSince' | 'publish' | 'providerVersion' | 'providerBranch' | 'failIfNoPactsFound'>> & {
  brokerUrl?: string;
  consumerVersionSelectors?: string;
  mainBranch?: boolean;
  deployedOrReleased?: boolean;
  consumerBranch?: string[];
};

export function brokerCliOptions(): Option[] {
  return [
    new Option('--broker-url <url>', 'verify the pacts a Pact Broker / PactFlow selects (default: PACT_BROKER_BASE_URL, with --provider)'),
    new Option('--provider <name>', "the provider's name in the broker (verifies from the broker)"),
    new Option('--consumer-version-selectors <json>', 'consumer version selectors as JSON, e.g. \'[{"mainBranch":true}]\''),
    new Option('--main-branch', 'select the pacts of each consumer\'s main branch ({"mainBranch":true})'),
    new Option('--deployed-or-released', 'select the pacts of deployed or released consumer versions ({"deployedOrReleased":true})'),
    new Option('--consumer-branch <branch>', 'select the pacts of this consumer branch ({"branch":...}; repeatable)').argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    new Option('--enable-pending', 'pending pacts: their failures are reported PENDING and do not fail the run'),
    new Option('--include-wip-pacts-since <date>', 'also verify work-in-progress pacts published since this date (needs --enable-pending)'),
    new Option('--publish', 'publish the results to the broker (needs a provider version)'),
    new Option('--provider-version <version>', 'the provider version results are published for (default: GITHUB_SHA, GIT_COMMIT, ...)'),
    new Option('--provider-branch <branch>', "the provider version's branch (default: GITHUB_HEAD_REF, GITHUB_REF, GIT_BRANCH, ...)"),
    new Option('--fail-if-no-pacts-found', 'exit 2 when the broker selects no pact (default: say so, exit 0)'),
  ];
}

/** Broker options when `--broker-url` or `--provider` is given; undefined: a file run. */
export function brokerFromCli(raw: BrokerCliOptions): BrokerOptions | undefined {
  if (raw.brokerUrl === undefined && raw.provider === undefined) return undefined;
  const selectors: ConsumerVersionSelector[] = raw.consumerVersionSelectors === undefined ? [] : parseSelectors(raw.consumerVersionSelectors);
  if (raw.mainBranch === true) selectors.push({ mainBranch: true });
  if (raw.deployedOrReleased === true) selectors.push({ deployedOrReleased: true });
  for (const branch of raw.consumerBranch ?? []) selectors.push({ branch });
  return {
    provider: raw.provider ?? '',
    ...(raw.brokerUrl === undefined ? {} : { url: raw.brokerUrl }),
    consumerVersionSelectors: selectors,
    enablePending: raw.enablePending === true,
    ...(raw.includeWipPactsSince === undefined ? {} : { includeWipPactsSince: raw.includeWipPactsSince }),
    publish: raw.publish === true,
    ...(raw.providerVersion === undefined ? {} : { providerVersion: raw.providerVersion }),
    ...(raw.providerBranch === undefined ? {} : { providerBranch: raw.providerBranch }),
    failIfNoPactsFound: raw.failIfNoPactsFound === true,
  };
}

/** The broker-only flags given to a file run: each is a usage error, never silently ignored. */
export function brokerOnlyFlags(raw: BrokerCliOptions): string[] {
  const flags: Array<[keyof BrokerCliOptions, string]> = [
    ['consumerVersionSelectors', '--consumer-version-selectors'],
    ['mainBranch', '--main-branch'],
    ['deployedOrReleased', '--deployed-or-released'],
    ['consumerBranch', '--consumer-branch'],
    ['enablePending', '--enable-pending'],
    ['includeWipPactsSince', '--include-wip-pacts-since'],
    ['publish', '--publish'],
    ['providerVersion', '--provider-version'],
    ['providerBranch', '--provider-branch'],
    ['failIfNoPactsFound', '--fail-if-no-pacts-found'],
  ];
  return flags.filter(([key]) => raw[key] !== undefined).map(([, flag]) => flag);
}
