/**
 * The values the matchers pass around: what the user holds, once normalised
 * (`ParsedNumbersError`), and what they expect (`NumbersErrorExpectation`).
 */
import type { NumbersEventType } from '../catalog/generated-events.js';
import type { NumbersEventExpectation } from './event.js';
import type { ProvisioningErrorExpectation } from './provisioning.js';
import type { Envelope, NumbersErrorCode, NumbersOperationId } from '../catalog/types.js';

/** What the user handed to `parseNumbersError` / the matchers, as recognised. */
export type ReceiverKind =
  | 'body' // a plain object: the error body itself
  | 'json-text' // a string
  | 'bytes' // a Buffer, Uint8Array or ArrayBuffer
  | 'http-response' // { status | statusCode, body | text }: supertest, chai-http, node http with a parsed body
  | 'axios-response'
  | 'axios-error'
  | 'fetch-response'
  | 'sinch-request-failed' // @sinch/sdk-client RequestFailedError
  | 'sinch-json-parse' // @sinch/sdk-client ResponseJSONParseError
  | 'sinch-sdk-error' // @sinch/sdk-client EmptyResponseError / GenericError
  | 'node-incoming-message' // a node http IncomingMessage whose body was not read
  | 'error' // any other Error (e.g. `TypeError: fetch failed`)
  | 'other'; // undefined, null, a Promise, a number, ...

/** Why what was received is not a Numbers error. The first four are misuse of the matchers. */
export type NotNumbersErrorReason =
  | 'undefined'
  | 'null'
  | 'promise'
  | 'unsupported-type'
  | 'success-status'
  | 'no-response'
  | 'empty-body'
  | 'html'
  | 'not-json'
  | 'truncated-json'
  | 'too-large'
  | 'other-shape'
  | 'body-consumed'
  | 'body-not-read'
  | 'stream-body'
  | 'body-unreadable';

interface ParsedBase {
  receiver: ReceiverKind;
  /** The HTTP status: from the response, else from a Google body's `error.code`; undefined when unknown. */
  status: number | undefined;
  /** Response headers that matter, lower-case names: content-type, retry-after, www-authenticate, allow. */
  headers: Readonly<Record<string, string>>;
  /** A bounded (≤ 500 characters), redacted, one-line preview of the body; '' when there is none. */
  bodyPreview: string;
}

export interface NumbersErrorParsed extends ParsedBase {
  isNumbersError: true;
  envelope: Envelope;
  /** Google `error.status` or legacy `code`; may be a code the spec does not document. */
  code: string;
  /** The field `code` was read from. */
  codeField: 'error.status' | 'code';
  /** Google `error.message` or legacy `text`. */
  message: string;
  /** Google `error.details` (a bounded, sanitised copy); [] for the legacy envelope. */
  details: readonly unknown[];
  /** The HTTP status of the response, when the receiver carries one. */
  httpStatus: number | undefined;
  /** Google `error.code` (an integer, or a numeric string, in the body); undefined for legacy. */
  bodyStatus: number | undefined;
}

export interface NotNumbersErrorParsed extends ParsedBase {
  isNumbersError: false;
  reason: NotNumbersErrorReason;
  /** A noun phrase saying what was received instead, e.g. `an HTML body (a gateway error page?)`. */
  explanation: string;
}

/** What `parseNumbersError` makes of anything: a Numbers error, or why it is not one. */
export type ParsedNumbersError = NumbersErrorParsed | NotNumbersErrorParsed;

/** The structured form of the matchers' `expected` argument. Each given field must match. */
export interface NumbersErrorShape {
  status?: number;
  code?: NumbersErrorCode;
  envelope?: Envelope;
  /** A string the message must contain, or a RegExp it must match. */
  message?: string | RegExp;
}

/** `expected` of `toBeNumbersError`: a documented code, an HTTP status, or a shape. */
export type NumbersErrorExpectation = NumbersErrorCode | number | NumbersErrorShape;

export interface NumbersMatcherOptions {
  /** Also fail when the received error is not documented for this operation. */
  operation?: NumbersOperationId;
}

/** The matcher signatures, declared once; each runner's augmentation extends this. */
export interface NumbersErrorMatchers<R> {
  /**
   * Asserts that the value is an error answer of the Sinch Numbers API: a body of either
   * envelope, an HTTP/axios/fetch response, or a Sinch SDK `RequestFailedError`.
   * A fetch `Response` is read asynchronously: `await` the assertion.
   * @example expect(res).toBeNumbersError('unknown_campaign')
   * @example expect(err).toBeNumbersError({ status: 404, code: 'NOT_FOUND' }, { operation: 'NumberService_GetActiveNumber' })
   */
  toBeNumbersError(expected: NumbersErrorExpectation, options?: NumbersMatcherOptions): R;
  /**
   * Asserts a Numbers callback event (parsed, its raw bytes, or a harness delivery) of this variant.
   * @example expect(event).toBeNumbersEvent('PROVISIONING_TO_CAMPAIGN', { status: 'FAILED', failureCode: 'CAMPAIGN_NOT_AVAILABLE' })
   */
  toBeNumbersEvent(eventType: NumbersEventType, expected?: NumbersEventExpectation): R;
  /**
   * Asserts an ActiveNumber (a 200 answer, not an HTTP error) whose scheduled provisioning FAILED:
   * the SMS job with this code among its errorCodes, or `{ platform: 'sms' | 'voice', ... }` (the
   * official spec documents no voice error codes; a voice failure may name the job's voiceType).
   * @example expect(activeNumber).toHaveProvisioningError('SMS_PROVISIONING_FAILED')
   * @example expect(activeNumber).toHaveProvisioningError({ platform: 'voice', voiceType: 'EST' })
   */
  toHaveProvisioningError(expected: ProvisioningErrorExpectation): R;
}
