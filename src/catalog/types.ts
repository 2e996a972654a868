import type { NumbersErrorCode, NumbersOperationId } from './generated.js';
import type { NumbersEventFailureCode, NumbersEventStatus, NumbersEventType, SmsErrorCode, VoiceApplicationType } from './generated-events.js';

export type { NumbersErrorCode, NumbersOperationId, NumbersEventFailureCode, NumbersEventStatus, NumbersEventType };

/** The two error bodies the Numbers API documents. */
export type Envelope = 'google' | 'legacy';

import type { HttpMethod } from '../openapi/walk.js';
export type { HttpMethod };

/**
 * How an error is produced. `state`: the operation's canonical valid request, with the provider
 * put into a condition (provider state). Every other kind is the request itself being wrong.
 */
export type TriggerKind = 'state' | 'credentials' | 'method' | 'content-type' | 'json' | 'body' | 'query' | 'path';

export interface Trigger {
  kind: TriggerKind;
  /** Human description, e.g. "body without smsConfiguration.servicePlanId". */
  description: string;
}

export interface ProviderState {
  name: string;
  params: Record<string, string | number | boolean>;
}

export type ProvenanceKind = 'status-page' | 'official-spec' | 'sdk-fixture' | 'inferred';

/** The documents a source can be, as `--source` names them. */
export const SOURCE_NAMES = { official: 'official-spec', 'status-page': 'status-page', sdk: 'sdk-fixture', inferred: 'inferred' } as const;
export type SourceName = keyof typeof SOURCE_NAMES;

/**
 * One source that documents a case. `official-spec`: a JSON pointer into Sinch's official OpenAPI
 * 1.0.3 file (and optionally a sentence of it); `status-page`: a sentence of the Numbers
 * status-codes page; `sdk-fixture`: a file of an official SDK's repository and what it shows;
 * `inferred`: the reasoning, when no source shows it. Quotes may skip text with `...`.
 */
export type CaseSource = { kind: 'official-spec'; pointer: string; quote?: string } | { kind: 'status-page'; quote: string } | { kind: 'sdk-fixture'; repo: string; path: string; quote: string } | { kind: 'inferred'; reason: string };

/** A one-line summary of a case's sources (the first one's kind; every source named). */
export interface Provenance {
  kind: ProvenanceKind;
  /** Where it comes from: a document name, file path or URL. */
  source: string;
  /** The documentation sentence (or the reasoning, when inferred). */
  quote: string;
}

/** A concrete HTTP request, with fictional data only. */
export interface CaseRequest {
  method: HttpMethod;
  /** Path with parameters filled in, e.g. `/v1/projects/<id>/activeNumbers/+12025550134`. */
  path: string;
  /** Query parameters; repeated parameters keep their order. */
  query: Record<string, string[]>;
  headers: Record<string, string>;
  /** JSON body, when the request has a well-formed one. */
  body?: unknown;
  /** Raw body text, when the body is deliberately not JSON (syntax_invalid_json). */
  rawBody?: string;
}

/** What every case of the catalog has, error or provisioning failure. */
export interface CaseBase {
  /** Stable id: `<operationId>/<status>/<exampleName>`. */
  id: string;
  operationId: NumbersOperationId;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/v1/projects/{projectId}/activeNumbers/{phoneNumber}`. */
  pathTemplate: string;
  status: number;
  /** The example name in the spec (last segment of the id). */
  exampleName: string;
  summary: string;
  /** The documented response body. */
  body: unknown;
  /** Response headers the case documents (e.g. Retry-After, WWW-Authenticate, Allow). */
  responseHeaders: Record<string, string>;
  trigger: Trigger;
  /** The request that produces the answer. */
  request: CaseRequest;
  state: ProviderState;
  /** Every source that documents the case, strongest first (official spec, SDK, status page, inferred). */
  sources: CaseSource[];
  /** Summary of `sources` (kept for readers of the one-source form). */
  provenance: Provenance;
  /** Whether the operation is deprecated, and what replaces it. */
  deprecated?: Deprecation;
  /** True when the case rests on the kit's reading (an inferred envelope, an undocumented shape). */
  inferred: boolean;
  /** JSON pointer of the example in the spec. */
  pointer: string;
  /** JSON pointer of the response schema the example must satisfy. */
  schemaPointer: string;
}

/** A documented HTTP error answer (4xx/5xx) of an operation. */
export interface ErrorCase extends CaseBase {
  /** `error` (set by the catalog; a case written by hand may leave it out). */
  kind?: 'error';
  code: NumbersErrorCode;
  envelope: Envelope;
}

/** Which scheduled provisioning job failed: the number's SMS job or its voice job. */
export type ProvisioningPlatform = 'sms' | 'voice';

/**
 * A failed scheduled provisioning job, as a 200 ActiveNumber shows it: `sms` under
 * `smsConfiguration.scheduledProvisioning` (status FAILED, `errorCodes`), `voice` under
 * `voiceConfiguration.scheduledVoiceProvisioning` (status FAILED; the official spec documents no
 * voice error codes, only the job's application type).
 */
export interface ProvisioningFailure {
  platform: ProvisioningPlatform;
  /** The job's `status` (ProvisioningStatus): always FAILED for a case. */
  status: 'FAILED';
  /** SMS only: the `errorCodes` value the case documents. */
  errorCode?: SmsErrorCode;
  /** Voice only: the job's application type. */
  voiceType?: VoiceApplicationType;
}

/**
 * A documented provisioning failure: a 200 ActiveNumber whose scheduled SMS or voice provisioning
 * FAILED. Not an HTTP error: the client must read it from a successful answer
 * (`toHaveProvisioningError`), not from a thrown error (`toBeNumbersError`).
 */
export interface ProvisioningCase extends CaseBase {
  kind: 'provisioning';
  provisioning: ProvisioningFailure;
}

/** Any case of the catalog. */
export type NumbersCase = ErrorCase | ProvisioningCase;

/** The two kinds of case, as `select.kind` names them. */
export const CASE_KINDS = ['error', 'provisioning'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export function isProvisioningCase(c: NumbersCase): c is ProvisioningCase {
  return c.kind === 'provisioning';
}

export function isErrorCase(c: NumbersCase): c is ErrorCase {
  return c.kind !== 'provisioning';
}

/** The code a case is selected and listed by: the error code, or the SMS provisioning error code (voice has none). */
export function caseCode(c: NumbersCase): string | undefined {
  return isProvisioningCase(c) ? c.provisioning.errorCode : c.code;
}

export interface Deprecation {
  /** What to use instead, as the spec's `x-numbers-replacement` says. */
  replacement: string;
}

/** One operation of the spec, with its canonical valid request and base provider state. */
export interface OperationInfo {
  operationId: NumbersOperationId;
  method: HttpMethod;
  pathTemplate: string;
  summary: string;
  /** The canonical valid request (fictional data), built from the spec's parameter and body examples. */
  request: CaseRequest;
  /** The provider state under which the canonical request succeeds. */
  state: ProviderState;
  /** Success status and example body. */
  successStatus: number;
  successBody: unknown;
  /** Set when the spec marks the operation `deprecated: true`. */
  deprecated?: Deprecation;
  /** JSON pointer of the operation in the spec. */
  pointer: string;
}

export interface Catalog {
  /** Absolute path of the spec the catalog was read from. */
  specPath: string;
  /** SHA-256 of the spec file's bytes. */
  specSha256: string;
  /** `info.version` of the spec. */
  specVersion: string;
  operations: OperationInfo[];
  /**
   * Every documented case, in catalog order (operation order of the spec, then status, then example
   * order): the HTTP errors and the provisioning failures of 200 ActiveNumber answers.
   */
  cases: NumbersCase[];
  /** Every documented callback event variant (`x-webhooks`), in spec order. */
  events: EventCase[];
}

/** The two kinds of resource a callback event is about. */
export type CallbackResourceType = 'ACTIVE_NUMBER' | 'NUMBER_ORDER';

/**
 * One documented callback event variant: an example of `x-webhooks.EventsCallback` with its
 * `x-numbers-event` annotation (openapi/README.md, "Callback events").
 */
export interface EventCase {
  /** Stable id: `<operationId>/<exampleName>`, e.g. `NumberService_EventsCallback/number_order_rejected`. */
  id: string;
  /** The webhook's operationId (`NumberService_EventsCallback`). */
  operationId: string;
  exampleName: string;
  summary: string;
  resourceType: CallbackResourceType;
  eventType: NumbersEventType;
  status: NumbersEventStatus;
  /** Only on FAILED events whose failure the documentation names. */
  failureCode?: NumbersEventFailureCode;
  /** The documented event body (fictional data). */
  body: Record<string, unknown>;
  /** The API call after which the event arrives, e.g. `NumberService_RentNumber`, and what happened. */
  trigger: { operationId: string; description: string };
  /** The provider state in which the reference provider sends this event. */
  state: ProviderState;
  provenance: Provenance;
  /** True when the variant rests on the kit's reading, not on a documented sentence. */
  inferred: boolean;
  /** JSON pointer of the example in the spec. */
  pointer: string;
  /** JSON pointer of the schema the body must satisfy. */
  schemaPointer: string;
}
