/**
 * Maps a 2xx interaction of an operation that documents provisioning failures: covered when its
 * body is an ActiveNumber whose scheduled SMS job FAILED with a documented code (or whose voice job
 * FAILED, of a documented type). A success without a failed job is no case (skipped, as before).
 */
import { isProvisioningCase, type NumbersCase, type NumbersOperationId, type ProvisioningCase } from '../catalog/types.js';
import { isRecord } from '../util/record.js';
import type { MappingResult, PactInteraction } from './types.js';

/** The failed jobs a body shows: the SMS job's errorCodes, the voice job's type. */
function failedJobs(body: unknown): { sms?: string[]; voice?: string } {
  const record = (x: unknown): Record<string, unknown> => (isRecord(x) ? x : {});
  const number = record(body);
  const sms = record(record(number.smsConfiguration).scheduledProvisioning);
  const voice = record(record(number.voiceConfiguration).scheduledVoiceProvisioning);
  return {
    ...(sms.status === 'FAILED' ? { sms: Array.isArray(sms.errorCodes) ? sms.errorCodes.map(String) : [] } : {}),
    ...(voice.status === 'FAILED' ? { voice: String(voice.type) } : {}),
  };
}

function shows(c: ProvisioningCase, jobs: { sms?: string[]; voice?: string }): boolean {
  const p = c.provisioning;
  return p.platform === 'sms' ? p.errorCode !== undefined && (jobs.sms ?? []).includes(p.errorCode) : jobs.voice === p.voiceType;
}

/** Undefined when the interaction shows no failed provisioning job (the caller skips it as a success). */
export function mapProvisioning(cases: readonly NumbersCase[], operationId: NumbersOperationId, i: PactInteraction): MappingResult | undefined {
  const candidates = cases.filter((c): c is ProvisioningCase => isProvisioningCase(c) && c.operationId === operationId && c.status === i.status);
  if (candidates.length === 0 || i.body.kind !== 'json') return undefined;
  const jobs = failedJobs(i.body.value);
  if (jobs.sms === undefined && jobs.voice === undefined) return undefined;
  const shown = candidates.filter((c) => shows(c, jobs));
  const failed = [...(jobs.sms === undefined ? [] : [`SMS job FAILED with [${jobs.sms.join(', ')}]`]), ...(jobs.voice === undefined ? [] : [`voice job (${jobs.voice}) FAILED`])].join(' and ');
  if (shown.length === 0) return { result: 'undocumented', operationId, reason: `${i.status}: ${failed}, which no provisioning case of ${operationId} documents` };
  if (i.stamp !== undefined) {
    const stamped = shown.find((c) => c.id === i.stamp);
    if (stamped === undefined) return { result: 'undocumented', operationId, reason: `stamped as ${i.stamp}, but the interaction shows ${failed}` };
    return { result: 'covered', via: 'stamp', operationId, caseIds: [stamped.id] };
  }
  return { result: 'covered', via: 'shape', operationId, caseIds: shown.map((c) => c.id) };
}
