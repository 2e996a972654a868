import type { OpenAPIV3 } from 'openapi-types';
import { CODE_INFO } from '../catalog/generated.js';
import type { WalkedOperation } from '../openapi/walk.js';
import type { LintCase, ReadCases } from './cases.js';
import type { LintContext } from './types.js';
import { ownValue } from '../openapi/own.js';

/** Documented on every operation (openapi/README.md, "Applicability rules"). */
const EVERYWHERE: readonly [number, string][] = [
  [401, 'UNAUTHENTICATED'],
  [403, 'PERMISSION_DENIED'],
  [403, 'blocked_account'],
  [429, 'RESOURCE_EXHAUSTED'],
  [500, 'INTERNAL'],
  [503, 'UNAVAILABLE'],
];

interface Rule {
  status: number;
  code: string;
  /** Whether the rule applies to the operation, from the spec's structure alone. */
  applies: (op: WalkedOperation) => boolean;
  /** The structure, as said in a finding: "has a JSON request body". */
  what: string;
}

/** Documented exactly where the operation's structure allows the error. */
const CONDITIONAL: readonly Rule[] = [
  { status: 400, code: 'syntax_invalid_json', applies: hasJsonBody, what: 'a JSON request body' },
  { status: 400, code: 'syntax_constraint_violation', applies: hasJsonBody, what: 'a JSON request body' },
  { status: 415, code: 'INVALID_ARGUMENT', applies: hasRequestBody, what: 'a request body' },
  { status: 400, code: 'syntax_invalid_parameter_format', applies: hasPhoneNumberParameter, what: 'a phone number path parameter' },
  { status: 403, code: 'unknown_campaign', applies: canSendCampaignId, what: 'a request body that can carry smsConfiguration.campaignId' },
];

/**
 * The applicability rules of openapi/README.md, expressed over the spec's structure so that a
 * user's annotated spec is held to them too: each conditional error is documented exactly on the
 * operations whose structure allows it, the universal ones on every operation, 405 once per path
 * (on its first operation), 415 only with a JSON body, and every known code at one of its statuses
 * and in its envelope.
 */
export function checkApplicability(ctx: LintContext, operations: readonly WalkedOperation[], read: ReadCases): void {
  for (const op of operations) {
    const mine = read.cases.filter((c) => c.op === op);
    const has = (status: number, code: string): boolean => mine.some((c) => c.status === status && c.annotation.code === code);
    const readable = (status: number): boolean => !read.unreadable.has(`${op.pointer} ${status}`);
    for (const [status, code] of EVERYWHERE) {
      if (!has(status, code) && readable(status)) ctx.add('LINT_APPLICABILITY', `${op.pointer}/responses`, `documents no ${status} ${code} case; every operation must`);
    }
    for (const rule of CONDITIONAL) {
      const applies = rule.applies(op);
      if (applies && !has(rule.status, rule.code) && readable(rule.status)) {
        ctx.add('LINT_APPLICABILITY', `${op.pointer}/responses`, `has ${rule.what} but documents no ${rule.status} ${rule.code} case`);
      }
      if (!applies) {
        for (const c of mine.filter((m) => m.status === rule.status && m.annotation.code === rule.code)) {
          ctx.add('LINT_APPLICABILITY', c.pointer, `${rule.status} ${rule.code} only applies to an operation with ${rule.what}; ${op.operationId} has none`);
        }
      }
    }
    for (const c of mine.filter((m) => m.status === 415 && !hasRequestBody(op))) {
      if (c.annotation.code !== 'INVALID_ARGUMENT') ctx.add('LINT_APPLICABILITY', c.pointer, `415 only applies to an operation with a request body; ${op.operationId} has none`);
    }
    for (const c of mine) checkCode(ctx, c);
  }
  checkMethodNotAllowed(ctx, operations, read);
}

function checkCode(ctx: LintContext, c: LintCase): void {
  // Own keys only: a code named `toString` or `__proto__` is unknown, not Object.prototype's.
  const info = ownValue(CODE_INFO as Record<string, { statuses: readonly number[]; envelopes: readonly string[] }>, c.annotation.code);
  if (info === undefined) {
    ctx.add('LINT_UNKNOWN_CODE', `${c.pointer}/x-numbers-error/code`, `${JSON.stringify(c.annotation.code)} is not a Numbers error code the kit knows (src/catalog/generated.ts)`);
    return;
  }
  if (!info.statuses.includes(c.status)) {
    ctx.add('LINT_CODE_STATUS', `${c.pointer}/x-numbers-error/code`, `${c.annotation.code} is documented with status ${info.statuses.join(' or ')}, not ${c.status}`);
  }
  if (!info.envelopes.includes(c.annotation.envelope)) {
    ctx.add('LINT_CODE_STATUS', `${c.pointer}/x-numbers-error/envelope`, `${c.annotation.code} comes in the ${info.envelopes.join(' or ')} envelope, not ${c.annotation.envelope}`);
  }
}

/** 405 UNIMPLEMENTED: once per path, on the path's first operation. */
function checkMethodNotAllowed(ctx: LintContext, operations: readonly WalkedOperation[], read: ReadCases): void {
  const paths = [...new Set(operations.map((op) => op.pathTemplate))];
  for (const template of paths) {
    const ops = operations.filter((op) => op.pathTemplate === template);
    const first = ops[0] as WalkedOperation;
    const cases = read.cases.filter((c) => c.status === 405 && ops.includes(c.op));
    if (cases.length === 0 && ops.every((op) => !read.unreadable.has(`${op.pointer} 405`))) {
      ctx.add('LINT_APPLICABILITY', `${first.pointer}/responses`, `documents no 405 UNIMPLEMENTED case; each path documents one, on its first operation`);
    }
    for (const c of cases) {
      if (c.op !== first) ctx.add('LINT_APPLICABILITY', c.pointer, `405 is documented once per path, on its first operation (${first.operationId})`);
      else if (c !== cases.find((k) => k.op === first)) ctx.add('LINT_APPLICABILITY', c.pointer, `405 is documented more than once for ${template}`);
    }
  }
}

/** The media types the operation's request body accepts (none without a body). */
export function requestBodyTypes(op: WalkedOperation): string[] {
  return Object.keys((op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content ?? {});
}

function hasRequestBody(op: WalkedOperation): boolean {
  return requestBodyTypes(op).length > 0;
}

export function hasJsonBody(op: WalkedOperation): boolean {
  return (op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content?.['application/json'] !== undefined;
}

function hasPhoneNumberParameter(op: WalkedOperation): boolean {
  return op.parameters.some((p) => {
    const pattern = (p.schema as OpenAPIV3.SchemaObject | undefined)?.pattern ?? '';
    return p.in === 'path' && (p.name === 'phoneNumber' || /^\^?\\\+/.test(pattern));
  });
}

function canSendCampaignId(op: WalkedOperation): boolean {
  const schema = (op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content?.['application/json']?.schema;
  const sms = property(schema, 'smsConfiguration');
  return property(sms, 'campaignId') !== undefined;
}

/** The subschema of a property, looking through allOf/oneOf/anyOf. */
function property(schema: unknown, name: string, seen = new Set<unknown>()): unknown {
  if (schema === null || typeof schema !== 'object' || seen.has(schema) || seen.size > 64) return undefined;
  seen.add(schema);
  const s = schema as OpenAPIV3.SchemaObject;
  const direct = s.properties?.[name];
  if (direct !== undefined) return direct;
  for (const member of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) {
    const found = property(member, name, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}
