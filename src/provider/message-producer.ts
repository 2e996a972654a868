/**
 * The reference provider as a Pact message provider: Pact's verifier POSTs `{description,
 * providerStates}` to the provider's base URL (after setting the states up at `/_pactSetup`) and
 * expects the message back: the body, and its metadata base64-encoded in `Pact-Message-Metadata`.
 * The provider does not look the event up: it performs the API call that triggers it (rent, update
 * or release a number; submit or read a number order) in the project the states set up, takes the event that
 * call queued and answers its exact bytes and signature. So the verification checks what `serve`
 * sends to a callback URL.
 */
import type { Catalog } from '../catalog/types.js';
import { describeEvent } from '../pact/message.js';
import { NUMBERS_SIGNATURE_HEADER } from '../events/signature.js';
import { isRecord } from '../util/record.js';
import { drainOrderEvents, renderCallback } from './callback-events.js';
import type { HandlerContext } from './handler.js';
import type { PipelineContext } from './pipeline.js';
import { SEED_APP, SEED_CAMPAIGN, SEED_EMERGENCY_NUMBER, SEED_ORDER_ID, SEED_SERVICE_PLAN } from './seed.js';
import type { Project } from './store.js';
import { decideOrder } from './order-lifecycle.js';
import { ORDER_CLOCK } from './order-model.js';
import { carryOut, observeOrder } from './order-transitions.js';
import type { PendingCallback, Reply } from './types.js';
import { ownValue } from '../openapi/own.js';

/** Where Pact's verifier asks a message provider for a message. */
export const MESSAGE_PATH = '/';
/** The metadata header of Pact's message providers (pact-js MessageProviderPact). */
const MESSAGE_METADATA_HEADER = 'Pact-Message-Metadata';
/** Events are captured, never delivered, in a message verification: the URL only has to be a valid loopback one. */
const CAPTURE_URL = 'http://127.0.0.1/numbers-contract-kit/message';

interface Trigger {
  operationId: string;
  /** The active number the call is about: a fresh one to rent, or a linked one of the seed. */
  number: 'available' | 'linked';
  body: Record<string, unknown>;
}

const SMS = { smsConfiguration: { servicePlanId: SEED_SERVICE_PLAN }, callbackUrl: CAPTURE_URL };
const TRIGGERS: Readonly<Record<string, Trigger>> = {
  PROVISIONING_TO_SMS_PLATFORM: { operationId: 'NumberService_RentNumber', number: 'available', body: SMS },
  PROVISIONING_TO_CAMPAIGN: { operationId: 'NumberService_RentNumber', number: 'available', body: { smsConfiguration: { servicePlanId: SEED_SERVICE_PLAN, campaignId: SEED_CAMPAIGN }, callbackUrl: CAPTURE_URL } },
  PROVISIONING_TO_VOICE_PLATFORM: { operationId: 'NumberService_RentNumber', number: 'available', body: { voiceConfiguration: { type: 'RTC', appId: SEED_APP }, callbackUrl: CAPTURE_URL } },
  DEPROVISIONING_FROM_CAMPAIGN: { operationId: 'NumberService_UpdateActiveNumber', number: 'linked', body: { smsConfiguration: { servicePlanId: SEED_SERVICE_PLAN, campaignId: '' }, callbackUrl: CAPTURE_URL } },
  DEPROVISIONING_FROM_SMS_PLATFORM: { operationId: 'NumberService_ReleaseNumber', number: 'linked', body: {} },
  DEPROVISIONING_FROM_VOICE_PLATFORM: { operationId: 'NumberService_ReleaseNumber', number: 'linked', body: {} },
};

/** `POST /` from Pact's verifier: the message for `description` in the project its states name. */
export async function produceMessage(ctx: PipelineContext, catalog: Catalog, defaultProject: string, raw: Buffer): Promise<Reply> {
  const events = catalog.events;
  const request = parseRequest(raw);
  if (request === undefined) return refuse('the message request is not a JSON object with a description');
  const event = events.find((e) => describeEvent(e) === request.description);
  if (event === undefined) return refuse(`the spec documents no callback event described "${request.description.slice(0, 200)}"`);
  const project = ctx.projects.get(request.projectId ?? defaultProject);
  const queued = event.resourceType === 'NUMBER_ORDER' ? orderMove(project, event.status) : await trigger(ctx, catalog, project, event.eventType);
  if ('error' in queued) return refuse(queued.error);
  const pending = queued.callbacks.find((c) => c.event.eventType === event.eventType);
  if (pending === undefined) {
    const sent = queued.callbacks.map((c) => c.event.eventType).join(', ') || 'none';
    return refuse(`after ${queued.operationId} the reference provider queued no ${event.eventType} event (it queued: ${sent})`);
  }
  const rendered = renderCallback(project, pending, events);
  const metadata = { ...(rendered.signature === undefined ? {} : { [NUMBERS_SIGNATURE_HEADER]: rendered.signature }), contentType: 'application/json' };
  return { status: 200, body: JSON.parse(rendered.rawBody), headers: { [MESSAGE_METADATA_HEADER]: Buffer.from(JSON.stringify(metadata)).toString('base64') } };
}

type Queued = { operationId: string; callbacks: PendingCallback[] } | { error: string };

function trigger(ctx: PipelineContext, catalog: Catalog, project: Project, eventType: string): Promise<Queued> | Queued {
  const plan = ownValue(TRIGGERS, eventType);
  if (plan === undefined) return { error: `the reference provider cannot produce ${eventType} events` };
  const phoneNumber = plan.number === 'linked' ? SEED_EMERGENCY_NUMBER : [...project.available.keys()].sort()[0];
  if (phoneNumber === undefined) return { error: 'the project has no number to rent' };
  // A release goes to the callbackUrl the number has; the seed's numbers have none.
  const active = project.active.get(phoneNumber);
  if (active !== undefined) active.callbackUrl = CAPTURE_URL;
  return call(ctx, catalog, project, plan.operationId, { phoneNumber }, plan.body);
}

/**
 * A number order's move, through the order lifecycle (order-transitions.ts) as the order operations
 * drive it: submitting the order the states placed (it goes IN_REVIEW), or looking at it (its review
 * ends, or its reservation lapses).
 */
function orderMove(project: Project, status: string): Queued {
  const order = project.orders.get(SEED_ORDER_ID);
  if (order === undefined) return { error: `the provider states placed no number order ${SEED_ORDER_ID}` };
  order.callbackUrl = CAPTURE_URL;
  observeOrder(project, order);
  const submit = status === 'IN_REVIEW';
  if (submit) carryOut(project, order, decideOrder(order, { kind: 'submit', now: ORDER_CLOCK, missing: [] }));
  const callbacks: PendingCallback[] = [];
  drainOrderEvents(project, callbacks);
  return { operationId: submit ? 'submitting the number order' : 'reading the number order', callbacks };
}

/** Runs one operation's handler in `project`, as the pipeline would, and collects the events it queued. */
async function call(ctx: PipelineContext, catalog: Catalog, project: Project, operationId: string, params: Record<string, string>, body: Record<string, unknown>): Promise<Queued> {
  const operation = catalog.operations.find((op) => op.operationId === operationId);
  const handler = ownValue(ctx.handlers, operationId);
  if (operation === undefined || handler === undefined) return { error: `the reference provider does not implement ${operationId}` };
  const outbox: PendingCallback[] = [];
  const context: HandlerContext = {
    request: { operation, method: operation.method, projectId: project.id, params: { projectId: project.id, ...params }, query: {}, body: structuredClone(body) },
    project,
    replies: ctx.replies,
    outbox,
  };
  const reply = await handler(context);
  drainOrderEvents(project, outbox);
  if (reply.status >= 300) return { error: `${operationId} answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 200)}` };
  return { operationId, callbacks: outbox };
}

function parseRequest(raw: Buffer): { description: string; projectId: string | undefined } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.description !== 'string') return undefined;
  const states = Array.isArray(value.providerStates) ? value.providerStates.filter(isRecord) : [];
  const projectId = states.map((s) => (isRecord(s.params) ? s.params.projectId : undefined)).find((id): id is string => typeof id === 'string' && id !== '');
  return { description: value.description, projectId };
}

function refuse(error: string): Reply {
  return { status: 400, body: { error } };
}
