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
import type { LoadedSpec } from '../openapi/load.js';
import { pointerOf, type WalkedOperation } from '../openapi/walk.js';
import { readSources, summarizeSources } from './sources.js';
import type { CaseSource, NumbersOperationId, OperationInfo, ProvisioningCase, ProvisioningFailure, ProviderState } from './types.js';

/** The `x-numbers-provisioning` extension of one success example, checked and typed. */
interface ProvisioningAnnotation {
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

const PROVISIONING_EXTENSION = 'x-numbers-provisioning';

function readProvisioningAnnotation(value: unknown, where: Where): ProvisioningAnnotation {
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
function checkProvisioningRules(document: OpenAPIV3.Document, schema: unknown, annotation: ProvisioningAnnotation, body: unknown, where: Where): void {
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

/**
 * The canonical success body: the media's `example`, or (when the answer also documents provisioning
 * failures under `examples`) its first example without an `x-numbers-provisioning` annotation.
 */
export function canonicalSuccessBody(media: OpenAPIV3.MediaTypeObject | undefined): unknown {
  if (media?.example !== undefined) return media.example;
  const plain = Object.values(media?.examples ?? {}).find((e) => !isRecord(e) || e[PROVISIONING_EXTENSION] === undefined) as OpenAPIV3.ExampleObject | undefined;
  return plain?.value;
}

/** The provisioning failures an operation's 2xx answer documents (`x-numbers-provisioning` examples), in example order. */
export function provisioningCases(spec: LoadedSpec, walked: WalkedOperation, info: OperationInfo, pathParams: Record<string, string>): ProvisioningCase[] {
  const file = spec.path;
  const cases: ProvisioningCase[] = [];
  for (const [status, raw] of Object.entries(walked.operation.responses)) {
    if (!/^2\d\d$/.test(status)) continue;
    const responsePointer = `${walked.pointer}${pointerOf('responses', status)}`;
    const media = (raw as OpenAPIV3.ResponseObject).content?.['application/json'];
    for (const [exampleName, exampleObject] of Object.entries(media?.examples ?? {})) {
      const example = exampleObject as OpenAPIV3.ExampleObject & Record<string, unknown>;
      if (example[PROVISIONING_EXTENSION] === undefined) continue;
      const pointer = `${responsePointer}${pointerOf('content', 'application/json', 'examples', exampleName)}`;
      const annotation = readProvisioningAnnotation(example[PROVISIONING_EXTENSION], { file, pointer });
      checkProvisioningRules(spec.document, media?.schema, annotation, example.value, { file, pointer });
      cases.push({
        kind: 'provisioning',
        id: `${walked.operationId}/${status}/${exampleName}`,
        operationId: walked.operationId as NumbersOperationId,
        method: walked.method,
        pathTemplate: walked.pathTemplate,
        status: Number(status),
        provisioning: annotation.failure,
        exampleName,
        summary: example.summary ?? annotation.description,
        body: example.value,
        responseHeaders: {},
        trigger: { kind: 'state', description: annotation.description },
        request: info.request,
        state: { name: annotation.state.name, params: { ...pathParams, ...annotation.state.params } },
        sources: annotation.sources,
        provenance: summarizeSources(annotation.sources),
        ...(info.deprecated === undefined ? {} : { deprecated: info.deprecated }),
        inferred: annotation.inferred,
        pointer,
        schemaPointer: `${responsePointer}${pointerOf('content', 'application/json', 'schema')}`,
      });
    }
  }
  return cases;
}
