/**
 * One request through the reference provider, in the order the API checks things:
 * route (404) → credentials (401) → method (405) → project conditions that stop every operation
 * (500, 503, 429, 403, invalid project) → path parameters (syntax_invalid_parameter_format) →
 * query (INVALID_ARGUMENT) → Content-Type (415) → JSON syntax (syntax_invalid_json) → body schema
 * (syntax_constraint_violation / INVALID_ARGUMENT), or for a multipart operation its Content-Type, framing
 * and required parts → the operation itself (404, business conditions).
 */
import type { Authenticator } from './auth.js';
import type { EventCase } from '../catalog/types.js';
import { drainOrderEvents, renderCallback } from './callback-events.js';
import type { Handler } from './handler.js';
import { isMultipart, parseForm } from './multipart.js';
import { badRequest, google, type Replies } from './replies.js';
import type { Router } from './router.js';
import { STATE } from './states.js';
import type { Project, ProjectRegistry } from './store.js';
import type { FormParts, OperationRequest, PendingCallback, Reply } from './types.js';
import type { OperationValidator } from './validate.js';
import type { RateLimiter } from './rate-limit.js';
import { ownValue } from '../openapi/own.js';

export interface PipelineContext {
  router: Router;
  auth: Authenticator;
  replies: Replies;
  validators: ReadonlyMap<string, OperationValidator>;
  handlers: Readonly<Record<string, Handler>>;
  projects: ProjectRegistry;
  rateLimiter: RateLimiter | undefined;
  /** The documented callback events (what a rendered event takes from its variant). */
  events: readonly EventCase[];
}

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const UNAUTHENTICATED_CHALLENGE = 'Bearer realm="numbers.api.sinch.com", error="invalid_token"';

export async function handleRequest(ctx: PipelineContext, raw: RawRequest): Promise<Reply> {
  const url = new URL(raw.url, 'http://reference.invalid');
  const route = ctx.router.match(raw.method, url.pathname);
  if (route.kind === 'none') return google(404, 'NOT_FOUND', 'Not Found');
  const operationId = route.operation.operationId;

  if (!ctx.auth.accepts(header(raw, 'authorization'))) {
    const reply = ctx.replies.documented(operationId, 401, 'UNAUTHENTICATED') ?? google(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    return { ...reply, headers: { ...reply.headers, 'WWW-Authenticate': reply.headers?.['WWW-Authenticate'] ?? UNAUTHENTICATED_CHALLENGE } };
  }
  if (route.kind === 'method') {
    const reply = ctx.replies.documented(operationId, 405, 'UNIMPLEMENTED') ?? google(405, 'UNIMPLEMENTED', 'Method Not Allowed');
    return { ...reply, headers: { ...reply.headers, Allow: route.allow } };
  }

  const projectId = route.params.projectId ?? '';
  const project = ctx.projects.get(projectId);
  const blocked = projectCondition(ctx, project, operationId);
  if (blocked !== undefined) return blocked;

  const validator = ctx.validators.get(operationId);
  if (validator === undefined) throw new Error(`no validator for ${operationId}`);
  const pathViolation = validator.path(route.params);
  if (pathViolation !== undefined) return ctx.replies.violation(operationId, pathViolation);
  const query = validator.query(url.searchParams);
  if ('violation' in query) return ctx.replies.violation(operationId, query.violation);

  let body: Record<string, unknown> = {};
  if (validator.hasBody) {
    if (!isJson(header(raw, 'content-type'))) return documented(ctx, operationId, 415, 'INVALID_ARGUMENT');
    const parsed = parseObject(raw.body);
    if (parsed === undefined) return documented(ctx, operationId, 400, 'syntax_invalid_json');
    const bodyViolation = validator.body(parsed);
    if (bodyViolation !== undefined) return ctx.replies.violation(operationId, bodyViolation);
    body = parsed;
  }
  let form: FormParts | undefined;
  if (validator.form !== undefined) {
    const contentType = header(raw, 'content-type');
    if (!isMultipart(contentType)) return documented(ctx, operationId, 415, 'INVALID_ARGUMENT');
    form = await parseForm(raw.body, contentType, validator.form.binary);
    if (form === undefined) return badRequest('the request body is not valid multipart/form-data', '', 'Malformed multipart body');
    const formViolation = validator.form.check(form);
    if (formViolation !== undefined) return ctx.replies.violation(operationId, formViolation);
  }

  const handler = ownValue(ctx.handlers, operationId);
  if (handler === undefined) throw new Error(`no handler for ${operationId}`);
  const request: OperationRequest = { operation: route.operation, method: route.operation.method, projectId, params: route.params, query: query.value, body, ...(form === undefined ? {} : { form }) };
  const outbox: PendingCallback[] = [];
  const reply = await handler({ request, project, replies: ctx.replies, outbox });
  // A number order moves when it is looked at, whatever the operation then answers.
  drainOrderEvents(project, outbox);
  // Rendered now, in request order: the ids, timestamps and signatures do not depend on delivery.
  return outbox.length > 0 ? { ...reply, callbacks: outbox.map((pending) => renderCallback(project, pending, ctx.events)) } : reply;
}

/** Conditions under which the API answers every operation with the same documented error. */
function projectCondition(ctx: PipelineContext, project: Project, operationId: string): Reply | undefined {
  const c = project.conditions;
  const state =
    c.failure === 'internal'
      ? STATE.internal
      : c.failure === 'unknown'
        ? STATE.unknown
        : c.failure === 'unavailable'
          ? STATE.unavailable
          : c.rateLimited || ctx.rateLimiter?.take(project.id) === false
            ? STATE.rateLimited
            : c.accessDenied
              ? STATE.accessDenied
              : c.blocked
                ? STATE.blocked
                : c.invalidProjectId
                  ? STATE.invalidProjectId
                  : c.projectMissing
                    ? STATE.projectMissing
                    : undefined;
  const reply = state === undefined ? undefined : ctx.replies.forState(operationId, state);
  // No source promises Retry-After (the spec declares it without an example); the provider still sends one.
  return reply?.status === 429 ? { ...reply, headers: { ...reply.headers, 'Retry-After': reply.headers?.['Retry-After'] ?? '1' } } : reply;
}

function documented(ctx: PipelineContext, operationId: string, status: number, code: string): Reply {
  return ctx.replies.documented(operationId, status, code) ?? google(status, code, '');
}

function header(raw: RawRequest, name: string): string | undefined {
  const value = raw.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType.trim());
}

/** The body as a JSON object; an empty body is `{}`; anything else (syntax error, array, scalar) is undefined. */
function parseObject(bytes: Buffer): Record<string, unknown> | undefined {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text, (key, inner: unknown) => (key === '__proto__' ? undefined : inner));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
