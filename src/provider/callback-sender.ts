/**
 * Delivers the reference provider's callback events: POSTed one at a time, in the order they were
 * queued, after the HTTP answer that caused them. Bounded: at most `maxQueued` events wait (more are
 * dropped and said so), each delivery has one deadline for the whole exchange, and a failed
 * delivery is reported, not retried (a sandbox must not storm a handler under test). One sender per
 * server; closing it aborts the delivery in flight and drops the rest.
 */
import http from 'node:http';
import { NUMBERS_SIGNATURE_HEADER } from '../events/signature.js';
import type { CallbackDelivery, RenderedCallback } from './types.js';

const DEFAULT_CALLBACK_TIMEOUT_MS = 5_000;
const MAX_QUEUED_CALLBACKS = 100;

export interface CallbackSenderOptions {
  timeoutMs?: number;
  maxQueued?: number;
  onDelivery?: (delivery: CallbackDelivery) => void;
}

export interface CallbackSender {
  enqueue(callbacks: readonly RenderedCallback[]): void;
  /** Resolves once every event queued so far has been delivered, failed or dropped. */
  settled(): Promise<void>;
  close(): void;
}

export function createCallbackSender(options: CallbackSenderOptions = {}): CallbackSender {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
  const maxQueued = options.maxQueued ?? MAX_QUEUED_CALLBACKS;
  const queue: RenderedCallback[] = [];
  let inFlight: http.ClientRequest | undefined;
  let closed = false;
  let waiters: Array<() => void> = [];

  const report = (callback: RenderedCallback, outcome: CallbackDelivery['outcome'], extra: { httpStatus?: number; reason?: string } = {}): void => {
    const { event } = callback;
    options.onDelivery?.({ eventId: callback.eventId, eventType: event.eventType, status: event.status, ...(event.failureCode === undefined ? {} : { failureCode: event.failureCode }), url: callback.url, outcome, ...extra });
  };
  const idle = (): void => {
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  const next = (): void => {
    const callback = queue.shift();
    if (callback === undefined || closed) {
      inFlight = undefined;
      idle();
      return;
    }
    inFlight = post(callback, timeoutMs, (outcome, extra) => {
      report(callback, outcome, extra);
      next();
    });
  };

  return {
    enqueue(callbacks) {
      for (const callback of callbacks) {
        if (closed) report(callback, 'dropped', { reason: 'the provider is closing' });
        else if (callback.signature === undefined) report(callback, 'unsigned', { reason: 'not sent: the project has no callback configuration (no hmacSecret to sign with)' });
        else if (queue.length >= maxQueued) report(callback, 'dropped', { reason: `not sent: ${maxQueued} events are already waiting` });
        else queue.push(callback);
      }
      if (inFlight === undefined && queue.length > 0) next();
    },
    settled() {
      return inFlight === undefined && queue.length === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      closed = true;
      for (const callback of queue.splice(0)) report(callback, 'dropped', { reason: 'the provider is closing' });
      inFlight?.destroy(new Error('the provider is closing'));
      if (inFlight === undefined) idle();
    },
  };
}

type Done = (outcome: 'delivered' | 'failed', extra: { httpStatus?: number; reason?: string }) => void;

/** One POST, its answer read and dropped; `done` is called exactly once. */
function post(callback: RenderedCallback, timeoutMs: number, done: Done): http.ClientRequest {
  let finished = false;
  const finish: Done = (outcome, extra) => {
    if (finished) return;
    finished = true;
    clearTimeout(deadline);
    done(outcome, extra);
  };
  const body = Buffer.from(callback.rawBody, 'utf8');
  const req = http.request(callback.url, {
    method: 'POST',
    agent: false,
    headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, [NUMBERS_SIGNATURE_HEADER]: callback.signature ?? '' },
  });
  const deadline = setTimeout(() => {
    req.destroy();
    finish('failed', { reason: `no answer within ${timeoutMs} ms` });
  }, timeoutMs);
  req.on('response', (res) => {
    res.resume();
    res.on('end', () => finish('delivered', { httpStatus: res.statusCode ?? 0 }));
    res.on('error', (error: NodeJS.ErrnoException) => finish('failed', { reason: `the answer broke off: ${error.code ?? error.message}` }));
  });
  req.on('error', (error: NodeJS.ErrnoException) => finish('failed', { reason: `cannot deliver: ${error.code ?? error.message}` }));
  req.end(body);
  return req;
}
