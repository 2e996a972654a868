import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { KitError, type ExitCode } from '../../errors.js';
import { formatBrokerReport } from '../../verify/broker.js';
import { formatOutcome, formatSummary, formatTiming } from '../../verify/format.js';
import { DEFAULT_TIMEOUT_MS, verifyContracts } from '../../verify/run.js';
import type { CliContext, Registrar } from '../context.js';
import { brokerCliOptions, brokerFromCli, brokerOnlyFlags, type BrokerCliOptions } from './verify-broker.js';

interface VerifyCliOptions extends BrokerCliOptions {
  providerBaseUrl?: string;
  stateChangeUrl?: string;
  timeout: string;
  junit?: string;
  workers?: string;
}

const PROGRESS_EVERY_MS = 2000;

export function registerVerify(registrar: Registrar): void {
  const command = registrar
    .command('verify', 'verify the contracts with Pact against the embedded reference provider, or any provider')
    .argument('[pacts...]', 'pact files, directories or http(s) URLs (default: contracts/*.json, HTTP and message pacts)')
    .option('--provider-base-url <url>', 'verify this provider instead of the embedded reference provider')
    .option('--state-change-url <url>', "the provider's state-change endpoint (POST {state, params, action})")
    .option('--timeout <ms>', 'timeout of each provider request and state change', String(DEFAULT_TIMEOUT_MS))
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--workers <n>', 'parallel verifier processes (reference provider only; default 2)')
    .addHelpText(
      'after',
      '\nCredentials for a real provider come from SINCH_KEY_ID + SINCH_KEY_SECRET (Basic) or SINCH_ACCESS_TOKEN (Bearer),\n' +
        "and SINCH_PROJECT_ID replaces the contracts' example project in paths. They are added per request, never written anywhere.\n" +
        'From a Pact Broker / PactFlow (--broker-url or PACT_BROKER_BASE_URL, with --provider): credentials from PACT_BROKER_TOKEN,\n' +
        "or PACT_BROKER_USERNAME + PACT_BROKER_PASSWORD, never printed. Pending pacts' failures are PENDING lines and do not fail the run.\n" +
        'Exit: 0 all verified, 1 contract failures, 2 bad input (and broker credentials refused), 3 environment (provider or broker\n' +
        'unreachable, timeouts, results not published).\n',
    )
    .action(registrar.run(async (ctx, command: Command) => verify(ctx, (command.processedArgs[0] as string[] | undefined) ?? [], command.opts<VerifyCliOptions>())));
  for (const option of brokerCliOptions()) command.addOption(option);
}

async function verify(ctx: CliContext, args: string[], options: VerifyCliOptions): Promise<ExitCode> {
  const timeoutMs = wholeNumber(options.timeout, '--timeout');
  const workers = options.workers === undefined ? undefined : wholeNumber(options.workers, '--workers');
  const broker = brokerFromCli(options);
  const brokerOnly = broker === undefined ? brokerOnlyFlags(options) : [];
  if (brokerOnly.length > 0)
    throw new KitError('BAD_OPTIONS', `${brokerOnly.join(', ')} ${brokerOnly.length === 1 ? 'needs' : 'need'} a broker: add --provider <name> (and --broker-url, or PACT_BROKER_BASE_URL)`, { argument: brokerOnly[0] as string });
  const pactUrls = args.length > 0 || broker !== undefined ? args : await defaultContracts(ctx);
  const controller = new AbortController();
  // The signal's name is the reason: the run ends, cleaned up, with 130 (SIGINT) or 143 (SIGTERM).
  const interrupt = (signal: NodeJS.Signals): void => controller.abort(signal);
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let lastProgress: number | undefined;
  try {
    const summary = await verifyContracts({
      pactUrls,
      timeoutMs,
      env: ctx.env,
      cwd: ctx.cwd,
      specPath: ctx.specPath,
      signal: controller.signal,
      ...(options.providerBaseUrl === undefined ? {} : { providerBaseUrl: options.providerBaseUrl }),
      ...(options.stateChangeUrl === undefined ? {} : { stateChangeUrl: options.stateChangeUrl }),
      ...(options.junit === undefined ? {} : { junitFile: options.junit }),
      ...(workers === undefined ? {} : { workers }),
      ...(broker === undefined ? {} : { broker }),
      onProgress: (done, total) => {
        const now = performance.now();
        lastProgress ??= now;
        if (done < total && now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          ctx.stderr(`numbers-contract: verifying... ${done}/${total}\n`);
        }
      },
    });
    for (const warning of summary.warnings) ctx.stderr(`numbers-contract: warning: ${warning}\n`);
    for (const outcome of summary.outcomes) ctx.stdout(formatOutcome(outcome));
    ctx.stdout(formatSummary(summary));
    if (summary.broker !== undefined) for (const line of formatBrokerReport(summary.broker)) ctx.stderr(`numbers-contract: ${line}\n`);
    ctx.stderr(`numbers-contract: ${formatTiming(summary)}\n`);
    if (ctx.debug && summary.verifierLog.trim() !== '') ctx.stderr(`--- Pact verifier log (may be incomplete) ---\n${summary.verifierLog}\n`);
    // The results are out: a report that could not be written is one line after them (exit 3).
    if (summary.junitError !== undefined) throw summary.junitError;
    if (options.junit !== undefined) ctx.stderr(`numbers-contract: wrote ${options.junit}\n`);
    return summary.exitCode;
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}

function wholeNumber(text: string, argument: string): number {
  if (!/^\d+$/.test(text)) throw new KitError('USAGE', `'${text}' is not a whole number`, { argument });
  return Number(text);
}

/** `contracts/*.json` under the current directory (the HTTP contract and the callback events' message pact); none is a usage error that says how to get them. */
async function defaultContracts(ctx: CliContext): Promise<string[]> {
  const dir = path.join(ctx.cwd, 'contracts');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) {
    throw new KitError('NO_CONTRACTS', 'no pact files in contracts/; generate them first with: numbers-contract generate (or name pact files or URLs)', { argument: 'verify' });
  }
  return files.map((f) => path.join('contracts', f));
}
