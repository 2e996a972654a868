/**
 * The deliveries of the callback handler harness: the negative ones built from an event (a wrong
 * signature, a changed body, no signature, a replay, a stale event after a newer one), and one
 * delivery sent, by a POST to a loopback URL or by calling a function, within a time limit.
 */
import http from 'node:http';
import type { EventCase } from '../catalog/types.js';
import { KitError } from '../errors.js';
import { withTimeout } from '../util/timeout.js';

/** One callback as the handler gets it. */
export interface EventDelivery {
  event: EventCase;
  /** The exact bytes of the body: verify the signature over these, then parse. */
  rawBody: Buffer;
  /** `content-type` and (unless the delivery tests its absence) `x-sinch-signature`, lower-case as Node gives them. */
  headers: Record<string, string>;
}

/** A loopback URL the handler listens on, or a function that takes a delivery. */
export type CallbackTarget = string | ((delivery: EventDelivery) => unknown);

/** What the handler answered: the HTTP status (URL targets), or the function's value or error. */
export interface DeliveryAnswer {
  status?: number;
  value?: unknown;
  error?: unknown;
}

export type NegativeKind = 'wrong-signature' | 'body-changed' | 'missing-signature' | 'replayed' | 'out-of-order';

export const NEGATIVE_KINDS: readonly NegativeKind[] = ['wrong-signature', 'body-changed', 'missing-signature', 'replayed', 'out-of-order'];

type Sign = (event: EventCase, body: Record<string, unknown>, key?: string) => EventDelivery;

/** The deliveries of one negative case, built from `event`. */
export function negativeDeliveries(kind: NegativeKind, event: EventCase, all: readonly EventCase[], signed: Sign): EventDelivery[] {
  const valid = signed(event, event.body);
  switch (kind) {
    case 'wrong-signature':
      return [signed(event, event.body, 'not-the-project-hmac-secret-0000000000')];
    case 'body-changed': {
      // Signed as documented, then one value changed: the status a handler would act on.
      const other = event.status === 'SUCCEEDED' ? 'FAILED' : event.resourceType === 'NUMBER_ORDER' && event.status !== 'COMPLETED' ? 'COMPLETED' : 'SUCCEEDED';
      const rawBody = Buffer.from(JSON.stringify({ ...event.body, status: other }), 'utf8');
      return [{ ...valid, rawBody }];
    }
    case 'missing-signature':
      return [{ ...valid, headers: { 'content-type': 'application/json' } }];
    case 'replayed':
      return [valid, valid];
    case 'out-of-order': {
      // A newer event for the same resource first (another documented outcome, a minute later), then the older one.
      const sibling = all.find((e) => e.eventType === event.eventType && e.status !== event.status) ?? event;
      const stamp = String(event.body.timestamp);
      const later = new Date(`${stamp.slice(0, 23)}Z`);
      later.setUTCMinutes(later.getUTCMinutes() + 1);
      const timestamp = `${later.toISOString().slice(0, 23)}${stamp.slice(23)}`;
      const newer = { ...sibling.body, resourceId: event.body.resourceId, eventId: `${String(event.body.eventId)}-newer`, timestamp };
      return [signed(sibling, newer), valid];
    }
  }
}

/** One delivery: a POST to a loopback URL (no keep-alive), or a call of the function. */
export async function deliver(to: CallbackTarget, d: EventDelivery, timeoutMs: number): Promise<DeliveryAnswer> {
  if (typeof to === 'function') {
    try {
      return {
        value: await withTimeout(
          Promise.resolve().then(() => to(d)),
          timeoutMs,
          () => handlerTimeout(timeoutMs),
        ),
      };
    } catch (error) {
      return { error };
    }
  }
  const url = loopbackUrl(to);
  // Aborted when the timeout wins: a handler that never answers, or answers without end, loses its connection.
  const controller = new AbortController();
  return withTimeout(
    new Promise<DeliveryAnswer>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent: false, signal: controller.signal, headers: { ...d.headers, 'content-length': String(d.rawBody.length) } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      });
      req.on('error', (error) => reject(new Error(`cannot deliver the event to ${url.origin}${url.pathname}: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
      req.end(d.rawBody);
    }),
    timeoutMs,
    () => handlerTimeout(timeoutMs),
    controller,
  );
}

function handlerTimeout(ms: number): Error {
  return new Error(`the handler did not finish within ${ms} ms`);
}

function loopbackUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new KitError('BAD_URL', `'${text}' is not a URL`, { argument: 'to' });
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.username !== '' || url.password !== '') {
    throw new KitError('BAD_URL', `the handler URL must be http on loopback (127.0.0.1, localhost, [::1]), not ${url.protocol}//${url.hostname}`, { argument: 'to' });
  }
  return url;
}
