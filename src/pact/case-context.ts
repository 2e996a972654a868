/**
 * What the consumer's code gets for one case: where to send it, the request that produces the
 * error, its path parameters, and a ready configuration for the official Sinch SDK.
 */
import { compilePathTemplate } from '../openapi/path-template.js';
import { setOwn } from '../openapi/own.js';
import type { CaseRequest, Envelope, ErrorCase, NumbersErrorCode } from '../catalog/types.js';

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

export interface CaseContext {
  /** Base URL of this case's mock server, e.g. `http://127.0.0.1:41234`: point the client here. */
  url: string;
  case: ErrorCase;
  /** The request that produces the error; `url` is absolute on the mock server. */
  request: CaseRequest & { url: string };
  /** The path parameters of that request, decoded: e.g. `{ projectId, phoneNumber }`. */
  params: Record<string, string>;
  /** The official Sinch SDK, configured for this case. */
  sinch: SinchSdkConfig;
  expected: { status: number; code: NumbersErrorCode; envelope: Envelope; body: unknown };
}

const SDK_PLACEHOLDER_KEY = { keyId: 'example-key-id', keySecret: 'example-key-secret' } as const;

export function caseContext(errorCase: ErrorCase, url: string, authHostname: string): CaseContext {
  const params = pathParams(errorCase.pathTemplate, errorCase.request.path);
  return {
    url,
    case: errorCase,
    request: { ...errorCase.request, url: absoluteUrl(url, errorCase.request) },
    params,
    sinch: { projectId: params.projectId ?? '', ...SDK_PLACEHOLDER_KEY, numbersHostname: url, authHostname, logger: null },
    expected: { status: errorCase.status, code: errorCase.code, envelope: errorCase.envelope, body: errorCase.body },
  };
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
