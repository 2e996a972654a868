/**
 * The Number Order lifecycle, decided by one pure function. An order is CREATED with its numbers
 * reserved until `expireTime`; submitting it (registration complete) puts it IN_REVIEW; the review
 * ends COMPLETED, REJECTED or BLOCKED (a blocked order can be corrected and submitted again); a
 * CREATED order whose reservation lapses is EXPIRED. COMPLETED, REJECTED and EXPIRED are final.
 *
 *   CREATED ─submit─▶ IN_REVIEW ─review─▶ COMPLETED | REJECTED | BLOCKED ─submit─▶ IN_REVIEW
 *   CREATED ─reservation lapses─▶ EXPIRED
 *
 * Time is whatever the caller says it is (the provider passes its fixed clock): nothing here reads
 * the wall clock. Every transition carries the NUMBER_ORDER_PROCESSING event it emits, for whoever
 * sends callbacks.
 */

export type OrderState = 'CREATED' | 'IN_REVIEW' | 'BLOCKED' | 'REJECTED' | 'COMPLETED' | 'EXPIRED';
export type ReviewOutcome = 'COMPLETED' | 'BLOCKED' | 'REJECTED';

/** The shortest and longest reservation the API documents: 30 minutes to 48 hours. */
const RESERVATION_MINUTES = { min: 30, max: 48 * 60 } as const;

export type OrderAction =
  /** Any access to the order: time passes (reservation lapses) and a pending review may end. */
  | { kind: 'observe'; now: string; review: ReviewOutcome | 'PENDING' }
  /** Changing the registration or uploading an attachment. */
  | { kind: 'edit'; now: string }
  /** Submitting for review; `missing` names what the registration still lacks. */
  | { kind: 'submit'; now: string; missing: readonly string[] };

/** The callback event a transition emits (resourceId and delivery are the sender's business). */
export interface OrderEvent {
  eventType: 'NUMBER_ORDER_PROCESSING';
  resourceType: 'NUMBER_ORDER';
  status: Exclude<OrderState, 'CREATED'>;
}

export type Refusal =
  /** The order is COMPLETED, REJECTED or EXPIRED: nothing changes it any more. */
  | { kind: 'final'; state: OrderState }
  /** The order is being reviewed: it cannot be edited or submitted again meanwhile. */
  | { kind: 'in-review' }
  /** The registration lacks required fields or attachments. */
  | { kind: 'incomplete'; missing: readonly string[] };

export type Decision = { kind: 'stay' } | { kind: 'move'; to: Exclude<OrderState, 'CREATED'>; event: OrderEvent } | { kind: 'refuse'; refusal: Refusal };

export interface OrderClockView {
  state: OrderState;
  expireTime: string | null;
}

const FINAL: ReadonlySet<OrderState> = new Set(['COMPLETED', 'REJECTED', 'EXPIRED']);

/** What `action` does to an order in `order.state`. */
export function decideOrder(order: OrderClockView, action: OrderAction): Decision {
  if (order.state === 'CREATED' && lapsed(order.expireTime, action.now)) return move('EXPIRED');
  switch (action.kind) {
    case 'observe':
      return order.state === 'IN_REVIEW' && action.review !== 'PENDING' ? move(action.review) : stay();
    case 'edit':
      return editable(order.state) ?? stay();
    case 'submit': {
      const refused = editable(order.state);
      if (refused !== undefined) return refused;
      return action.missing.length > 0 ? { kind: 'refuse', refusal: { kind: 'incomplete', missing: action.missing } } : move('IN_REVIEW');
    }
  }
}

/** The end of a reservation of `minutes` starting at `from`; throws outside the documented 30 minutes to 48 hours. */
export function reservationEnd(from: string, minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < RESERVATION_MINUTES.min || minutes > RESERVATION_MINUTES.max) {
    throw new Error(`a reservation lasts ${RESERVATION_MINUTES.min} to ${RESERVATION_MINUTES.max} minutes, not ${minutes}`);
  }
  return new Date(Date.parse(from) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

function lapsed(expireTime: string | null, now: string): boolean {
  return expireTime !== null && Date.parse(now) >= Date.parse(expireTime);
}

function editable(state: OrderState): Decision | undefined {
  if (FINAL.has(state)) return { kind: 'refuse', refusal: { kind: 'final', state } };
  if (state === 'IN_REVIEW') return { kind: 'refuse', refusal: { kind: 'in-review' } };
  return undefined;
}

function move(to: Exclude<OrderState, 'CREATED'>): Decision {
  return { kind: 'move', to, event: { eventType: 'NUMBER_ORDER_PROCESSING', resourceType: 'NUMBER_ORDER', status: to } };
}

function stay(): Decision {
  return { kind: 'stay' };
}
