/**
 * Coverage's view of a pact file (read and checked by the one pact reader, `pact/read.ts`): the
 * HTTP interactions (and message interactions' contents) reduced to what mapping needs, every text
 * bounded and printable.
 */
import { KitError } from '../errors.js';
import type { PactDocument, PactRecord } from '../pact/read.js';
import { bodyOf } from './body.js';
import type { PactInteraction, PactSummary } from './types.js';
import { isRecord } from '../util/record.js';

export interface PactFile {
  source: PactSummary;
  interactions: PactInteraction[];
}

type Json = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The coverage view of a pact document; a message-only pact is refused (coverage reads HTTP interactions). */
export function coverageView(doc: PactDocument): PactFile {
  if (doc.messagesOnly) throw new KitError('PACT_EMPTY', 'holds messages only; coverage reads HTTP interactions', { file: doc.file, pointer: '/messages' });
  const interactions = doc.interactions.map((record) => viewOf(record, doc.shown));
  return {
    source: { file: doc.shown, consumer: clip(doc.consumer, 100), provider: clip(doc.provider, 100), specification: doc.specification, interactions: interactions.length },
    interactions,
  };
}

function viewOf(record: PactRecord, shown: string): PactInteraction {
  const { raw, index, http } = record;
  const base = { file: shown, index, description: clip(record.description), type: clip(record.type), providerStates: providerStates(raw), stamp: stampOf(raw.comments) };
  if (http === undefined) return { ...base, http: false, method: undefined, path: undefined, status: undefined, body: { kind: 'none' }, message: messageOf(raw) };
  return { ...base, http: true, method: http.method.toUpperCase(), path: clip(http.path, 2000), status: http.status, body: bodyOf(http.response), message: undefined };
}

/** A V4 message interaction's JSON content (`contents.content` as an object), else undefined. */
function messageOf(raw: Json): Record<string, unknown> | undefined {
  const contents = raw.contents;
  return isRecord(contents) && isRecord(contents.content) ? contents.content : undefined;
}

/** Bounded and printable: control characters (terminal escapes, newlines) become U+FFFD. */
function clip(text: string, max = 300): string {
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd');
  return printable.length > max ? `${printable.slice(0, max - 3)}...` : printable;
}

function providerStates(raw: Json): string[] {
  if (typeof raw.providerState === 'string') return [clip(raw.providerState)];
  if (!Array.isArray(raw.providerStates)) return [];
  return raw.providerStates.flatMap((s) => (isRecord(s) && typeof s.name === 'string' ? [clip(s.name)] : typeof s === 'string' ? [clip(s)] : []));
}

const KIT_GROUP = 'numbers-contract-kit';
const CASE_ID_COMMENT = /^([A-Za-z][A-Za-z0-9_]*\/[1-5]\d\d\/[A-Za-z0-9_-]+): /;

/** The case id stamped by the kit: V4 `comments.references["numbers-contract-kit"].caseId`, else a comment starting `<caseId>: `. */
function stampOf(comments: unknown): string | undefined {
  if (!isRecord(comments)) return undefined;
  const group = isRecord(comments.references) ? comments.references[KIT_GROUP] : undefined;
  const reference = isRecord(group) ? str(group.caseId) : undefined;
  if (reference !== undefined) return clip(reference);
  if (!Array.isArray(comments.text)) return undefined;
  for (const line of comments.text) {
    const match = typeof line === 'string' ? CASE_ID_COMMENT.exec(line) : null;
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}
