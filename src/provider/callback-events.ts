/**
 * Which callback events the reference provider sends, and their exact bytes. Renting, updating and
 * releasing a number link it to (or unlink it from) the SMS platform, a 10DLC campaign and the voice
 * platform: each change is a provisioning job whose result is one ACTIVE_NUMBER event. A number
 * order's move to a new state is one NUMBER_ORDER_PROCESSING event. Pure decisions here; the server
 * delivers (callback-sender.ts). Deterministic: the fixed clock of the seed, ids from a per-project
 * sequence that a provider state resets.
 */
import type { EventCase } from '../catalog/types.js';
import { signNumbersEvent } from '../events/signature.js';
import { SEED_NOW } from './seed.js';
import type { Project } from './store.js';
import type { ActiveNumber, CallbackEvent, PendingCallback, RenderedCallback } from './types.js';

/** What a number is linked to, as far as callbacks are concerned ('' = nothing). */
export interface Links {
  servicePlanId: string;
  campaignId: string;
  /** The voice app, trunk or fax service. */
  voice: string;
}

export const UNLINKED: Links = { servicePlanId: '', campaignId: '', voice: '' };

const JOBS: ReadonlyArray<{ link: keyof Links; provision: string; deprovision: string }> = [
  { link: 'servicePlanId', provision: 'PROVISIONING_TO_SMS_PLATFORM', deprovision: 'DEPROVISIONING_FROM_SMS_PLATFORM' },
  { link: 'campaignId', provision: 'PROVISIONING_TO_CAMPAIGN', deprovision: 'DEPROVISIONING_FROM_CAMPAIGN' },
  { link: 'voice', provision: 'PROVISIONING_TO_VOICE_PLATFORM', deprovision: 'DEPROVISIONING_FROM_VOICE_PLATFORM' },
];

/**
 * The links of a number: its configuration, or what is being provisioned (its events already went
 * out), less what that provisioning failed to link.
 */
export function linksOf(project: Project, number: ActiveNumber): Links {
  const scheduled = number.smsConfiguration.scheduledProvisioning;
  const sms = scheduled !== null && scheduled.status !== 'FAILED' ? scheduled : number.smsConfiguration;
  const scheduledVoice = number.voiceConfiguration.scheduledVoiceProvisioning;
  const v = scheduledVoice !== null && scheduledVoice.status !== 'FAILED' ? scheduledVoice : number.voiceConfiguration;
  const linked = (pending: boolean, eventType: string, id: string, campaignId = ''): string => (pending && jobOutcome(project, eventType, campaignId).status === 'FAILED' ? '' : id);
  return {
    servicePlanId: linked(sms === scheduled, 'PROVISIONING_TO_SMS_PLATFORM', sms.servicePlanId),
    campaignId: linked(sms === scheduled, 'PROVISIONING_TO_CAMPAIGN', sms.campaignId, sms.campaignId),
    voice: linked(v === scheduledVoice, 'PROVISIONING_TO_VOICE_PLATFORM', v.appId || v.trunkId || v.serviceId),
  };
}

/**
 * The links a rent or update request asks for, starting from `current`: a given smsConfiguration
 * replaces the service plan and campaign ('' when absent), a given voiceConfiguration the voice link.
 */
export function requestedLinks(current: Links, body: Record<string, unknown>): Links {
  const sms = body.smsConfiguration as { servicePlanId?: unknown; campaignId?: unknown } | undefined;
  const voice = body.voiceConfiguration as { type?: unknown; appId?: unknown; trunkId?: unknown; serviceId?: unknown } | undefined;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const voiceLink = voice === undefined ? current.voice : voice.type === 'EST' ? text(voice.trunkId) : voice.type === 'FAX' ? text(voice.serviceId) : text(voice.appId);
  return {
    servicePlanId: sms === undefined ? current.servicePlanId : text(sms.servicePlanId),
    campaignId: sms === undefined ? current.campaignId : text(sms.campaignId),
    voice: voiceLink,
  };
}

/** The result of one provisioning job in this project: a failing job (a provider state), an unknown campaign, or success. */
export function jobOutcome(project: Project, eventType: string, campaignId = ''): { status: 'SUCCEEDED' | 'FAILED'; failureCode?: string } {
  const failing = project.conditions.failingJobs.get(eventType);
  if (failing !== undefined) return failing === '' ? { status: 'FAILED' } : { status: 'FAILED', failureCode: failing };
  if (eventType === 'PROVISIONING_TO_CAMPAIGN' && campaignId !== '' && !project.campaigns.has(campaignId)) return { status: 'FAILED', failureCode: 'CAMPAIGN_NOT_AVAILABLE' };
  return { status: 'SUCCEEDED' };
}

/** The ACTIVE_NUMBER events of going from `before` to `after` links, in job order (SMS platform, campaign, voice). */
export function provisioningEvents(project: Project, phoneNumber: string, before: Links, after: Links): CallbackEvent[] {
  const events: CallbackEvent[] = [];
  for (const job of JOBS) {
    const from = before[job.link];
    const to = after[job.link];
    if (from === to) continue;
    const eventType = to === '' ? job.deprovision : job.provision;
    const outcome = jobOutcome(project, eventType, job.link === 'campaignId' ? to : '');
    events.push({ resourceType: 'ACTIVE_NUMBER', resourceId: phoneNumber, eventType, ...outcome });
  }
  return events;
}

/** The event of a number order moving to `status`. */
function numberOrderEvent(orderId: string, status: string): CallbackEvent {
  return { resourceType: 'NUMBER_ORDER', resourceId: orderId, eventType: 'NUMBER_ORDER_PROCESSING', status };
}

/** Moves the order transitions' events (the project's outbox, order-transitions.ts) to a request's outbox; none stay behind. */
export function drainOrderEvents(project: Project, outbox: PendingCallback[]): void {
  for (const e of project.outbox.splice(0)) if (e.callbackUrl !== '') outbox.push({ url: e.callbackUrl, event: numberOrderEvent(e.resourceId, e.status) });
}

/**
 * The event numbered and rendered as the bytes sent: the documented fields in the spec's order,
 * `internalFailureCode` as the documented variant gives it, signed with the project's hmacSecret.
 */
export function renderCallback(project: Project, pending: PendingCallback, documented: readonly EventCase[]): RenderedCallback {
  project.eventSeq += 1;
  const seq = project.eventSeq;
  const eventId = `01hzreferenceevt${String(seq).padStart(10, '0')}`;
  const { event } = pending;
  const variant = documented.find((e) => e.eventType === event.eventType && e.status === event.status && e.failureCode === event.failureCode);
  const internal = variant?.body.internalFailureCode;
  const body = {
    eventId,
    timestamp: clock(seq),
    projectId: project.id,
    resourceId: event.resourceId,
    resourceType: event.resourceType,
    eventType: event.eventType,
    status: event.status,
    ...(event.failureCode === undefined ? {} : { failureCode: event.failureCode }),
    ...(typeof internal === 'string' ? { internalFailureCode: internal } : {}),
  };
  const rawBody = JSON.stringify(body);
  const secret = project.callback?.hmacSecret;
  return { url: pending.url, eventId, event, rawBody, signature: secret === undefined || secret === '' ? undefined : signNumbersEvent(rawBody, secret) };
}

/** The seed's clock plus `seq` seconds, without a time zone and with microseconds, as Sinch writes it. */
function clock(seq: number): string {
  return new Date(Date.parse(SEED_NOW) + seq * 1000).toISOString().replace('Z', '000');
}
