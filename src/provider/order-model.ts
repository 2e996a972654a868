/**
 * Number orders in a project's store: opening one (its numbers leave the available numbers and are
 * reserved for the region's reservation time), and the API's views of an order and its registration.
 */
import { reservationEnd, type OrderState } from './order-lifecycle.js';
import { SEED_NOW } from './seed.js';
import type { Project } from './store.js';
import type { AvailableNumber, NumberOrderRecord, NumberType, OrderNumber, OrderRequirements } from './types.js';

/** The provider's clock: fixed, so every answer is reproducible. */
export const ORDER_CLOCK = SEED_NOW;

export interface OrderOpening {
  id: string;
  regionCode: string;
  numberType: NumberType;
  numbers: readonly AvailableNumber[];
  requirements: OrderRequirements;
  smsConfiguration?: { servicePlanId: string; campaignId?: string };
  voiceConfiguration?: Record<string, unknown>;
  callbackUrl?: string;
  /** When the order was created (default: the provider's clock). */
  createTime?: string;
  state?: OrderState;
}

/** Opens an order: reserves its numbers for the region's reservation time and stores it. */
export function openOrder(project: Project, opening: OrderOpening): NumberOrderRecord {
  const createTime = opening.createTime ?? ORDER_CLOCK;
  const order: NumberOrderRecord = {
    idNumberOrder: opening.id,
    projectId: project.id,
    regionCode: opening.regionCode,
    numberType: opening.numberType,
    state: opening.state ?? 'CREATED',
    reserved: opening.numbers.map((n) => structuredClone(n)),
    ...(opening.smsConfiguration === undefined ? {} : { smsConfiguration: { ...opening.smsConfiguration } }),
    ...(opening.voiceConfiguration === undefined ? {} : { voiceConfiguration: structuredClone(opening.voiceConfiguration) }),
    callbackUrl: opening.callbackUrl ?? '',
    expireTime: reservationEnd(createTime, opening.requirements.reservationMinutes),
    createTime,
    updateTime: createTime,
    requirements: structuredClone(opening.requirements),
    registration: { requestDetails: {}, attachments: [], logs: [] },
  };
  for (const n of opening.numbers) project.available.delete(n.phoneNumber);
  project.orders.set(order.idNumberOrder, order);
  return order;
}

/** The order as the API shows it (NumberOrder). */
export function orderBody(order: NumberOrderRecord): Record<string, unknown> {
  const orderNumbers: OrderNumber[] = order.reserved.map((n) => ({
    phoneNumber: n.phoneNumber,
    numberPrice: { setupPrice: { ...n.setupPrice }, monthlyPrice: { ...n.monthlyPrice }, paymentIntervalMonths: n.paymentIntervalMonths },
    capabilities: [...n.capability],
  }));
  return {
    projectId: order.projectId,
    idNumberOrder: order.idNumberOrder,
    regionCode: order.regionCode,
    state: order.state,
    numberType: order.numberType,
    orderNumbers,
    ...(order.smsConfiguration === undefined ? {} : { smsConfiguration: { ...order.smsConfiguration } }),
    ...(order.voiceConfiguration === undefined ? {} : { voiceConfiguration: structuredClone(order.voiceConfiguration) }),
    expireTime: order.expireTime,
    createTime: order.createTime,
    updateTime: order.updateTime,
  };
}

/** The order's registration as the API shows it (Registration). */
export function registrationBody(order: NumberOrderRecord): Record<string, unknown> {
  return structuredClone(order.registration) as unknown as Record<string, unknown>;
}
