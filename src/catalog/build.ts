import type { OpenAPIV3 } from 'openapi-types';
import { KitError } from '../errors.js';
import type { LoadedSpec } from '../openapi/load.js';
import { pointerOf, walkOperations, type WalkedOperation } from '../openapi/walk.js';
import { readAnnotation } from './annotation.js';
import { buildEvents } from './events.js';
import { canonicalRequest, triggeredRequest } from './request.js';
import { canonicalSuccessBody, provisioningCases } from './provisioning.js';
import type { Catalog, Deprecation, ErrorCase, NumbersCase, NumbersErrorCode, NumbersOperationId, OperationInfo, ProviderState } from './types.js';
import { setOwn } from '../openapi/own.js';
import { isRecord } from '../util/record.js';

interface BuildContext {
  spec: LoadedSpec;
  file: string;
}

/** The catalog of a loaded spec: its operations and every documented error case, in a stable order. */
export function buildCatalog(spec: LoadedSpec): Catalog {
  const ctx: BuildContext = { spec, file: spec.path };
  const operations: OperationInfo[] = [];
  const cases: NumbersCase[] = [];
  const seenIds = new Map<string, string>();
  for (const walked of walkOperations(spec.document)) {
    const { info, pathParams } = operationInfo(ctx, walked);
    operations.push(info);
    // An operation's HTTP errors (by status, then example order), then its provisioning failures (200).
    for (const errorCase of [...operationCases(ctx, walked, info, pathParams), ...provisioningCases(ctx.spec, walked, info, pathParams)]) {
      const previous = seenIds.get(errorCase.id);
      if (previous !== undefined) {
        throw new KitError('SPEC_DUPLICATE_CASE', `case id ${errorCase.id} is also produced by ${previous}`, { file: ctx.file, pointer: errorCase.pointer });
      }
      seenIds.set(errorCase.id, errorCase.pointer);
      cases.push(errorCase);
    }
  }
  return { specPath: spec.path, specSha256: spec.sha256, specVersion: spec.document.info.version, operations, cases, events: buildEvents(spec) };
}

function operationInfo(ctx: BuildContext, walked: WalkedOperation): { info: OperationInfo; pathParams: Record<string, string> } {
  const where = { file: ctx.file, pointer: walked.pointer };
  const { request, pathParams } = canonicalRequest(walked.method, walked.pathTemplate, walked.parameters, walked.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined, where);
  const declared = (walked.operation as Record<string, unknown>)['x-numbers-state'];
  if (!isRecord(declared) || typeof declared.name !== 'string' || declared.name === '') {
    throw new KitError('SPEC_ANNOTATION', 'every operation needs x-numbers-state with the provider state its canonical request succeeds in', {
      file: ctx.file,
      pointer: `${walked.pointer}/x-numbers-state`,
    });
  }
  const extra = isRecord(declared.params) ? (declared.params as ProviderState['params']) : {};
  const [successStatus, success] = Object.entries(walked.operation.responses).find(([status]) => /^2\d\d$/.test(status)) ?? [];
  const successBody = canonicalSuccessBody((success as OpenAPIV3.ResponseObject | undefined)?.content?.['application/json']);
  const deprecated = deprecationOf(ctx, walked);
  return {
    pathParams,
    info: {
      operationId: walked.operationId as NumbersOperationId,
      method: walked.method,
      pathTemplate: walked.pathTemplate,
      summary: walked.operation.summary ?? '',
      request,
      state: { name: declared.name, params: { ...pathParams, ...extra } },
      successStatus: successStatus === undefined ? 200 : Number(successStatus),
      successBody: successBody ?? null,
      ...(deprecated === undefined ? {} : { deprecated }),
      pointer: walked.pointer,
    },
  };
}

/** `deprecated: true` needs `x-numbers-replacement`: a deprecation that names no replacement leaves users stuck. */
function deprecationOf(ctx: BuildContext, walked: WalkedOperation): Deprecation | undefined {
  const operation = walked.operation as Record<string, unknown>;
  if (operation.deprecated !== true) return undefined;
  const replacement = operation['x-numbers-replacement'];
  if (typeof replacement !== 'string' || replacement === '') {
    throw new KitError('SPEC_ANNOTATION', 'a deprecated operation needs x-numbers-replacement naming what to use instead', {
      file: ctx.file,
      pointer: `${walked.pointer}/x-numbers-replacement`,
    });
  }
  return { replacement };
}

function operationCases(ctx: BuildContext, walked: WalkedOperation, info: OperationInfo, pathParams: Record<string, string>): ErrorCase[] {
  const cases: ErrorCase[] = [];
  const statuses = Object.keys(walked.operation.responses)
    .filter((status) => /^[45]\d\d$/.test(status))
    .sort((a, b) => Number(a) - Number(b));
  for (const status of statuses) {
    const response = walked.operation.responses[status] as OpenAPIV3.ResponseObject;
    const responsePointer = `${walked.pointer}${pointerOf('responses', status)}`;
    const media = response.content?.['application/json'];
    if (media === undefined || media.examples === undefined) {
      throw new KitError('SPEC_ERROR_EXAMPLES', `error response ${status} needs application/json examples, one per documented error`, {
        file: ctx.file,
        pointer: responsePointer,
      });
    }
    const responseHeaders = documentedHeaders(response);
    for (const [exampleName, exampleObject] of Object.entries(media.examples)) {
      const pointer = `${responsePointer}${pointerOf('content', 'application/json', 'examples', exampleName)}`;
      const example = exampleObject as OpenAPIV3.ExampleObject & Record<string, unknown>;
      const annotation = readAnnotation(example['x-numbers-error'], { file: ctx.file, pointer });
      checkBodyMatches(ctx, pointer, Number(status), annotation.code, annotation.envelope, example.value);
      const request = triggeredRequest(info.request, walked.pathTemplate, pathParams, annotation.trigger);
      const named = annotation.state ?? info.state;
      cases.push({
        kind: 'error',
        id: `${walked.operationId}/${status}/${exampleName}`,
        operationId: walked.operationId as NumbersOperationId,
        method: walked.method,
        pathTemplate: walked.pathTemplate,
        status: Number(status),
        code: annotation.code as NumbersErrorCode,
        envelope: annotation.envelope,
        exampleName,
        summary: example.summary ?? annotation.trigger.description,
        body: example.value,
        responseHeaders,
        trigger: { kind: annotation.trigger.kind, description: annotation.trigger.description },
        request,
        state: { name: named.name, params: { ...pathParams, ...named.params } },
        sources: annotation.sources,
        provenance: annotation.provenance,
        ...(info.deprecated === undefined ? {} : { deprecated: info.deprecated }),
        inferred: annotation.inferred,
        pointer,
        schemaPointer: `${responsePointer}${pointerOf('content', 'application/json', 'schema')}`,
      });
    }
  }
  return cases;
}

function documentedHeaders(response: OpenAPIV3.ResponseObject): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const h = header as OpenAPIV3.HeaderObject;
    const example = h.example ?? (h.schema as OpenAPIV3.SchemaObject | undefined)?.example;
    if (example !== undefined) setOwn(headers, name, String(example));
  }
  return headers;
}

/** The annotation and the example body must tell the same story. */
function checkBodyMatches(ctx: BuildContext, pointer: string, status: number, code: string, envelope: string, body: unknown): void {
  const fail = (message: string): never => {
    throw new KitError('SPEC_EXAMPLE_MISMATCH', message, { file: ctx.file, pointer: `${pointer}/value` });
  };
  if (!isRecord(body)) return fail('the example value must be an error body object');
  if (envelope === 'google') {
    const error = body.error;
    if (!isRecord(error)) return fail('a google-envelope example needs an "error" object');
    if (error.status !== code) fail(`error.status is ${JSON.stringify(error.status)} but x-numbers-error.code is ${JSON.stringify(code)}`);
    if (error.code !== status) fail(`error.code is ${JSON.stringify(error.code)} but the response status is ${status}`);
  } else if (body.code !== code) {
    fail(`code is ${JSON.stringify(body.code)} but x-numbers-error.code is ${JSON.stringify(code)}`);
  }
}
