/**
 * Error replies. The provider decides *which* error a request gets (status, code, envelope) from
 * its own logic; the *wording* comes from the spec's documented examples wherever the spec has one
 * for that operation, so the provider and the spec cannot drift apart. Nothing here is module state:
 * `buildReplies(catalog)` makes one index per server.
 */
import { isErrorCase, type Catalog, type ErrorCase, type OperationInfo } from '../catalog/types.js';
import type { Reply } from './types.js';
import { ownValue } from '../openapi/own.js';

export interface Violation {
  location: 'path' | 'query' | 'body';
  /** structural: a required property is missing or a value has the wrong JSON type / shape. */
  kind: 'structural' | 'value';
  /** Ajv keyword: required, type, enum, pattern, minimum, oneOf, ... */
  keyword: string;
  /** Dotted field name, e.g. `smsConfiguration.servicePlanId`. */
  field: string;
  value: unknown;
  /** Short human description of the rule, e.g. `must match pattern ^[0-9]{5}$`. */
  rule: string;
}

interface Template {
  field: string;
  value: string;
  errorCase: ErrorCase;
}

export interface Replies {
  /** The documented error of `operationId` for a provider state, else the first case with that state. */
  forState(operationId: string, stateName: string): Reply | undefined;
  /** The documented error of `operationId` with this status and code (static bodies: 401, 405, 415, syntax_invalid_json...), else (unless `ownOnly`) any operation's. */
  documented(operationId: string, status: number, code: string, ownOnly?: boolean): Reply | undefined;
  /** The reply a request violation gets, in the documented style of its operation. */
  violation(operationId: string, violation: Violation): Reply;
}

export function google(status: number, statusName: string, message: string, details: unknown[] = []): Reply {
  return { status, body: { error: { code: status, message, status: statusName, details } } };
}

export function legacy(status: number, code: string, text: string): Reply {
  return { status, body: { code, text } };
}

export function notFound(resourceType: string, resourceName: string, message = ''): Reply {
  return google(404, 'NOT_FOUND', message, [{ type: 'ResourceInfo', resourceType, resourceName, owner: '', description: message }]);
}

export function badRequest(message: string, field: string, description: string): Reply {
  return google(400, 'INVALID_ARGUMENT', message, [{ type: 'BadRequest', fieldViolations: [{ field, description }] }]);
}

function replyOf(c: ErrorCase): Reply {
  return { status: c.status, body: structuredClone(c.body), headers: { ...c.responseHeaders } };
}

export function buildReplies(catalog: Catalog): Replies {
  // Provisioning failures are 200 answers, served by the provider's own data (provider states), not replies.
  const errors = catalog.cases.filter(isErrorCase);
  const byOperation = new Map<string, ErrorCase[]>();
  for (const c of errors) byOperation.set(c.operationId, [...(byOperation.get(c.operationId) ?? []), c]);
  const operations = new Map(catalog.operations.map((op) => [op.operationId as string, op]));
  const templates = new Map<string, Template[]>();
  for (const c of errors) {
    const op = operations.get(c.operationId);
    const template = op === undefined ? undefined : templateOf(c, op);
    if (template !== undefined) templates.set(c.operationId, [...(templates.get(c.operationId) ?? []), template]);
  }

  return {
    forState(operationId, stateName) {
      const own = byOperation.get(operationId)?.find((c) => c.state.name === stateName && c.trigger.kind === 'state');
      const any = own ?? errors.find((c) => c.state.name === stateName && c.trigger.kind === 'state');
      return any === undefined ? undefined : replyOf(any);
    },
    documented(operationId, status, code, ownOnly = false) {
      const own = byOperation.get(operationId)?.find((c) => c.status === status && c.code === code);
      const any = own ?? (ownOnly ? undefined : errors.find((c) => c.status === status && c.code === code));
      return any === undefined ? undefined : replyOf(any);
    },
    violation(operationId, violation) {
      if (violation.location === 'path') {
        // A "+"-prefixed value that is still not E.164 gets the Google INVALID_ARGUMENT the official spec declares; without the "+" it is the page's legacy code.
        const plus = typeof violation.value === 'string' && violation.value.startsWith('+');
        const documented = plus ? byOperation.get(operationId)?.find((c) => c.code === 'INVALID_ARGUMENT' && c.trigger.kind === 'path') : undefined;
        const sent = documented === undefined ? undefined : /\+[^/]*/.exec(decodeURIComponent(documented.request.path))?.[0];
        if (documented !== undefined) return { status: 400, body: replaceStrings(documented.body, sent ?? '', String(violation.value)) };
        return legacy(400, 'syntax_invalid_parameter_format', `'${String(violation.value)}' is not a valid phone number in E.164 format.`);
      }
      if (violation.location === 'body' && violation.kind === 'structural') return legacy(400, 'syntax_constraint_violation', structuralText(violation));
      const template = templates.get(operationId)?.find((t) => t.field === violation.field && t.errorCase.trigger.kind === violation.location);
      if (template !== undefined) {
        const reply = replyOf(template.errorCase);
        return { status: reply.status, body: replaceStrings(reply.body, template.value, displayValue(violation.value)) };
      }
      return genericInvalidArgument(violation);
    },
  };
}

/** A documented INVALID_ARGUMENT case driven by one query parameter or body field: its field and offending value. */
function templateOf(c: ErrorCase, op: OperationInfo): Template | undefined {
  if (c.code !== 'INVALID_ARGUMENT' || (c.trigger.kind !== 'query' && c.trigger.kind !== 'body')) return undefined;
  if (c.trigger.kind === 'query') {
    const changed = Object.keys(c.request.query).filter((name) => JSON.stringify(c.request.query[name]) !== JSON.stringify(op.request.query[name]));
    const field = changed[0];
    const value = field === undefined ? undefined : c.request.query[field]?.[0];
    return field === undefined || value === undefined ? undefined : { field, value, errorCase: c };
  }
  const violations = (c.body as { error?: { details?: Array<{ fieldViolations?: Array<{ field?: unknown }> }> } }).error?.details?.[0]?.fieldViolations;
  const field = violations?.[0]?.field;
  if (typeof field !== 'string') return undefined;
  const value = field.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), c.request.body);
  return { field, value: typeof value === 'string' ? value : '', errorCase: c };
}

function replaceStrings(value: unknown, from: string, to: string): unknown {
  if (from === '' || from === to) return value;
  if (typeof value === 'string') return value.split(from).join(to);
  if (Array.isArray(value)) return value.map((item) => replaceStrings(item, from, to));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replaceStrings(inner, from, to)]));
  }
  return value;
}

function displayValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

const ARTICLE: Record<string, string> = { string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', object: 'an object', array: 'an array' };

function structuralText(v: Violation): string {
  if (v.keyword === 'required') return `${v.field} is required.`;
  if (v.keyword === 'type') return `${v.field === '' ? 'the body' : v.field} must be ${ownValue(ARTICLE, v.rule) ?? v.rule}.`;
  return `${v.field === '' ? 'the body' : v.field} ${v.rule}.`;
}

function genericInvalidArgument(v: Violation): Reply {
  const value = displayValue(v.value);
  if (v.keyword === 'enum') {
    const message = `parsing field "${v.field}": "${value}" is not a valid value`;
    return v.location === 'query' ? google(400, 'INVALID_ARGUMENT', message) : badRequest(message, v.field, `Invalid ${v.field} ${value}`);
  }
  if (v.keyword === 'required') return badRequest(`missing required field "${v.field}"`, v.field, 'is required');
  return badRequest(`invalid value for field "${v.field}"`, v.field, v.rule);
}
