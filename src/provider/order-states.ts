/**
 * Provider states of Number Order: an order in each lifecycle state, an expired reservation, a
 * registration that lacks a field the requirements ask for, attachments that refuse a file (type,
 * size, not required). Parameters (all optional): `numberOrderId` (default the seed's order ID),
 * `state` (for "the number order is in state"; default CREATED), `regionCode` and `numberType`
 * (default US LOCAL), `phoneNumber` (the number the order reserves; default the first available
 * one), `attachmentId` (default the seed's attachment ID).
 */
import { ORDER_CLOCK, openOrder } from './order-model.js';
import type { OrderState } from './order-lifecycle.js';
import { requirementsFor } from './order-requirements.js';
import { availableFor, SEED_ATTACHMENT_ID, SEED_ORDER_ID } from './seed.js';
import type { Project } from './store.js';
import type { NumberOrderRecord, NumberType, OrderRequirements } from './types.js';

type Params = Record<string, unknown>;
type Effect = (project: Project, params: Params) => void;

const ORDER_STATES: readonly OrderState[] = ['CREATED', 'IN_REVIEW', 'BLOCKED', 'REJECTED', 'COMPLETED', 'EXPIRED'];

function text(params: Params, name: string, fallback: string): string {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** Puts an order with a complete registration into the project, CREATED (reserved from the provider's clock on, or lapsed). */
function placeOrder(project: Project, params: Params, lapsed = false): NumberOrderRecord {
  const regionCode = text(params, 'regionCode', 'US');
  const numberType = text(params, 'numberType', 'LOCAL') as NumberType;
  const requirements: OrderRequirements = requirementsFor(regionCode, numberType) ?? (requirementsFor('US', 'LOCAL') as OrderRequirements);
  const phone = text(params, 'phoneNumber', '');
  const match = [...project.available.values()].find((n) => (phone === '' ? n.regionCode === regionCode && n.type === numberType : n.phoneNumber === phone));
  const number = match ?? availableFor(phone === '' ? '+12025550199' : phone);
  const createTime = lapsed ? new Date(Date.parse(ORDER_CLOCK) - requirements.reservationMinutes * 60_000).toISOString().replace('.000Z', 'Z') : ORDER_CLOCK;
  const order = openOrder(project, { id: text(params, 'numberOrderId', SEED_ORDER_ID), regionCode, numberType, numbers: [number], requirements, createTime });
  order.registration.requestDetails = Object.fromEntries(requirements.fields.map((name) => [name, `Example ${name}`]));
  order.registration.attachments = requirements.attachments
    .filter((a) => a.mandatory)
    .map((a) => ({ attachmentId: a.id, fileName: 'proof-of-address.pdf', mimeType: 'application/pdf', createTime: ORDER_CLOCK, updateTime: ORDER_CLOCK, uploadStatus: 'COMPLETED' as const }));
  return order;
}

/** The order in `state`, as if it had got there: reviewed orders' numbers active (COMPLETED) or released (REJECTED). */
function orderInState(project: Project, params: Params): void {
  const state = text(params, 'state', 'CREATED') as OrderState;
  if (!ORDER_STATES.includes(state)) throw new Error(`provider state "the number order is in state" needs a state of ${ORDER_STATES.join(', ')}, not ${state}`);
  const order = placeOrder(project, params, state === 'EXPIRED');
  if (state === 'EXPIRED' || state === 'CREATED') return;
  order.state = state;
  // A review that has not ended stays pending when the order is read; a blocked order, corrected and resubmitted, completes.
  project.conditions.orderReview = state === 'IN_REVIEW' ? 'PENDING' : 'COMPLETED';
  for (const n of order.reserved) {
    if (state === 'COMPLETED') project.ensureActive(n.phoneNumber);
    if (state === 'REJECTED') project.available.set(n.phoneNumber, structuredClone(n));
  }
}

/** The order's (first) expected attachment, or the one `attachmentId` names, added if the requirements lack it. */
function attachmentOf(order: NumberOrderRecord, params: Params): OrderRequirements['attachments'][number] {
  const id = text(params, 'attachmentId', SEED_ATTACHMENT_ID);
  let attachment = order.requirements.attachments.find((a) => a.id === id);
  if (attachment === undefined) {
    attachment = { id, title: 'Supporting document', description: 'A document the review may ask for.', mandatory: false, allowedMimeTypes: [], allowedDocumentTypes: [] };
    order.requirements.attachments.push(attachment);
  }
  return attachment;
}

export const ORDER_EFFECTS: Record<string, Effect> = {
  'the number order is in state': orderInState,
  "the number order's reservation has expired": (p, params) => void placeOrder(p, params, true),
  'the number order does not exist': (p, params) => {
    p.orders.delete(text(params, 'numberOrderId', SEED_ORDER_ID));
  },
  "the number order's requirements ask for a field the registration lacks": (p, params) => {
    placeOrder(p, params).requirements.fields.push(text(params, 'field', 'businessRegistrationNumber'));
  },
  "the attachment does not accept the file's type": (p, params) => {
    const order = placeOrder(p, params);
    attachmentOf(order, params).allowedMimeTypes = text(params, 'allowedMimeTypes', 'image/png').split(',');
  },
  "the attachment is not one of the number order's requirements": (p, params) => {
    const order = placeOrder(p, params);
    const id = text(params, 'attachmentId', SEED_ATTACHMENT_ID);
    order.requirements.attachments = order.requirements.attachments.filter((a) => a.id !== id);
    order.registration.attachments = order.registration.attachments.filter((a) => a.attachmentId !== id);
  },
  'the attachment is larger than the upload limit': (p, params) => {
    placeOrder(p, params);
    const max = Number(params.maxBytes ?? 16);
    p.conditions.attachmentLimitBytes = Number.isInteger(max) && max >= 0 ? max : 16;
  },
};
