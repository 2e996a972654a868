/**
 * The callback handler harness: hands a consumer's callback handler each selected event exactly
 * as Sinch would send it (the raw bytes, `Content-Type`, a valid `X-Sinch-Signature` for a test
 * secret), by POSTing to the handler's loopback URL or by calling a function, and writes the
 * message pact of the events the handler took, once, at the end. The negative deliveries (a wrong
 * signature, a body changed after signing, no signature, a replay, a stale event after a newer
 * one) come with it; the consumer's test asserts that its handler rejects or ignores them.
 *
 *   const matrix = await loadNumbersEventMatrix({ handler: 'billing-callbacks' });
 *   for (const e of matrix.events) it(e.title, () => matrix.run(e, 'http://127.0.0.1:3000/callbacks'));
 *   after(() => matrix.writePact());
 */
import http from 'node:http';
import path from 'node:path';
import { loadBundledCatalog } from '../catalog/bundled.js';
import { loadCatalog } from '../catalog/index.js';
import type { Catalog, EventCase } from '../catalog/types.js';
import { KitError } from '../errors.js';
import { NUMBERS_SIGNATURE_HEADER, signNumbersEvent } from '../events/signature.js';
import { DEFAULT_PROVIDER } from './contract.js';
import { loadPactCore, type PactLogLevel } from './core.js';
import { describeEvent, eventMessage, NUMBERS_TEST_HMAC_SECRET, type EventMessage } from './message.js';
import { DEFAULT_HANDLER, renderMessagePactJson } from './message-contract.js';
import { writeFileAtomic } from '../io/atomic.js';
import { canonicalPact, checkParticipant, pactFileName } from './pact-file.js';
import { mergeInto, readPactToMerge, type PactfileWriteMode } from './recorder.js';
import { selectEventCases, type EventSelector } from '../catalog/select.js';
import { withTimeout } from '../util/timeout.js';

export interface NumbersEventMatrixOptions {
  /** Consumer name in the message pact (default `numbers-callback-handler`). */
  handler?: string;
  provider?: string;
  /** Directory of the message pact (default `pacts`, resolved against the cwd now). */
  dir?: string;
  catalog: Catalog | readonly EventCase[];
  select?: EventSelector;
  /** The hmacSecret the handler under test is configured with (default: the kit's test secret). */
  secret?: string;
  /** Longest time one delivery may take (default 15 s). */
  caseTimeoutMs?: number;
  pactfileWriteMode?: PactfileWriteMode;
  /** As for the error matrix: starts the Pact core's own log at this level (default: not started by the kit). */
  logLevel?: PactLogLevel;
}

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

export interface NegativeOutcome {
  kind: NegativeKind;
  /** `reject`: the handler must refuse (a URL target must answer 4xx); `ignore`: take it without acting twice or going back. */
  expect: 'reject' | 'ignore';
  deliveries: EventDelivery[];
  answers: DeliveryAnswer[];
}

export interface MatrixEvent {
  id: string;
  /** `<operationId> <exampleName>`: a test title. */
  title: string;
  event: EventCase;
}

export interface NumbersEventMatrix {
  readonly handler: string;
  readonly provider: string;
  readonly pactFile: string;
  readonly events: readonly MatrixEvent[];
  /** Delivers the event, validly signed; fails unless the handler takes it (2xx, or no throw). */
  run(target: MatrixEvent | EventCase | string, to: CallbackTarget): Promise<DeliveryAnswer>;
  /** Delivers a negative case built from `from` (default: the first selected event); a URL target must answer 4xx to `reject` kinds. */
  negative(kind: NegativeKind, to: CallbackTarget, from?: MatrixEvent | EventCase | string): Promise<NegativeOutcome>;
  /** The delivery `run` would send, without sending it. */
  delivery(target: MatrixEvent | EventCase | string): EventDelivery;
  /** Writes the message pact with every event the handler took; undefined when none. */
  writePact(): Promise<string | undefined>;
}

export const NEGATIVE_KINDS: readonly NegativeKind[] = ['wrong-signature', 'body-changed', 'missing-signature', 'replayed', 'out-of-order'];

export function numbersEventMatrix(options: NumbersEventMatrixOptions): NumbersEventMatrix {
  const handler = checkParticipant(options.handler ?? DEFAULT_HANDLER, 'handler');
  const provider = checkParticipant(options.provider ?? DEFAULT_PROVIDER, 'provider');
  const all = Array.isArray(options.catalog) ? (options.catalog as readonly EventCase[]) : (options.catalog as Catalog).events;
  const catalog = Array.isArray(options.catalog) ? undefined : (options.catalog as Catalog);
  const selected = selectEventCases(all, options.select);
  const secret = options.secret ?? NUMBERS_TEST_HMAC_SECRET;
  if (typeof secret !== 'string' || secret === '') throw new KitError('USAGE', 'secret must be a non-empty string', { argument: 'secret' });
  const timeoutMs = options.caseTimeoutMs ?? 15_000;
  const file = path.join(path.resolve(options.dir ?? 'pacts'), pactFileName(handler, provider));
  const taken = new Map<string, EventMessage>();

  const resolve = (target: MatrixEvent | EventCase | string): EventCase => {
    const id = typeof target === 'string' ? target : target.id;
    const found = selected.find((e) => e.id === id);
    if (found === undefined) throw new KitError('UNKNOWN_CASE', `event ${id} is not among this matrix's selected events`, { argument: 'run' });
    return found;
  };
  const signed = (event: EventCase, body: Record<string, unknown>, key = secret): EventDelivery => {
    const rawBody = Buffer.from(JSON.stringify(body), 'utf8');
    return { event, rawBody, headers: { 'content-type': 'application/json', [NUMBERS_SIGNATURE_HEADER.toLowerCase()]: signNumbersEvent(rawBody, key) } };
  };
  const send = (to: CallbackTarget, d: EventDelivery): Promise<DeliveryAnswer> => deliver(to, d, timeoutMs);

  return {
    handler,
    provider,
    pactFile: file,
    events: selected.map((e) => ({ id: e.id, title: describeEvent(e), event: e })),
    delivery: (target) => signed(resolve(target), resolve(target).body),
    async run(target, to) {
      const event = resolve(target);
      const answer = await send(to, signed(event, event.body));
      if (answer.error !== undefined) throw answer.error;
      if (answer.status !== undefined && (answer.status < 200 || answer.status > 299)) {
        throw new Error(`${describeEvent(event)}: the handler answered HTTP ${answer.status} to a valid, signed event; Sinch retries anything but 2xx`);
      }
      taken.set(event.id, eventMessage(event, secret));
      return answer;
    },
    async negative(kind, to, from) {
      const event = from === undefined ? selected[0]! : resolve(from);
      const deliveries = negativeDeliveries(kind, event, all, signed);
      const answers: DeliveryAnswer[] = [];
      for (const d of deliveries) answers.push(await send(to, d));
      const expectation = kind === 'replayed' || kind === 'out-of-order' ? 'ignore' : 'reject';
      if (typeof to === 'string') {
        const wrong = answers.find((a) => (expectation === 'reject' ? !(a.status! >= 400 && a.status! <= 499) : !(a.status! >= 200 && a.status! <= 299)));
        if (wrong !== undefined) {
          throw new Error(`${kind} (${describeEvent(event)}): the handler answered HTTP ${wrong.status}; it must ${expectation === 'reject' ? 'refuse it with 4xx' : 'answer 2xx and not act on it again'}`);
        }
      }
      return { kind, expect: expectation, deliveries, answers };
    },
    async writePact() {
      if (taken.size === 0) return undefined;
      const ordered = [...taken.values()].sort((a, b) => (a.description < b.description ? -1 : a.description > b.description ? 1 : 0));
      const metadata: Record<string, string> = catalog === undefined ? {} : { specVersion: catalog.specVersion, specSha256: catalog.specSha256 };
      const fresh = renderMessagePactJson(ordered, { core: loadPactCore(options.logLevel), consumer: handler, provider, metadata });
      const existing = (options.pactfileWriteMode ?? 'merge') === 'merge' ? await readPactToMerge(file) : undefined;
      await writeFileAtomic(file, canonicalPact(existing === undefined ? fresh : mergeInto(existing, fresh)));
      return file;
    },
  };
}

/** Like `numbersEventMatrix`, loading the catalog from `spec` (default: the kit's bundled spec). */
export async function loadNumbersEventMatrix(options: Omit<NumbersEventMatrixOptions, 'catalog'> & { spec?: string } = {}): Promise<NumbersEventMatrix> {
  const { spec, ...rest } = options;
  const catalog = spec === undefined ? await loadBundledCatalog() : await loadCatalog(path.resolve(spec));
  return numbersEventMatrix({ ...rest, catalog });
}

type Sign = (event: EventCase, body: Record<string, unknown>, key?: string) => EventDelivery;

/** The deliveries of one negative case, built from `event`. */
function negativeDeliveries(kind: NegativeKind, event: EventCase, all: readonly EventCase[], signed: Sign): EventDelivery[] {
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
async function deliver(to: CallbackTarget, d: EventDelivery, timeoutMs: number): Promise<DeliveryAnswer> {
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
