/**
 * Full envelope validation of an error body from a pact, against the response schema the spec
 * documents for its status (required fields included: PactFlow's comparator drops `required`,
 * so a legacy body without `text` passes it). Problems are worded per envelope:
 * "legacy body missing text", "google body missing error.status".
 */
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import type { Envelope } from '../catalog/types.js';
import { redactText } from '../util/redact.js';
import { compileSchema, createSchemaValidator, describeSchemaErrors } from '../openapi/schema.js';
import { resolvePointer } from '../openapi/pointer.js';
import type { PactBody } from './types.js';
import { isRecord } from '../util/record.js';

type BodyCheck = { ok: true; envelope: Envelope; code: string; message: string | undefined; detailTypes: string[] } | { ok: false; problem: string };

export interface EnvelopeChecker {
  /** Checks `body` against the schema at `schemaPointer` of the dereferenced spec. */
  check(body: PactBody, schemaPointer: string, status: number): BodyCheck;
}

type Schema = OpenAPIV3.SchemaObject;

/** Which envelope a body is shaped like, before any validation. */
function envelopeOf(body: unknown): Envelope | undefined {
  if (!isRecord(body)) return undefined;
  if ('error' in body) return 'google';
  if ('code' in body || 'text' in body) return 'legacy';
  return undefined;
}

function branchFor(schema: Schema, envelope: Envelope): Schema | undefined {
  const branches = (schema.oneOf ?? schema.anyOf ?? [schema]) as Schema[];
  return branches.find((b) => (envelope === 'google' ? b.properties?.error !== undefined : b.properties?.error === undefined && b.properties?.code !== undefined));
}

/** Ajv errors as short phrases: `missing error.status`, `error.code must be integer`. */
function phrases(errors: readonly ErrorObject[] | null | undefined): string[] {
  const dotted = (pointer: string): string => pointer.slice(1).split('/').join('.');
  const out = (errors ?? []).map((e) => {
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty?: string }).missingProperty);
      return `missing ${e.instancePath === '' ? '' : `${dotted(e.instancePath)}.`}${missing}`;
    }
    return e.instancePath === '' ? (describeSchemaErrors([e])[0] ?? e.keyword) : `${dotted(e.instancePath)} ${e.message ?? e.keyword}`;
  });
  return [...new Set(out)].slice(0, 4);
}

export function createEnvelopeChecker(document: OpenAPIV3.Document): EnvelopeChecker {
  const ajv: Ajv = createSchemaValidator();
  const compiled = new Map<Schema, ValidateFunction>();
  const validator = (schema: Schema): ValidateFunction => {
    let fn = compiled.get(schema);
    if (fn === undefined) compiled.set(schema, (fn = compileSchema(ajv, schema)));
    return fn;
  };
  return {
    check(body, schemaPointer, status) {
      if (body.kind === 'none') return { ok: false, problem: 'no response body (a Sinch error envelope is documented)' };
      if (body.kind === 'text') {
        const snippet = redactText(body.text.replace(/\s+/g, ' ')).slice(0, 60);
        return { ok: false, problem: `${body.contentType ?? 'untyped'} body, not a Sinch error envelope: ${JSON.stringify(snippet)}` };
      }
      const schema = resolvePointer(document, schemaPointer) as Schema | undefined;
      if (!isRecord(schema)) return { ok: false, problem: `the spec has no schema at ${schemaPointer}` };
      const value = body.value;
      const envelope = envelopeOf(value);
      if (envelope === undefined) {
        return { ok: false, problem: 'body is neither envelope (google {error:{code,message,status}} nor legacy {code,text})' };
      }
      const branch = branchFor(schema, envelope);
      if (branch === undefined) return { ok: false, problem: `the ${envelope} envelope is not documented for ${status}` };
      const own = validator(branch);
      if (!own(value)) return { ok: false, problem: `${envelope} body ${phrases(own.errors).join(', ')}` };
      const whole = validator(schema);
      if (!whole(value)) {
        const other = branchFor(schema, envelope === 'google' ? 'legacy' : 'google');
        if (other !== undefined && validator(other)(value)) return { ok: false, problem: 'hybrid body: it fits both the google and the legacy envelope' };
        return { ok: false, problem: `${envelope} body does not fit the documented schema: ${phrases(whole.errors).join(', ')}` };
      }
      const record = value as Record<string, unknown>;
      if (envelope === 'legacy') return { ok: true, envelope, code: String(record.code), message: String(record.text), detailTypes: [] };
      const error = record.error as Record<string, unknown>;
      if (error.code !== status) return { ok: false, problem: `google body error.code ${JSON.stringify(error.code)} differs from the HTTP status ${status}` };
      const details = Array.isArray(error.details) ? error.details : [];
      const detailTypes = details.map((d) => (isRecord(d) && typeof d.type === 'string' ? d.type : '?'));
      return { ok: true, envelope, code: String(error.status), message: typeof error.message === 'string' ? error.message : undefined, detailTypes };
    },
  };
}
