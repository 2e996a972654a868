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
import { deliver, negativeDeliveries, type CallbackTarget, type DeliveryAnswer, type EventDelivery, type NegativeKind } from './callback-delivery.js';

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
