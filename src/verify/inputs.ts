/**
 * Step 1 of a verification: the options checked and resolved before anything starts (mistakes are
 * exit 2 here, never after a provider or a verifier has started).
 */
import { KitError } from '../errors.js';
import { credentialsFromEnv } from '../provider/auth.js';
import type { ProviderCredentials } from '../provider/types.js';
import { createRedactor, type Redactor } from '../util/redact.js';
import type { VerifyOptions } from './types.js';
import { workerCount } from './workers.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface VerifyInputs {
  options: VerifyOptions;
  env: NodeJS.ProcessEnv;
  cwd: string;
  timeoutMs: number;
  redact: Redactor;
  /** `--provider-base-url`; undefined: the embedded reference provider. */
  providerUrl: URL | undefined;
  stateChangeUrl: URL | undefined;
  credentials: ProviderCredentials[];
}

export function resolveInputs(options: VerifyOptions): VerifyInputs {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) throw new KitError('BAD_TIMEOUT', 'the timeout must be a whole number of milliseconds between 1 and 600000', { argument: '--timeout' });
  const providerUrl = options.providerBaseUrl === undefined ? undefined : httpUrl(options.providerBaseUrl, '--provider-base-url');
  const stateChangeUrl = options.stateChangeUrl === undefined ? undefined : httpUrl(options.stateChangeUrl, '--state-change-url');
  if (stateChangeUrl !== undefined && options.stateHandlers !== undefined) throw new KitError('BAD_OPTIONS', 'give either a state-change URL or state handlers, not both', { argument: '--state-change-url' });
  if (providerUrl === undefined && (stateChangeUrl !== undefined || options.stateHandlers !== undefined)) {
    throw new KitError('BAD_OPTIONS', 'a state-change URL or state handlers need --provider-base-url (the reference provider sets up its own states)', { argument: '--state-change-url' });
  }
  if (options.workers !== undefined) workerCount(options.workers, providerUrl === undefined, true, Number.MAX_SAFE_INTEGER);
  return {
    options,
    env,
    cwd: options.cwd ?? process.cwd(),
    timeoutMs,
    redact: createRedactor({ env }),
    providerUrl,
    stateChangeUrl,
    credentials: credentialsFromEnv(env),
  };
}

function httpUrl(text: string, argument: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new KitError('BAD_URL', `'${text}' is not a URL`, { argument });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new KitError('BAD_URL', `'${url.protocol}' URLs are not supported; use http or https`, { argument });
  return url;
}

/** Basic from SINCH_KEY_ID + SINCH_KEY_SECRET, else Bearer SINCH_ACCESS_TOKEN; none: the contracts' placeholder stays. */
export function authorizationFor(credentials: readonly ProviderCredentials[]): string | undefined {
  const pair = credentials.find((c) => c.keyId !== undefined && c.keySecret !== undefined);
  if (pair !== undefined) return `Basic ${Buffer.from(`${pair.keyId}:${pair.keySecret}`).toString('base64')}`;
  const token = credentials.find((c) => c.accessToken !== undefined);
  return token === undefined ? undefined : `Bearer ${token.accessToken}`;
}
