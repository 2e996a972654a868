/**
 * What the consumer's code gets for one case: where to send it, the request that produces the
 * answer, its path parameters, a ready configuration for the official Sinch SDK, and what the
 * answer is (`expected`: an HTTP error, or a 200 ActiveNumber whose provisioning FAILED).
 */
import { compilePathTemplate } from '../openapi/path-template.js';
import type { SmsErrorCode, VoiceApplicationType } from '../catalog/generated-events.js';
import { setOwn } from '../openapi/own.js';
import { isErrorCase, type CaseRequest, type Envelope, type ErrorCase, type NumbersCase, type NumbersErrorCode, type ProvisioningPlatform } from '../catalog/types.js';

/** Configuration for the official SDK (`new SinchClient(ctx.sinch)`, `new NumbersService(ctx.sinch)`). */
export interface SinchSdkConfig {
  projectId: string;
  /** Placeholders: the kit's token endpoint accepts any key. */
  keyId: string;
  keySecret: string;
  /** This case's mock server. */
  numbersHostname: string;
  /** The kit's loopback OAuth2 token endpoint (outside the pact). */
  authHostname: string;
  /** Silent: every case is an error on purpose, and the SDK would log each failed response. */
  logger: null;
}

/** An HTTP error answer: assert it with `toBeNumbersError({ status, code })`. */
export interface ExpectedError {
  kind: 'error';
  status: number;
  code: NumbersErrorCode;
  envelope: Envelope;
  body: unknown;
}

/**
 * A 200 ActiveNumber whose scheduled provisioning FAILED: the call succeeds, so assert the number
 * it returns with `toHaveProvisioningError(errorCode)` (SMS) or `toHaveProvisioningError({ platform: 'voice' })`.
 */
export interface ExpectedProvisioningFailure {
  kind: 'provisioning';
  status: number;
  platform: ProvisioningPlatform;
  /** SMS: the `errorCodes` value. */
  errorCode?: SmsErrorCode;
  /** Voice: the failed job's application type. */
  voiceType?: VoiceApplicationType;
  body: unknown;
}

export interface CaseContext<C extends NumbersCase = NumbersCase> {
  /** Base URL of this case's mock server, e.g. `http://127.0.0.1:41234`: point the client here. */
  url: string;
  case: C;
  /** The request that produces the error; `url` is absolute on the mock server. */
  request: CaseRequest & { url: string };
  /** The path parameters of that request, decoded: e.g. `{ projectId, phoneNumber }`. */
  params: Record<string, string>;
  /** The official Sinch SDK, configured for this case. */
  sinch: SinchSdkConfig;
  /** What the answer is; narrow on `kind` (`'error'` or `'provisioning'`). */
  expected: C extends ErrorCase ? ExpectedError : ExpectedError | ExpectedProvisioningFailure;
}

const SDK_PLACEHOLDER_KEY = { keyId: 'example-key-id', keySecret: 'example-key-secret' } as const;

export function caseContext(errorCase: NumbersCase, url: string, authHostname: string): CaseContext {
  const params = pathParams(errorCase.pathTemplate, errorCase.request.path);
  return {
    url,
    case: errorCase,
    request: { ...errorCase.request, url: absoluteUrl(url, errorCase.request) },
    params,
    sinch: { projectId: params.projectId ?? '', ...SDK_PLACEHOLDER_KEY, numbersHostname: url, authHostname, logger: null },
    expected: expectedOf(errorCase),
  };
}

function expectedOf(c: NumbersCase): ExpectedError | ExpectedProvisioningFailure {
  if (isErrorCase(c)) return { kind: 'error', status: c.status, code: c.code, envelope: c.envelope, body: c.body };
  const { platform, errorCode, voiceType } = c.provisioning;
  return { kind: 'provisioning', status: c.status, platform, ...(errorCode === undefined ? {} : { errorCode }), ...(voiceType === undefined ? {} : { voiceType }), body: c.body };
}

function absoluteUrl(base: string, request: CaseRequest): string {
  const query = Object.entries(request.query).flatMap(([name, values]) => values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`));
  return `${base}${request.path}${query.length === 0 ? '' : `?${query.join('&')}`}`;
}

/** `{name}` segments of the template read off the concrete path (`{}` when the path does not fit it). */
export function pathParams(template: string, path: string): Record<string, string> {
  const { names, match } = compilePathTemplate(template);
  const found = match(path);
  const params: Record<string, string> = {};
  names.forEach((name, index) => {
    const raw = found?.[index];
    if (raw !== undefined) setOwn(params, name, safeDecode(raw));
  });
  return params;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
