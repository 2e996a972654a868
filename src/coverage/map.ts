/**
 * Maps one pact interaction to the catalog cases it exercises. An interaction the kit generated
 * carries its case id (the stamp); one written by hand is matched by method + path template,
 * status, and the envelope and code of its body, after the body passed full envelope validation.
 * Whatever fits no documented case is "undocumented", with the reason.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { isErrorCase, type Catalog, type ErrorCase, type NumbersCase } from '../catalog/types.js';
import { redactText } from '../util/redact.js';
import { createEnvelopeChecker, type EnvelopeChecker } from './envelope.js';
import { mapProvisioning } from './provisioning.js';
import { createRouter, type Router } from './routes.js';
import type { MappingResult, PactInteraction } from './types.js';
import { isRecord } from '../util/record.js';

export interface Mapper {
  map(interaction: PactInteraction): MappingResult;
}

interface MapContext {
  catalog: Catalog;
  router: Router;
  checker: EnvelopeChecker;
  byId: Map<string, NumbersCase>;
}

export function createMapper(catalog: Catalog, document: OpenAPIV3.Document): Mapper {
  const ctx: MapContext = {
    catalog,
    router: createRouter(catalog),
    checker: createEnvelopeChecker(document),
    byId: new Map(catalog.cases.map((c) => [c.id, c])),
  };
  return { map: (interaction) => redactResult(mapInteraction(ctx, interaction)) };
}

/** A reason is one line of a report: a pact's megabyte-long code or 200,000 error codes are cut here, once. */
export const MAX_REASON_LENGTH = 1000;

/** Reasons quote what the pact holds (paths, codes, stamps): credentials and credential env values are hidden, then the line is bounded. */
function redactResult(result: MappingResult): MappingResult {
  if (result.result === 'covered') return result;
  const reason = redactText(result.reason);
  return { ...result, reason: reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 3)}...` : reason };
}

const list = (values: readonly (string | number)[]): string => [...new Set(values)].join(', ');

function mapInteraction(ctx: MapContext, i: PactInteraction): MappingResult {
  if (!i.http || i.method === undefined || i.path === undefined || i.status === undefined) {
    return { result: 'skipped', reason: `not an HTTP interaction (${i.type})` };
  }
  const route = ctx.router.route(i.method, i.path);
  if (route === undefined) {
    return i.status < 400 ? { result: 'skipped', reason: `not an error response (${i.status}), on a path the spec does not document` } : { result: 'undocumented', reason: `${i.method} ${redactText(i.path)}: no path of the spec matches` };
  }
  const methodCases = ctx.catalog.cases.filter((c) => c.pathTemplate === route.pathTemplate && c.trigger.kind === 'method');
  const operationId = route.operation?.operationId ?? methodCases[0]?.operationId ?? route.operations[0]?.operationId;
  const op = operationId === undefined ? {} : { operationId };
  if (i.status < 400) {
    const provisioning = route.operation === undefined ? undefined : mapProvisioning(ctx.catalog.cases, route.operation.operationId, i);
    if (provisioning !== undefined) return provisioning;
    return route.operation === undefined
      ? { result: 'skipped', reason: `not an error response (${i.status}); ${i.method} is not documented for ${route.pathTemplate}` }
      : { result: 'skipped', operationId: route.operation.operationId, reason: `not an error response (${i.status})` };
  }
  const candidates = (route.operation === undefined ? methodCases : ctx.catalog.cases.filter((c) => c.operationId === route.operation?.operationId)).filter(isErrorCase);
  if (route.operation === undefined && i.status !== 405) {
    const methods = list(route.operations.map((o) => o.method));
    return { result: 'undocumented', ...op, reason: `${i.method} is not documented for ${route.pathTemplate} (${methods} are; others get 405)` };
  }
  const byStatus = candidates.filter((c) => c.status === i.status);
  const first = byStatus[0];
  if (first === undefined) {
    const body = i.body.kind === 'json' ? '' : i.body.kind === 'none' ? '; no body' : `; ${i.body.contentType ?? 'untyped'} body, not a Sinch error envelope`;
    return {
      result: 'undocumented',
      ...op,
      reason: `status ${i.status} is not documented for ${operationId ?? route.pathTemplate} (documented: ${list(candidates.map((c) => c.status))})${body}`,
    };
  }
  const check = ctx.checker.check(i.body, first.schemaPointer, i.status);
  if (!check.ok) return { result: 'undocumented', ...op, reason: `${i.status}: ${check.problem}` };
  const byCode = byStatus.filter((c) => c.envelope === check.envelope && c.code === check.code);
  if (byCode.length === 0) {
    const documented = list(byStatus.map((c) => `${c.code} (${c.envelope})`));
    return { result: 'undocumented', ...op, reason: `${i.status}: ${check.envelope} code ${JSON.stringify(check.code)} is not documented here (documented: ${documented})` };
  }
  const opId = first.operationId;
  if (i.stamp !== undefined) {
    const stamped = ctx.byId.get(i.stamp);
    if (stamped === undefined) return { result: 'undocumented', ...op, reason: `stamped with case ${i.stamp}, which the spec does not document` };
    if (!byCode.includes(stamped as ErrorCase)) {
      return { result: 'undocumented', ...op, reason: `stamped as ${stamped.id}, but the interaction is ${i.status} ${check.code} on ${opId}` };
    }
    return { result: 'covered', via: 'stamp', operationId: opId, caseIds: [stamped.id] };
  }
  const narrowed = narrow(byCode, [(c) => i.providerStates.includes(c.state.name), (c) => messageOf(c.body) === check.message, (c) => JSON.stringify(detailTypesOf(c.body)) === JSON.stringify(check.detailTypes)]);
  const note = narrowed.length > 1 ? `matches ${narrowed.length} documented cases alike (no provider state, message or detail tells them apart)` : undefined;
  return { result: 'covered', via: 'shape', operationId: opId, caseIds: narrowed.map((c) => c.id), ...(note === undefined ? {} : { note }) };
}

/** Applies each test in turn, keeping its result only when it leaves at least one case. */
function narrow(cases: ErrorCase[], tests: Array<(c: ErrorCase) => boolean>): ErrorCase[] {
  let current = cases;
  for (const test of tests) {
    if (current.length <= 1) break;
    const kept = current.filter(test);
    if (kept.length > 0) current = kept;
  }
  return current;
}

function messageOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (isRecord(body.error)) return typeof body.error.message === 'string' ? body.error.message : undefined;
  return typeof body.text === 'string' ? body.text : undefined;
}

function detailTypesOf(body: unknown): string[] {
  const details = isRecord(body) && isRecord(body.error) && Array.isArray(body.error.details) ? body.error.details : [];
  return details.map((d) => (isRecord(d) && typeof d.type === 'string' ? d.type : '?'));
}
