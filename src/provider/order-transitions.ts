/**
 * Carrying out what the order lifecycle decides: completed orders' numbers become active numbers with
 * the order's configuration (through scheduled provisioning, as renting does); expired and rejected
 * orders give theirs back to the available numbers; blocked and rejected orders get a review note in
 * their registration logs; every transition leaves its NUMBER_ORDER_PROCESSING event in the outbox.
 */
import { scheduleConfiguration } from './handler.js';
import { decideOrder, type Decision, type OrderState } from './order-lifecycle.js';
import { ORDER_CLOCK } from './order-model.js';
import { activeFrom } from './seed.js';
import type { Project } from './store.js';
import type { NumberOrderRecord } from './types.js';

/** Lets time and a pending review take their course on `order` (every access does this first). */
export function observeOrder(project: Project, order: NumberOrderRecord): void {
  carryOut(project, order, decideOrder(order, { kind: 'observe', now: ORDER_CLOCK, review: project.conditions.orderReview }));
}

/** Does what a `move` decision says; other decisions change nothing. */
export function carryOut(project: Project, order: NumberOrderRecord, decision: Decision): void {
  if (decision.kind !== 'move') return;
  const to = decision.to;
  if (to === 'COMPLETED') {
    for (const n of order.reserved) {
      const active = activeFrom(project.id, n);
      scheduleConfiguration(active, { smsConfiguration: order.smsConfiguration, voiceConfiguration: order.voiceConfiguration, callbackUrl: order.callbackUrl === '' ? undefined : order.callbackUrl });
      project.active.set(active.phoneNumber, active);
    }
  }
  if (to === 'EXPIRED' || to === 'REJECTED') for (const n of order.reserved) if (!project.active.has(n.phoneNumber)) project.available.set(n.phoneNumber, structuredClone(n));
  const note = REVIEW_NOTES[to];
  if (note !== undefined) order.registration.logs.push({ message: note, createTime: ORDER_CLOCK });
  order.state = to;
  order.updateTime = ORDER_CLOCK;
  // The hook for callbacks: the transition's NUMBER_ORDER_PROCESSING event, owed to the order's callback URL.
  project.outbox.push({ ...decision.event, projectId: project.id, resourceId: order.idNumberOrder, callbackUrl: order.callbackUrl, timestamp: ORDER_CLOCK });
}

const REVIEW_NOTES: Partial<Record<OrderState, string>> = {
  BLOCKED: 'The review is on hold: the registration needs more information. Update it and submit the order again.',
  REJECTED: 'The registration was not accepted; the reserved numbers were released.',
};
