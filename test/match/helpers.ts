/**
 * Shared by the matcher tests: the catalog's example bodies as harness cases, and the real Sinch
 * SDK error classes (loaded from their file: the SDK's entry point needs @sinch/sdk-core).
 */
import { expect } from 'chai';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/catalog/index.js';
import { isErrorCase } from '../../src/catalog/types.js';
import { isKitError } from '../../src/errors.js';
import { receiversFor, startLoopback, type HarnessCase } from '../fixtures/harness/receivers.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SPEC_PATH = fileURLToPath(new URL('../../openapi/numbers.v1.yaml', import.meta.url));
/** Put on NODE_PATH for processes that load @sinch/numbers (see its package.json). */
export const SDK_CORE_STUB = fileURLToPath(new URL('../fixtures/sdk-core-stub', import.meta.url));

/** Every documented error case of the spec, with its example body and documented headers. */
export async function catalogCases(): Promise<HarnessCase[]> {
  const catalog = await loadCatalog(SPEC_PATH);
  return catalog.cases.filter(isErrorCase).map((c) => ({
    id: c.id,
    operationId: c.operationId,
    status: c.status,
    code: c.code,
    envelope: c.envelope,
    body: c.body,
    responseHeaders: c.responseHeaders,
  }));
}

interface ErrorContext {
  apiName?: string;
  operationId?: string;
  url?: string;
}
interface SdkErrorClasses {
  RequestFailedError: new (message: string, statusCode: number, ctx: ErrorContext, data: unknown, headers?: Record<string, string>) => Error;
  ResponseJSONParseError: new (message: string, statusCode: number, ctx: ErrorContext, bodyContent: string) => Error;
  EmptyResponseError: new (message: string, ctx: ErrorContext) => Error;
}

/** The real classes of @sinch/sdk-client (api-errors.js has no dependencies). */
export function sdkErrorClasses(): SdkErrorClasses {
  const require = createRequire(import.meta.url);
  return require(`${REPO_ROOT}node_modules/@sinch/sdk-client/dist/api/api-errors.js`) as SdkErrorClasses;
}

export const SDK_CONTEXT: ErrorContext = {
  apiName: 'ActiveNumberApi',
  operationId: 'GetActiveNumber',
  url: 'https://numbers.api.sinch.com/v1/projects/a1b2c3d4-0000-4000-8000-00000000c0de/activeNumbers/+12025550134',
};

/** What the SDK's exception plugin throws for a non-2xx answer: the parsed body, or {} when it is not JSON. */
export function sdkRequestFailed(status: number, bodyText: string, headers: Record<string, string> = {}): Error {
  const { RequestFailedError } = sdkErrorClasses();
  let parsed: unknown;
  try {
    parsed = bodyText === '' ? undefined : JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  return new RequestFailedError('Error', status, SDK_CONTEXT, parsed ?? {}, headers);
}

export interface CaseReceivers {
  case: HarnessCase;
  receivers: { name: string; value: unknown }[];
}

let shared: Promise<CaseReceivers[]> | undefined;

/**
 * Every catalog case with every receiver the harness builds without the SDK (real axios and fetch
 * answers from a loopback server), plus a RequestFailedError of the SDK's own class. Built once per
 * test process: the receivers are only read (a fetch Response is read through clone()).
 */
export function catalogReceivers(): Promise<CaseReceivers[]> {
  shared ??= (async () => {
    const cases = await catalogCases();
    const loopback = await startLoopback(cases, { sdk: false });
    try {
      const out: CaseReceivers[] = [];
      for (const [i, c] of cases.entries()) {
        const receivers = await receiversFor(c, i, loopback);
        receivers.push({ name: 'Sinch SDK RequestFailedError (class)', value: sdkRequestFailed(c.status, JSON.stringify(c.body), lowerCase(c.responseHeaders)) });
        out.push({ case: c, receivers });
      }
      return out;
    } finally {
      await loopback.close();
    }
  })();
  return shared;
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The message of the KitError `fn` throws (a matcher used the wrong way); sync or async. */
export async function usageMessage(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (error) {
    expect(isKitError(error), String(error)).to.equal(true);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}
