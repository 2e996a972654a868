import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import { readAnnotation, type ErrorAnnotation } from '../catalog/annotation.js';
import { canonicalRequest, triggeredRequest } from '../catalog/request.js';
import type { CaseRequest, ProviderState } from '../catalog/types.js';
import { isKitError } from '../errors.js';
import { compileSchema, createSchemaValidator, describeSchemaErrors } from '../openapi/schema.js';
import { pointerOf, type WalkedOperation } from '../openapi/walk.js';
import { toAcyclicSchema } from './acyclic.js';
import { lintCodeOf, type LintContext } from './types.js';
import { isRecord } from '../util/record.js';

/** One error case as lint reads it (the catalog's ErrorCase, plus what the checks need). */
export interface LintCase {
  id: string;
  op: WalkedOperation;
  status: number;
  exampleName: string;
  annotation: ErrorAnnotation;
  /** The request that triggers it, when the operation's canonical request could be built. */
  request?: CaseRequest;
  state?: ProviderState;
  pointer: string;
}

export interface ReadCases {
  cases: LintCase[];
  /** `operationPointer status` of responses with an example lint could not read (no cascade findings for them). */
  unreadable: Set<string>;
}

/**
 * Reads every error example of every operation as the catalog does, but reports every problem
 * instead of stopping at the first: the operation's provider state and canonical request, each
 * error response's JSON content, schema and examples, each example's `x-numbers-error` (trigger,
 * state, provenance), whether the annotation and the body agree, and whether the body validates
 * against the response schema.
 */
export function readCases(ctx: LintContext, operations: readonly WalkedOperation[]): ReadCases {
  const file = ctx.spec.path;
  const result: ReadCases = { cases: [], unreadable: new Set() };
  const validators = new Map<object, ValidateFunction | string>();
  const ajv = createSchemaValidator();
  const report = (error: unknown): void => {
    if (!isKitError(error)) throw error;
    ctx.add(lintCodeOf(error.code), error.pointer ?? '', error.message);
  };

  for (const op of operations) {
    const declared = (op.operation as Record<string, unknown>)['x-numbers-state'];
    let baseState: ProviderState | undefined;
    if (!isRecord(declared) || typeof declared.name !== 'string' || declared.name === '') {
      ctx.add('LINT_ANNOTATION', `${op.pointer}/x-numbers-state`, 'every operation needs x-numbers-state with the provider state its canonical request succeeds in');
    } else {
      baseState = { name: declared.name, params: isRecord(declared.params) ? (declared.params as ProviderState['params']) : {} };
    }
    let canonical: ReturnType<typeof canonicalRequest> | undefined;
    try {
      canonical = canonicalRequest(op.method, op.pathTemplate, op.parameters, op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined, { file, pointer: op.pointer });
    } catch (error) {
      report(error);
    }
    const statuses = Object.keys(op.operation.responses)
      .filter((status) => /^[45]\d\d$/.test(status))
      .sort((a, b) => Number(a) - Number(b));
    for (const status of statuses) {
      const responsePointer = `${op.pointer}${pointerOf('responses', status)}`;
      const media = (op.operation.responses[status] as OpenAPIV3.ResponseObject).content?.['application/json'];
      if (media?.schema === undefined) {
        ctx.add('LINT_ERROR_SCHEMA', responsePointer, `error response ${status} has no application/json schema to hold its examples to`);
      }
      if (media?.examples === undefined || Object.keys(media.examples).length === 0) {
        ctx.add('LINT_ERROR_EXAMPLES', responsePointer, `error response ${status} needs application/json examples, one per documented error`);
        result.unreadable.add(`${op.pointer} ${status}`);
        continue;
      }
      const compiled = media.schema === undefined ? undefined : validatorFor(media.schema as object, ajv, validators);
      if (typeof compiled === 'string') {
        ctx.add('LINT_SCHEMA_INVALID', `${responsePointer}${pointerOf('content', 'application/json', 'schema')}`, `the response schema cannot be compiled: ${compiled}`);
      }
      const validate = typeof compiled === 'string' ? undefined : compiled;
      for (const [exampleName, exampleObject] of Object.entries(media.examples)) {
        const pointer = `${responsePointer}${pointerOf('content', 'application/json', 'examples', exampleName)}`;
        const example = exampleObject as OpenAPIV3.ExampleObject & Record<string, unknown>;
        if (validate !== undefined && !validate(example.value)) {
          ctx.add('LINT_EXAMPLE_INVALID', `${pointer}/value`, `does not match the response schema: ${describeSchemaErrors(validate.errors).slice(0, 3).join('; ')}`);
        }
        let annotation: ErrorAnnotation;
        try {
          annotation = readAnnotation(example['x-numbers-error'], { file, pointer });
        } catch (error) {
          report(error);
          result.unreadable.add(`${op.pointer} ${status}`);
          continue;
        }
        checkBodyMatches(ctx, `${pointer}/value`, Number(status), annotation, example.value);
        const lintCase: LintCase = { id: `${op.operationId}/${status}/${exampleName}`, op, status: Number(status), exampleName, annotation, pointer };
        if (canonical !== undefined && baseState !== undefined) {
          lintCase.request = triggeredRequest(canonical.request, op.pathTemplate, canonical.pathParams, annotation.trigger);
          const named = annotation.state ?? baseState;
          lintCase.state = { name: named.name, params: { ...canonical.pathParams, ...named.params } };
        }
        result.cases.push(lintCase);
      }
    }
  }
  return result;
}

function validatorFor(schema: object, ajv: ReturnType<typeof createSchemaValidator>, memo: Map<object, ValidateFunction | string>): ValidateFunction | string {
  let validate = memo.get(schema);
  if (validate === undefined) {
    try {
      validate = compileSchema(ajv, toAcyclicSchema(schema) as OpenAPIV3.SchemaObject);
    } catch (error) {
      validate = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] ?? 'unknown error';
    }
    memo.set(schema, validate);
  }
  return validate;
}

/** The annotation and the example body must tell the same story (the catalog stops at the first mismatch). */
function checkBodyMatches(ctx: LintContext, pointer: string, status: number, annotation: ErrorAnnotation, body: unknown): void {
  const { code, envelope } = annotation;
  if (!isRecord(body)) return ctx.add('LINT_EXAMPLE_MISMATCH', pointer, 'the example value must be an error body object');
  if (envelope === 'google') {
    const error = body.error;
    if (!isRecord(error)) return ctx.add('LINT_EXAMPLE_MISMATCH', pointer, 'a google-envelope example needs an "error" object');
    if (error.status !== code) ctx.add('LINT_EXAMPLE_MISMATCH', pointer, `error.status is ${JSON.stringify(error.status)} but x-numbers-error.code is ${JSON.stringify(code)}`);
    if (error.code !== status) ctx.add('LINT_EXAMPLE_MISMATCH', pointer, `error.code is ${JSON.stringify(error.code)} but the response status is ${status}`);
  } else if (body.code !== code) {
    ctx.add('LINT_EXAMPLE_MISMATCH', pointer, `code is ${JSON.stringify(body.code)} but x-numbers-error.code is ${JSON.stringify(code)}`);
  }
}
