/**
 * Callback events in coverage, counted like error cases: each message interaction of the pacts is
 * mapped to the documented event variant it is (by the case id the kit stamped on it, else by its
 * body's eventType, status and failureCode), and every variant of the spec is covered or not.
 */
import type { EventCase } from '../catalog/types.js';
import type { EventMapping, EventVariantCoverage, InteractionRef, InteractionReport, MappingResult, PactInteraction } from './types.js';

/** Whether an interaction is a Pact message (asynchronous or synchronous). */
export function isMessage(i: PactInteraction): boolean {
  return !i.http && /Messages$/.test(i.type);
}

/** The variant a message interaction is; a message that is no documented variant is undocumented, one that is no callback event skipped. */
export function mapMessage(events: readonly EventCase[], i: PactInteraction): EventMapping | MappingResult {
  const stamped = i.stamp === undefined ? undefined : events.find((e) => e.id === i.stamp);
  if (stamped !== undefined) return { result: 'event', via: 'stamp', caseIds: [stamped.id] };
  const body = i.message ?? {};
  const text = (key: string): string | undefined => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  const [eventType, status, failureCode] = [text('eventType'), text('status'), text('failureCode')];
  if (eventType === undefined || status === undefined) return { result: 'skipped', reason: 'a message that is not a Numbers callback event (no eventType and status)' };
  const variants = events.filter((e) => e.eventType === eventType && e.status === status && e.failureCode === failureCode);
  if (variants.length === 0) return { result: 'undocumented', reason: `no documented event variant is ${[eventType, status, ...(failureCode === undefined ? [] : [failureCode])].join(' ')}` };
  return { result: 'event', via: 'shape', caseIds: variants.map((e) => e.id) };
}

/** Every event variant of the spec, covered or not, by the interactions mapped to it. */
export function eventVariants(events: readonly EventCase[], interactions: readonly InteractionReport[]): EventVariantCoverage[] {
  const coveredBy = new Map<string, InteractionRef[]>();
  for (const i of interactions) {
    if (i.result !== 'event') continue;
    for (const id of i.caseIds) coveredBy.set(id, [...(coveredBy.get(id) ?? []), { file: i.file, index: i.index, description: i.description }]);
  }
  return events.map((e) => {
    const by = coveredBy.get(e.id) ?? [];
    return {
      id: e.id,
      resourceType: e.resourceType,
      eventType: e.eventType,
      status: e.status,
      failureCode: e.failureCode ?? null,
      exampleName: e.exampleName,
      summary: e.summary,
      inferred: e.inferred,
      provenance: { kind: e.provenance.kind, source: e.provenance.source, quote: e.provenance.quote },
      pointer: e.pointer,
      covered: by.length > 0,
      coveredBy: by,
    };
  });
}
