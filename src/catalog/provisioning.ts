/**
 * Provisioning failures: the examples of an operation's 2xx answer annotated `x-numbers-provisioning`
 * (openapi/README.md, "Provisioning failures"). Each is a 200 ActiveNumber whose scheduled SMS or
 * voice provisioning job FAILED, read and held to the rules here:
 * - only an operation whose answer is an ActiveNumber can show one (its 2xx schema is `ActiveNumber`);
 * - `sms`: `errorCode` is one of the spec's `SmsErrorCode` values, and the body's
 *   `smsConfiguration.scheduledProvisioning` has status FAILED and that code among its `errorCodes`;
 * - `voice`: no `errorCode` (the official spec documents none for voice), `voiceType` is one of
 *   `VoiceApplicationType`, and the body's `voiceConfiguration.scheduledVoiceProvisioning` has status
 *   FAILED and that type.
 * An example that breaks one is SPEC_PROVISIONING_RULE; a malformed annotation SPEC_ANNOTATION.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { KitError } from '../errors.js';
import { isRecord } from '../util/record.js';
import { readSources } from './sources.js';
import type { CaseSource, ProvisioningFailure, ProviderState } from './types.js';

/** The `x-numbers-provisioning` extension of one success example, checked and typed. */
export interface ProvisioningAnnotation {
  failure: ProvisioningFailure;
  description: string;
  inferred: boolean;
  state: { name: string; params: ProviderState['params'] };
  sources: CaseSource[];
}

interface Where {
  file: string;
  pointer: string;
}

export const PROVISIONING_EXTENSION = 'x-numbers-provisioning';

export function readProvisioningAnnotation(value: unknown, where: Where): ProvisioningAnnotation {
  const fail = (suffix: string, message: string): never => {
    throw new KitError('SPEC_ANNOTATION', message, { file: where.file, pointer: `${where.pointer}/${PROVISIONING_EXTENSION}${suffix}` });
  };
  if (!isRecord(value)) return fail('', `an annotated success example needs an ${PROVISIONING_EXTENSION} object`);
  const platform = value.platform;
  if (platform !== 'sms' && platform !== 'voice') return fail('/platform', 'platform must be "sms" or "voice"');
  if (value.status !== 'FAILED') return fail('/status', 'status must be "FAILED" (a case documents a failed provisioning job)');
  const text = (key: string): string | undefined => {
    const field = value[key];
    if (field === undefined) return undefined;
    return typeof field === 'string' && field !== '' ? field : fail(`/${key}`, `${key} must be a non-empty string`);
  };
  const errorCode = text('errorCode');
  const voiceType = text('voiceType');
  const description = text('description') ?? fail('/description', 'description must say what failed (a non-empty string)');
  const inferred = value.inferred ?? false;
  if (typeof inferred !== 'boolean') return fail('/inferred', 'inferred must be a boolean');
  const state = value.state;
  if (!isRecord(state) || typeof state.name !== 'string' || state.name === '') return fail('/state', 'state must be an object with a non-empty name');
  const params = state.params ?? {};
  if (!isRecord(params) || !Object.values(params).every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return fail('/state/params', 'state.params must map names to strings, numbers or booleans');
  }
  const failure = { platform, status: 'FAILED', ...(errorCode === undefined ? {} : { errorCode }), ...(voiceType === undefined ? {} : { voiceType }) } as ProvisioningFailure;
  return { failure, description, inferred, state: { name: state.name, params: params as ProviderState['params'] }, sources: readSources(value, fail) };
}

/** Holds an annotation to the rules against the operation's answer schema and the example body. */
export function checkProvisioningRules(document: OpenAPIV3.Document, schema: unknown, annotation: ProvisioningAnnotation, body: unknown, where: Where): void {
  const fail = (suffix: string, message: string): never => {
    throw new KitError('SPEC_PROVISIONING_RULE', message, { file: where.file, pointer: `${where.pointer}${suffix}` });
  };
  const schemas = (document.components?.schemas ?? {}) as Record<string, OpenAPIV3.SchemaObject>;
  if (schemas.ActiveNumber === undefined || schema !== schemas.ActiveNumber) {
    fail('', 'a provisioning failure is an ActiveNumber answer: only an operation whose 2xx schema is ActiveNumber can document one');
  }
  const enumOf = (name: string): readonly unknown[] => schemas[name]?.enum ?? [];
  const record = (x: unknown): Record<string, unknown> => (isRecord(x) ? x : {});
  const { platform, errorCode, voiceType } = annotation.failure;
  const at = `/${PROVISIONING_EXTENSION}`;
  if (platform === 'sms') {
    if (voiceType !== undefined) fail(`${at}/voiceType`, 'voiceType belongs to a voice failure, not an sms one');
    if (errorCode === undefined || !enumOf('SmsErrorCode').includes(errorCode)) fail(`${at}/errorCode`, `an sms failure needs errorCode, one of SmsErrorCode: ${enumOf('SmsErrorCode').join(', ')}`);
    const job = record(record(record(body).smsConfiguration).scheduledProvisioning);
    if (job.status !== 'FAILED') fail('/value/smsConfiguration/scheduledProvisioning/status', `the example's SMS job status is ${JSON.stringify(job.status)}, not "FAILED"`);
    if (!Array.isArray(job.errorCodes) || !job.errorCodes.includes(errorCode)) {
      fail('/value/smsConfiguration/scheduledProvisioning/errorCodes', `the example's errorCodes do not hold ${String(errorCode)}`);
    }
    return;
  }
  if (errorCode !== undefined) fail(`${at}/errorCode`, 'the official spec documents no error codes for voice provisioning: a voice failure has no errorCode');
  if (voiceType === undefined || !enumOf('VoiceApplicationType').includes(voiceType)) {
    fail(`${at}/voiceType`, `a voice failure needs voiceType, one of VoiceApplicationType: ${enumOf('VoiceApplicationType').join(', ')}`);
  }
  const job = record(record(record(body).voiceConfiguration).scheduledVoiceProvisioning);
  if (job.status !== 'FAILED') fail('/value/voiceConfiguration/scheduledVoiceProvisioning/status', `the example's voice job status is ${JSON.stringify(job.status)}, not "FAILED"`);
  if (job.type !== voiceType) fail('/value/voiceConfiguration/scheduledVoiceProvisioning/type', `the example's voice job type is ${JSON.stringify(job.type)}, not ${JSON.stringify(voiceType)}`);
}
