import type { OpenAPIV3 } from 'openapi-types';
import { PLACEHOLDER_AUTHORIZATION } from '../catalog/request.js';
import { compileSchema, createSchemaValidator } from '../openapi/schema.js';
import type { WalkedOperation } from '../openapi/walk.js';
import { toAcyclicSchema } from './acyclic.js';
import { hasJsonBody } from './applicability.js';
import type { LintCase } from './cases.js';
import type { LintContext } from './types.js';
import { canonicalJson } from '../util/canonical-json.js';
import { tryParseJson } from '../util/json.js';
import { bodyViolationCode } from '../openapi/violations.js';

/**
 * Two cases with the same request must differ in provider state: otherwise the provider is asked
 * for two different errors in the same situation. (The state includes its parameters.)
 */
export function checkDistinctRequests(ctx: LintContext, cases: readonly LintCase[]): void {
  const seen = new Map<string, LintCase>();
  for (const c of cases) {
    if (c.request === undefined || c.state === undefined) continue;
    const key = canonicalJson({ request: c.request, state: c.state });
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.add('LINT_DUPLICATE_CASE', `${c.pointer}/x-numbers-error`, `same request and provider state (${JSON.stringify(c.state.name)}) as ${first.id}: the provider cannot produce both`);
    } else seen.set(key, c);
  }
}

/**
 * A request-driven trigger must really break the request: a `json` body that is not JSON, a
 * content type that is not JSON, a method the path does not allow, credentials other than the
 * placeholder, and a `body` that fails the request schema in the documented way (a missing
 * required property or a wrong type is syntax_constraint_violation; a value outside an enum,
 * pattern, format or range is INVALID_ARGUMENT).
 */
export function checkTriggers(ctx: LintContext, operations: readonly WalkedOperation[], cases: readonly LintCase[]): void {
  const ajv = createSchemaValidator();
  for (const c of cases) {
    const { trigger } = c.annotation;
    const at = `${c.pointer}/x-numbers-error/trigger`;
    if (trigger.kind === 'json' && typeof trigger.rawBody === 'string' && tryParseJson(trigger.rawBody) !== undefined) {
      ctx.add('LINT_TRIGGER', `${at}/rawBody`, 'a json trigger needs a rawBody that is not valid JSON');
    }
    if (trigger.kind === 'content-type' && /^application\/json\b/i.test(trigger.contentType ?? '')) {
      ctx.add('LINT_TRIGGER', `${at}/contentType`, 'a content-type trigger needs a content type other than application/json');
    }
    if (trigger.kind === 'credentials' && trigger.authorization === PLACEHOLDER_AUTHORIZATION) {
      ctx.add('LINT_TRIGGER', `${at}/authorization`, `a credentials trigger needs credentials other than the placeholder ${PLACEHOLDER_AUTHORIZATION}`);
    }
    if (trigger.kind === 'method') {
      const method = (trigger.method ?? '').toLowerCase();
      const allowed = operations.filter((op) => op.pathTemplate === c.op.pathTemplate).map((op) => op.method.toLowerCase());
      if (allowed.includes(method)) ctx.add('LINT_TRIGGER', `${at}/method`, `${method.toUpperCase()} is an operation of ${c.op.pathTemplate}, so it cannot trigger ${c.status}`);
    }
    if (trigger.kind === 'body' && hasJsonBody(c.op)) {
      const schema = (c.op.operation.requestBody as OpenAPIV3.RequestBodyObject).content['application/json']?.schema;
      if (schema === undefined) continue;
      let validate;
      try {
        validate = compileSchema(ajv, toAcyclicSchema(schema as object) as OpenAPIV3.SchemaObject);
      } catch {
        continue; // reported by the schema checks
      }
      if (validate(trigger.body)) {
        ctx.add('LINT_TRIGGER', `${at}/body`, 'the body trigger is valid against the request schema, so it cannot trigger an error');
        continue;
      }
      const keywords = new Set((validate.errors ?? []).map((e) => e.keyword));
      const expected = bodyViolationCode(keywords);
      if (c.status === 400 && expected !== c.annotation.code && (c.annotation.code === 'syntax_constraint_violation' || c.annotation.code === 'INVALID_ARGUMENT')) {
        const kind = expected === 'INVALID_ARGUMENT' ? 'a value break (enum, pattern, format, range)' : 'a structural break (required, type)';
        ctx.add('LINT_TRIGGER', `${at}/body`, `the body trigger is ${kind}, documented as ${expected}, not ${c.annotation.code}`);
      }
    }
  }
}
