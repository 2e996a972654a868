import { expect } from 'chai';
import { decideOrder, reservationEnd, type Decision, type OrderAction, type OrderState } from '../../src/provider/order-lifecycle.js';

const NOW = '2026-11-01T00:00:00Z';
const LATER = '2026-11-03T00:00:00Z';
const EARLIER = '2026-10-31T23:30:00Z';

function moved(to: Exclude<OrderState, 'CREATED'>): Decision {
  return { kind: 'move', to, event: { eventType: 'NUMBER_ORDER_PROCESSING', resourceType: 'NUMBER_ORDER', status: to } };
}

const observe = (review: 'COMPLETED' | 'BLOCKED' | 'REJECTED' | 'PENDING'): OrderAction => ({ kind: 'observe', now: NOW, review });
const edit: OrderAction = { kind: 'edit', now: NOW };
const submit = (missing: string[] = []): OrderAction => ({ kind: 'submit', now: NOW, missing });

describe('provider: the Number Order lifecycle', () => {
  const rows: Array<[string, OrderState, string | null, OrderAction, Decision]> = [
    ['a CREATED order within its reservation stays CREATED when read', 'CREATED', LATER, observe('COMPLETED'), { kind: 'stay' }],
    ['a CREATED order whose reservation ended expires when read', 'CREATED', EARLIER, observe('COMPLETED'), moved('EXPIRED')],
    ['a reservation ends at its expireTime exactly', 'CREATED', NOW, observe('PENDING'), moved('EXPIRED')],
    ['a lapsed order expires instead of being edited', 'CREATED', EARLIER, edit, moved('EXPIRED')],
    ['a lapsed order expires instead of being submitted', 'CREATED', EARLIER, submit(), moved('EXPIRED')],
    ['a CREATED order can be edited', 'CREATED', LATER, edit, { kind: 'stay' }],
    ['submitting a complete registration puts the order IN_REVIEW', 'CREATED', LATER, submit(), moved('IN_REVIEW')],
    ['submitting an incomplete registration is refused, naming what is missing', 'CREATED', LATER, submit(['requestDetails.businessName']), { kind: 'refuse', refusal: { kind: 'incomplete', missing: ['requestDetails.businessName'] } }],
    ['a review that has not ended keeps the order IN_REVIEW', 'IN_REVIEW', LATER, observe('PENDING'), { kind: 'stay' }],
    ['an order in review does not expire', 'IN_REVIEW', EARLIER, observe('PENDING'), { kind: 'stay' }],
    ['a review ends COMPLETED', 'IN_REVIEW', LATER, observe('COMPLETED'), moved('COMPLETED')],
    ['a review ends BLOCKED', 'IN_REVIEW', LATER, observe('BLOCKED'), moved('BLOCKED')],
    ['a review ends REJECTED', 'IN_REVIEW', LATER, observe('REJECTED'), moved('REJECTED')],
    ['an order in review cannot be edited', 'IN_REVIEW', LATER, edit, { kind: 'refuse', refusal: { kind: 'in-review' } }],
    ['an order in review cannot be submitted again', 'IN_REVIEW', LATER, submit(), { kind: 'refuse', refusal: { kind: 'in-review' } }],
    ['a BLOCKED order can be corrected', 'BLOCKED', LATER, edit, { kind: 'stay' }],
    ['a BLOCKED order can be submitted again', 'BLOCKED', LATER, submit(), moved('IN_REVIEW')],
    ['a BLOCKED order is not touched by time or review', 'BLOCKED', EARLIER, observe('COMPLETED'), { kind: 'stay' }],
    ['a COMPLETED order is final', 'COMPLETED', LATER, edit, { kind: 'refuse', refusal: { kind: 'final', state: 'COMPLETED' } }],
    ['a REJECTED order is final', 'REJECTED', LATER, submit(), { kind: 'refuse', refusal: { kind: 'final', state: 'REJECTED' } }],
    ['an EXPIRED order is final', 'EXPIRED', EARLIER, edit, { kind: 'refuse', refusal: { kind: 'final', state: 'EXPIRED' } }],
    ['a final order stays as it is when read', 'COMPLETED', EARLIER, observe('REJECTED'), { kind: 'stay' }],
    ['an order without an expireTime never lapses', 'CREATED', null, observe('COMPLETED'), { kind: 'stay' }],
  ];
  for (const [title, state, expireTime, action, expected] of rows) {
    it(title, () => {
      expect(decideOrder({ state, expireTime }, action)).to.deep.equal(expected);
    });
  }

  it('reserves for 30 minutes to 48 hours from the given time, and refuses anything else', () => {
    expect(reservationEnd(NOW, 30)).to.equal('2026-11-01T00:30:00Z');
    expect(reservationEnd(NOW, 48 * 60)).to.equal('2026-11-03T00:00:00Z');
    expect(() => reservationEnd(NOW, 29)).to.throw('a reservation lasts 30 to 2880 minutes, not 29');
    expect(() => reservationEnd(NOW, 2881)).to.throw('a reservation lasts 30 to 2880 minutes, not 2881');
    expect(() => reservationEnd(NOW, 90.5)).to.throw('not 90.5');
  });
});
