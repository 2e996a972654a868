/**
 * The pure decision of `toHaveProvisioningError`: an ActiveNumber (or the response holding it)
 * against an expected provisioning failure. A failure is a 200 answer, not an HTTP error: the SMS
 * job's `smsConfiguration.scheduledProvisioning` with status FAILED and the code among its
 * `errorCodes`, or the voice job's `voiceConfiguration.scheduledVoiceProvisioning` with status
 * FAILED (the official spec documents no voice error codes; the job's application type may be
 * expected instead). Misuse is a usage error; `event-format.ts` words the verdict.
 */
import { SMS_ERROR_CODES, VOICE_APPLICATION_TYPES, type SmsErrorCode, type VoiceApplicationType } from '../catalog/generated-events.js';
import { isRecord } from '../util/record.js';
import { usageError } from './expected.js';
import { quieten } from './safe.js';

/**
 * What `toHaveProvisioningError` takes: an SMS error code (the SMS job FAILED with it), or which job
 * failed: `{ platform: 'sms', errorCode? }`, `{ platform: 'voice', voiceType? }`.
 */
export type ProvisioningErrorExpectation = SmsErrorCode | { platform: 'sms'; errorCode?: SmsErrorCode } | { platform: 'voice'; voiceType?: VoiceApplicationType };

export interface ExpectedProvisioning {
  platform: 'sms' | 'voice';
  errorCode?: SmsErrorCode;
  voiceType?: VoiceApplicationType;
}

export interface ProvisioningVerdict {
  pass: boolean;
  expected: ExpectedProvisioning;
  /** The expected job's `status` as received (undefined: no such job). */
  status: string | undefined;
  /** SMS: the job's `errorCodes`. */
  errorCodes: readonly string[];
  /** Voice: the job's `type`. */
  voiceType: string | undefined;
  isActiveNumber: boolean;
}

const MATCHER = 'toHaveProvisioningError';
const FORMS = "an SmsErrorCode, { platform: 'sms', errorCode? } or { platform: 'voice', voiceType? }";

function smsCode(code: unknown, argument: string): SmsErrorCode {
  if (typeof code !== 'string' || !(SMS_ERROR_CODES as readonly string[]).includes(code)) {
    throw usageError(MATCHER, `${JSON.stringify(code)} is not a documented SmsErrorCode; known: ${SMS_ERROR_CODES.join(', ')}`, argument);
  }
  return code as SmsErrorCode;
}

/** Checks the expectation against the documented codes and types. */
export function expectedProvisioning(expected: unknown): ExpectedProvisioning {
  if (typeof expected === 'string') return { platform: 'sms', errorCode: smsCode(expected, 'expected') };
  if (!isRecord(expected)) throw usageError(MATCHER, `expected is ${FORMS}; got ${expected === null ? 'null' : typeof expected}`);
  const { platform, errorCode, voiceType, ...rest } = expected;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw usageError(MATCHER, `unknown field ${extra.map((k) => JSON.stringify(k)).join(', ')} in expected; allowed: platform, errorCode (sms), voiceType (voice)`);
  if (platform === 'sms') {
    if (voiceType !== undefined) throw usageError(MATCHER, "voiceType belongs to { platform: 'voice' }", 'expected.voiceType');
    return errorCode === undefined ? { platform } : { platform, errorCode: smsCode(errorCode, 'expected.errorCode') };
  }
  if (platform === 'voice') {
    if (errorCode !== undefined) throw usageError(MATCHER, "the official spec documents no error codes for voice provisioning; expect { platform: 'voice' } or its voiceType", 'expected.errorCode');
    if (voiceType === undefined) return { platform };
    if (typeof voiceType !== 'string' || !(VOICE_APPLICATION_TYPES as readonly string[]).includes(voiceType)) {
      throw usageError(MATCHER, `${JSON.stringify(voiceType)} is not a documented VoiceApplicationType; known: ${VOICE_APPLICATION_TYPES.join(', ')}`, 'expected.voiceType');
    }
    return { platform, voiceType: voiceType as VoiceApplicationType };
  }
  throw usageError(MATCHER, `platform must be 'sms' or 'voice', got ${JSON.stringify(platform)}`, 'expected.platform');
}

const NUMBER_KEYS = ['phoneNumber', 'smsConfiguration', 'voiceConfiguration'];

/** An ActiveNumber (or an axios/HTTP response holding one in `data` or `body`) whose expected job FAILED. */
export function decideProvisioning(received: unknown, expected: ExpectedProvisioning): ProvisioningVerdict {
  if (received === undefined || received === null) throw usageError(MATCHER, `received ${String(received)}; pass the ActiveNumber (or the response holding it)`, 'received');
  if (typeof (received as { then?: unknown }).then === 'function') {
    quieten(received);
    throw usageError(MATCHER, 'received a Promise: did you forget await?', 'received');
  }
  const record = (x: unknown): Record<string, unknown> | undefined => (isRecord(x) ? x : undefined);
  const isNumber = (x: Record<string, unknown> | undefined): boolean => x !== undefined && NUMBER_KEYS.some((k) => k in x);
  const outer = record(received);
  const number = isNumber(outer) ? outer : (record(outer?.data) ?? record(outer?.body) ?? outer);
  const isActiveNumber = isNumber(number);
  const job = expected.platform === 'sms' ? record(record(number?.smsConfiguration)?.scheduledProvisioning) : record(record(number?.voiceConfiguration)?.scheduledVoiceProvisioning);
  const status = typeof job?.status === 'string' ? job.status : undefined;
  const errorCodes = expected.platform === 'sms' && Array.isArray(job?.errorCodes) ? (job.errorCodes as unknown[]).map(String) : [];
  const voiceType = expected.platform === 'voice' && typeof job?.type === 'string' ? job.type : undefined;
  const failed = isActiveNumber && status === 'FAILED';
  const pass = failed && (expected.errorCode === undefined || errorCodes.includes(expected.errorCode)) && (expected.voiceType === undefined || voiceType === expected.voiceType);
  return { pass, expected, status, errorCodes, voiceType, isActiveNumber };
}
