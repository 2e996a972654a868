/**
 * What every operation handler gets and the helpers they share: number search, scheduled
 * provisioning, and the documented replies for provider-state conditions.
 */
import { refuseCallbackUrl } from './callback-url.js';
import { jobOutcome, provisioningEvents, type Links } from './callback-events.js';
import { badRequest, type Replies } from './replies.js';
import { COUNTRY_CODES, SEED_NOW } from './seed.js';
import { STATE } from './states.js';
import type { Project } from './store.js';
import type { ActiveNumber, OperationRequest, PendingCallback, Reply } from './types.js';
import { ownValue } from '../openapi/own.js';

export interface HandlerContext {
  request: OperationRequest;
  project: Project;
  replies: Replies;
  /** Callback events to send after the answer: push with `sendCallback`. */
  outbox: PendingCallback[];
}

/** An event for `url` ('' = none), sent after the HTTP answer. */
function sendCallback(ctx: HandlerContext, url: string, event: PendingCallback['event']): void {
  if (url !== '') ctx.outbox.push({ url, event });
}

/** The ACTIVE_NUMBER events of `number` going from `before` to `after` links, to its callbackUrl. */
export function sendProvisioningCallbacks(ctx: HandlerContext, number: ActiveNumber, before: Links, after: Links): void {
  for (const event of provisioningEvents(ctx.project, number.phoneNumber, before, after)) sendCallback(ctx, number.callbackUrl, event);
}

export type Handler = (ctx: HandlerContext) => Reply;

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** The error the spec documents for this operation under a condition state. */
export function conditionReply(ctx: HandlerContext, stateName: string): Reply {
  const reply = ctx.replies.forState(ctx.request.operation.operationId, stateName);
  if (reply === undefined) throw new Error(`the spec documents no error for the provider state "${stateName}"`);
  return reply;
}

/** Digits search as the API does it: `START`/`CONTAINS`/`END`, on the E.164 digits or the national number. */
export function matchesPattern(phoneNumber: string, regionCode: string, pattern: unknown, searchPattern: unknown): boolean {
  if (typeof pattern !== 'string' || pattern === '') return true;
  const wanted = pattern.replace(/^\+/, '');
  const full = phoneNumber.replace(/^\+/, '');
  const countryCode = ownValue(COUNTRY_CODES, regionCode) ?? '';
  const national = full.startsWith(countryCode) ? full.slice(countryCode.length) : full;
  const candidates = pattern.startsWith('+') ? [full] : [full, national];
  switch (searchPattern) {
    case 'START':
      return candidates.some((c) => c.startsWith(wanted));
    case 'END':
      return candidates.some((c) => c.endsWith(wanted));
    default:
      return candidates.some((c) => c.includes(wanted));
  }
}

export function hasAll(have: readonly string[], wanted: unknown): boolean {
  if (!Array.isArray(wanted)) return true;
  return wanted.every((w) => have.includes(String(w)));
}

interface SmsRequest {
  servicePlanId?: unknown;
  campaignId?: unknown;
}

interface VoiceRequest {
  type?: unknown;
  appId?: unknown;
  trunkId?: unknown;
  serviceId?: unknown;
}

/**
 * The checks renting and updating share: a campaign that does not match the originator (403
 * unknown_campaign) and a service plan the project does not have (400 INVALID_ARGUMENT).
 */
export function configurationError(ctx: HandlerContext, body: Record<string, unknown>): Reply | undefined {
  const refused = typeof body.callbackUrl === 'string' && body.callbackUrl !== '' ? refuseCallbackUrl(body.callbackUrl) : undefined;
  if (refused !== undefined) return badRequest(refused, 'callbackUrl', refused);
  const sms = body.smsConfiguration as SmsRequest | undefined;
  if (sms === undefined) return undefined;
  if (typeof sms.campaignId === 'string' && ctx.project.conditions.mismatchedCampaigns.has(sms.campaignId)) return conditionReply(ctx, STATE.unknownCampaign);
  if (typeof sms.servicePlanId === 'string' && sms.servicePlanId !== '' && !ctx.project.servicePlans.has(sms.servicePlanId)) {
    return conditionReply(ctx, STATE.invalidServicePlan);
  }
  return undefined;
}

/**
 * Scheduled provisioning as the API shows it: the requested SMS and voice configuration appears
 * under `scheduledProvisioning` / `scheduledVoiceProvisioning` with status WAITING; the number's
 * own configuration changes only once the job has run (see `advanceProvisioning`).
 */
export function scheduleConfiguration(number: ActiveNumber, body: Record<string, unknown>): void {
  const sms = body.smsConfiguration as SmsRequest | undefined;
  if (sms !== undefined && typeof sms.servicePlanId === 'string') {
    number.smsConfiguration.scheduledProvisioning = {
      servicePlanId: sms.servicePlanId,
      campaignId: typeof sms.campaignId === 'string' ? sms.campaignId : '',
      status: 'WAITING',
      lastUpdatedTime: SEED_NOW,
      errorCodes: [],
    };
  }
  const voice = body.voiceConfiguration as VoiceRequest | undefined;
  if (voice !== undefined) {
    const type = voice.type === 'EST' || voice.type === 'FAX' ? voice.type : 'RTC';
    number.voiceConfiguration.scheduledVoiceProvisioning = {
      type,
      appId: type === 'RTC' && typeof voice.appId === 'string' ? voice.appId : '',
      trunkId: type === 'EST' && typeof voice.trunkId === 'string' ? voice.trunkId : '',
      serviceId: type === 'FAX' && typeof voice.serviceId === 'string' ? voice.serviceId : '',
      status: 'WAITING',
      lastUpdatedTime: SEED_NOW,
    };
  }
  if (typeof body.callbackUrl === 'string') number.callbackUrl = body.callbackUrl;
}

/**
 * One step of the provisioning jobs, taken each time the number is read: WAITING → IN_PROGRESS →
 * applied (the job disappears), or FAILED as the job's callback event said (jobOutcome: a campaign
 * the project does not have, a job a provider state makes fail). Deterministic, so a client can
 * watch the whole lifecycle.
 */
export function advanceProvisioning(number: ActiveNumber, project: Project): void {
  const sms = number.smsConfiguration.scheduledProvisioning;
  if (sms !== null) {
    if (sms.status === 'WAITING') sms.status = 'IN_PROGRESS';
    else if (sms.status === 'IN_PROGRESS') {
      // The same outcome as the job's callback event: a failed SMS platform link, or the campaign link's failure code.
      const platform = jobOutcome(project, 'PROVISIONING_TO_SMS_PLATFORM');
      const campaign = sms.campaignId === '' ? undefined : jobOutcome(project, 'PROVISIONING_TO_CAMPAIGN', sms.campaignId);
      if (platform.status === 'FAILED' || campaign?.status === 'FAILED') {
        sms.status = 'FAILED';
        sms.errorCodes = [platform.status === 'FAILED' ? 'SMS_PROVISIONING_FAILED' : (campaign?.failureCode ?? 'CAMPAIGN_PROVISIONING_FAILED')];
      } else {
        number.smsConfiguration.servicePlanId = sms.servicePlanId;
        number.smsConfiguration.campaignId = sms.campaignId;
        number.smsConfiguration.scheduledProvisioning = null;
      }
    }
  }
  const voice = number.voiceConfiguration.scheduledVoiceProvisioning;
  if (voice !== null) {
    if (voice.status === 'WAITING') voice.status = 'IN_PROGRESS';
    else if (voice.status === 'IN_PROGRESS' && jobOutcome(project, 'PROVISIONING_TO_VOICE_PLATFORM').status === 'FAILED') voice.status = 'FAILED';
    else if (voice.status === 'IN_PROGRESS') {
      number.voiceConfiguration = {
        type: voice.type,
        appId: voice.appId,
        trunkId: voice.trunkId,
        serviceId: voice.serviceId,
        lastUpdatedTime: SEED_NOW,
        scheduledVoiceProvisioning: null,
      };
    }
  }
}
