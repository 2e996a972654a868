/**
 * Types shared by the reference provider's modules. The provider is a working Numbers API on
 * loopback, built from the spec: one `ProviderContext` per server instance (no module state).
 */
import type { Catalog, HttpMethod, OperationInfo } from '../catalog/types.js';
import type { LoadedSpec } from '../openapi/load.js';
import type { OrderEvent, OrderState } from './order-lifecycle.js';

/** Credentials the provider accepts besides its placeholders (Basic key pair, or a bearer token). */
export interface ProviderCredentials {
  keyId?: string;
  keySecret?: string;
  accessToken?: string;
}

export interface RateLimitOptions {
  /** Sustained requests per second per project. */
  requestsPerSecond: number;
  /** Bucket size (default: requestsPerSecond). */
  burst?: number;
}

export interface ReferenceProviderOptions {
  /** The catalog to serve (default: loaded from `spec`). */
  catalog?: Catalog;
  /** The spec, loaded or as a path (default: the catalog's spec, else the bundled one). */
  spec?: LoadedSpec | string;
  /** Loopback only; default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Credentials accepted in addition to the placeholders (e.g. from SINCH_KEY_ID/SINCH_KEY_SECRET). */
  credentials?: ProviderCredentials | readonly ProviderCredentials[];
  /**
   * Accept the contracts' placeholder `Bearer example-token` and the key pair
   * `example-key-id`/`example-key-secret` (default true).
   */
  acceptPlaceholders?: boolean;
  /** A real token bucket per project; beyond it requests get 429 RESOURCE_EXHAUSTED. Off by default. */
  rateLimit?: RateLimitOptions;
  /** Request bodies above this many bytes get 413 (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Whole-request timeout of the server, ms (default 30000). */
  requestTimeoutMs?: number;
  /** Deadline of each callback delivery, ms (default 5000). */
  callbackTimeoutMs?: number;
  /** Told what became of each callback event (delivered, failed, dropped, unsigned). */
  onCallback?: (delivery: CallbackDelivery) => void;
}

/** The running provider. */
export interface ReferenceProvider {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  host: string;
  /**
   * Puts the project named by `params.projectId` (default: the spec's example project) back to its
   * seed and applies the provider state. Throws for a state the provider does not know.
   */
  setState(name: string, params?: Record<string, unknown>): void;
  /** Puts the project (or every project) back to its seed, without any state. */
  clearState(params?: Record<string, unknown>): void;
  /** Every provider state name the provider can honour. */
  readonly states: readonly string[];
  /** Resolves once every callback event queued so far has been delivered, failed or dropped. */
  callbacksSettled(): Promise<void>;
  close(): Promise<void>;
}

/** What a handler answers: a status, a JSON body and extra headers. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Callback events to send once this answer is out (never serialised). */
  callbacks?: RenderedCallback[];
}

export type Money = { currencyCode: string; amount: string };
export type NumberType = 'MOBILE' | 'LOCAL' | 'TOLL_FREE';
export type Capability = 'SMS' | 'VOICE';

export interface AvailableNumber {
  phoneNumber: string;
  regionCode: string;
  type: NumberType;
  capability: Capability[];
  setupPrice: Money;
  monthlyPrice: Money;
  paymentIntervalMonths: number;
  supportingDocumentationRequired: boolean;
}

interface ScheduledProvisioning {
  servicePlanId: string;
  campaignId: string;
  status: 'WAITING' | 'IN_PROGRESS' | 'FAILED';
  lastUpdatedTime: string;
  errorCodes: string[];
}

interface ScheduledVoiceProvisioning {
  type: 'RTC' | 'EST' | 'FAX';
  appId: string;
  trunkId: string;
  serviceId: string;
  status: 'WAITING' | 'IN_PROGRESS' | 'FAILED';
  lastUpdatedTime: string;
}

export interface ActiveNumber {
  phoneNumber: string;
  projectId: string;
  displayName: string;
  regionCode: string;
  type: NumberType;
  capability: Capability[];
  money: Money;
  paymentIntervalMonths: number;
  nextChargeDate: string | null;
  expireAt: string | null;
  smsConfiguration: { servicePlanId: string; campaignId: string; scheduledProvisioning: ScheduledProvisioning | null };
  voiceConfiguration: {
    type: 'RTC' | 'EST' | 'FAX';
    appId: string;
    trunkId: string;
    serviceId: string;
    lastUpdatedTime: string | null;
    scheduledVoiceProvisioning: ScheduledVoiceProvisioning | null;
  };
  callbackUrl: string;
}

export interface EmergencyAddress {
  streetNumber: string;
  streetInfo: string;
  location?: string;
  city: string;
  state: string;
  postalCode: string;
  postalCodePlusFour?: string;
}

export interface EmergencyAddressRecord {
  displayName: string;
  address: EmergencyAddress;
}

/** A request that reached an operation: routed, authenticated, parsed and validated. */
export interface OperationRequest {
  operation: OperationInfo;
  method: HttpMethod;
  projectId: string;
  /** Decoded path parameters. */
  params: Record<string, string>;
  /** Query parameters, coerced to their schema types. */
  query: Record<string, unknown>;
  /** Parsed JSON body (an object), when the operation takes one. */
  body: Record<string, unknown>;
  /** The parts of a multipart/form-data body, when the operation takes one. */
  form?: FormParts;
}

/** A multipart/form-data body: its files and its plain fields, by part name (first part of each name). */
export interface FormParts {
  files: Record<string, { fileName: string; mimeType: string; size: number }>;
  fields: Record<string, string>;
}

export interface OrderNumber {
  phoneNumber: string;
  numberPrice: { setupPrice: Money; monthlyPrice: Money; paymentIntervalMonths: number };
  capabilities: Capability[];
}

interface OrderAttachment {
  attachmentId: string;
  fileName: string;
  mimeType: string;
  createTime: string;
  updateTime: string;
  uploadStatus: 'COMPLETED' | 'WAITING' | 'FAILED';
  documentType?: string;
}

interface Registration {
  requestDetails: Record<string, unknown>;
  attachments: OrderAttachment[];
  logs: Array<{ message: string; createTime: string }>;
}

/** A number order as the provider keeps it: the API's NumberOrder plus what the provider needs to finish it. */
export interface NumberOrderRecord {
  idNumberOrder: string;
  projectId: string;
  regionCode: string;
  numberType: NumberType;
  state: OrderState;
  /** The reserved numbers: back to the available numbers if the order ends without completing. */
  reserved: AvailableNumber[];
  smsConfiguration?: { servicePlanId: string; campaignId?: string };
  voiceConfiguration?: Record<string, unknown>;
  callbackUrl: string;
  expireTime: string | null;
  createTime: string;
  updateTime: string;
  requirements: OrderRequirements;
  registration: Registration;
}

/** An event the provider owes a callback for (sent by whoever delivers callbacks; kept in the project's outbox). */
export interface PendingEvent extends OrderEvent {
  projectId: string;
  resourceId: string;
  /** Where to deliver it; '' when the order has no callback URL. */
  callbackUrl: string;
  timestamp: string;
}

/** What the provider asks of a number order of one region and number type (the table: order-requirements.ts). */
export interface RequiredAttachment {
  id: string;
  title: string;
  description: string;
  mandatory: boolean;
  allowedMimeTypes: string[];
  allowedDocumentTypes: string[];
}

export interface OrderRequirements {
  /** How long an order's numbers stay reserved (30 minutes to 48 hours). */
  reservationMinutes: number;
  /** The registration fields (keys of `requestDetails`) that must be present and not blank. */
  fields: string[];
  attachments: RequiredAttachment[];
}

// Callback events (callback-events.ts decides and renders them, callback-sender.ts delivers them).

/** One event, before it is numbered and rendered. */
export interface CallbackEvent {
  resourceType: 'ACTIVE_NUMBER' | 'NUMBER_ORDER';
  /** The phone number (E.164) or the number order id. */
  resourceId: string;
  eventType: string;
  status: string;
  failureCode?: string;
}

/** An event a handler wants sent to `url` once the HTTP answer is out (the handler context's outbox). */
export interface PendingCallback {
  url: string;
  event: CallbackEvent;
}

/** An event rendered: the bytes that are sent and their signature (undefined: the project has no hmacSecret). */
export interface RenderedCallback {
  url: string;
  eventId: string;
  event: CallbackEvent;
  rawBody: string;
  signature: string | undefined;
}

/** What became of one event. */
export interface CallbackDelivery {
  eventId: string;
  eventType: string;
  status: string;
  failureCode?: string;
  url: string;
  /** `delivered`: the handler answered (any HTTP status); `failed`: no answer; `dropped`: queue full or sender closed; `unsigned`: not sent, no hmacSecret. */
  outcome: 'delivered' | 'failed' | 'dropped' | 'unsigned';
  httpStatus?: number;
  reason?: string;
}
