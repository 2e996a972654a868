/**
 * Request validation from the spec: for each operation, the path parameters, the query and the
 * JSON body are checked with Ajv validators compiled once per server. A failure becomes a
 * `Violation`: structural (missing required property, wrong JSON type, no matching variant) or a
 * value violation (enum, pattern, format, length, range); `replies.ts` turns it into the
 * documented error.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { walkOperations } from '../openapi/walk.js';
import type { LoadedSpec } from '../openapi/load.js';
import type { Violation } from './replies.js';
import type { FormParts } from './types.js';
import { violationKind } from '../openapi/violations.js';

export interface OperationValidator {
  /** The operation takes a JSON request body. */
  hasBody: boolean;
  path(params: Record<string, string>): Violation | undefined;
  /** Coerces the query to its schema types; returns the value or the first violation. */
  query(search: URLSearchParams): { value: Record<string, unknown> } | { violation: Violation };
  body(value: Record<string, unknown>): Violation | undefined;
  /** The operation takes a multipart/form-data body: its parts that are files, and the check of the parts. */
  form?: { binary: readonly string[]; check(parts: FormParts): Violation | undefined };
}

/** One validator per operationId, compiled from the spec's parameters and request bodies. */
export function compileValidators(spec: LoadedSpec): Map<string, OperationValidator> {
  const ajv = requestAjv(false);
  // Query strings arrive as text: coerce to the declared types (and scalars to one-item arrays).
  const queryAjv = requestAjv('array');
  const validators = new Map<string, OperationValidator>();
  for (const walked of walkOperations(spec.document)) {
    const pathParams = walked.parameters.filter((p) => p.in === 'path');
    const queryParams = walked.parameters.filter((p) => p.in === 'query');
    const pathChecks = pathParams.map((p) => ({ name: p.name, check: ajv.compile((p.schema ?? {}) as object) }));
    const arrayParams = new Set(queryParams.filter((p) => (p.schema as OpenAPIV3.SchemaObject | undefined)?.type === 'array').map((p) => p.name));
    const querySchema = {
      type: 'object',
      properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema ?? {}])),
      required: queryParams.filter((p) => p.required === true).map((p) => p.name),
    };
    const queryCheck = new QueryCheck(
      queryAjv.compile(querySchema),
      queryParams.map((p) => p.name),
      arrayParams,
    );
    const content = (walked.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content;
    const bodySchema = content?.['application/json']?.schema;
    const formSchema = content?.['multipart/form-data']?.schema as OpenAPIV3.SchemaObject | undefined;
    const bodyCheck = bodySchema === undefined ? undefined : ajv.compile(bodySchema as object);
    validators.set(walked.operationId, {
      hasBody: bodyCheck !== undefined,
      path(params) {
        for (const { name, check } of pathChecks) {
          const value = params[name];
          if (value !== undefined && !check(value)) return toViolation('path', check.errors, value, name);
        }
        return undefined;
      },
      query: (search) => queryCheck.run(search),
      body(value) {
        if (bodyCheck === undefined || bodyCheck(value)) return undefined;
        return toViolation('body', bodyCheck.errors, value);
      },
      ...(formSchema === undefined ? {} : { form: formCheck(formSchema) }),
    });
  }
  return validators;
}

/** The parts a multipart schema requires, by name; parts of `format: binary` must be files. */
function formCheck(schema: OpenAPIV3.SchemaObject): NonNullable<OperationValidator['form']> {
  const properties = (schema.properties ?? {}) as Record<string, OpenAPIV3.SchemaObject>;
  const binary = Object.keys(properties).filter((name) => properties[name]?.format === 'binary');
  const required = schema.required ?? [];
  return {
    binary,
    check(parts) {
      const missing = required.find((name) => !Object.hasOwn(binary.includes(name) ? parts.files : parts.fields, name));
      return missing === undefined ? undefined : { location: 'body', kind: 'structural', keyword: 'required', field: missing, value: undefined, rule: 'is required' };
    },
  };
}

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Ajv for OpenAPI 3.0 request schemas: first error only, `nullable` understood, int32/int64 known. */
function requestAjv(coerceTypes: false | 'array'): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: false, coerceTypes });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  return ajv;
}

class QueryCheck {
  constructor(
    private readonly check: ValidateFunction,
    private readonly names: readonly string[],
    private readonly arrays: ReadonlySet<string>,
  ) {}

  run(search: URLSearchParams): { value: Record<string, unknown> } | { violation: Violation } {
    const value: Record<string, unknown> = {};
    for (const name of this.names) {
      const all = search.getAll(name);
      if (all.length === 0) continue;
      value[name] = this.arrays.has(name) ? all : all[0];
    }
    const original = structuredClone(value);
    if (this.check(value)) return { value };
    return { violation: toViolation('query', this.check.errors, original) };
  }
}

/** The first Ajv error as a violation; a failed oneOf wins over the errors of its variants. */
function toViolation(location: Violation['location'], errors: ErrorObject[] | null | undefined, root: unknown, fieldName?: string): Violation {
  const list = errors ?? [];
  const first = list[0];
  const variantFailure = list.find((e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && first !== undefined && first.instancePath.startsWith(e.instancePath));
  const error = variantFailure ?? first;
  if (error === undefined) return { location, kind: 'structural', keyword: 'unknown', field: fieldName ?? '', value: root, rule: 'is not valid' };
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const named = segments.filter((s) => !/^\d+$/.test(s));
  let field = fieldName ?? named.join('.');
  let value = segments.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), root);
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    field = field === '' ? missing : `${field}.${missing}`;
    value = undefined;
  }
  return {
    location,
    kind: violationKind(error.keyword),
    keyword: error.keyword,
    field,
    value,
    rule: ruleOf(error),
  };
}

function ruleOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return String(params.type);
    case 'pattern':
      return `must match pattern ${String(params.pattern)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'oneOf':
    case 'anyOf':
      return 'does not match any of the allowed variants';
    default:
      return error.message ?? error.keyword;
  }
}
