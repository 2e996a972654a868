import type { OpenAPIV3 } from 'openapi-types';
import { KitError } from '../errors.js';
import type { CaseRequest, HttpMethod, MultipartBody, MultipartPart } from './types.js';
import { encodeMultipart, MULTIPART_BOUNDARY } from './multipart.js';
import type { TriggerSpec } from './annotation.js';
import { ownValue, setOwn } from '../openapi/own.js';
import { fillPathTemplate } from '../openapi/path-template.js';
import { pointerOf } from '../openapi/walk.js';

/** The placeholder credential of every generated request: matched by a regex, never real. */
export const PLACEHOLDER_AUTHORIZATION = 'Bearer example-token';

interface Where {
  file: string;
  pointer: string;
}

/**
 * The operation's canonical valid request: path parameters and required query parameters from
 * their `example`, the JSON body from the request body's `example`.
 */
export function canonicalRequest(
  method: HttpMethod,
  pathTemplate: string,
  parameters: readonly OpenAPIV3.ParameterObject[],
  requestBody: OpenAPIV3.RequestBodyObject | undefined,
  where: Where,
): { request: CaseRequest; pathParams: Record<string, string> } {
  const pathParams: Record<string, string> = {};
  const query: Record<string, string[]> = {};
  parameters.forEach((param, index) => {
    const example = param.example ?? (param.schema as OpenAPIV3.SchemaObject | undefined)?.example;
    if (param.in === 'path') {
      if (example === undefined) {
        throw new KitError('SPEC_EXAMPLE_MISSING', `path parameter ${param.name} needs an example to build the canonical request`, {
          file: where.file,
          pointer: `${where.pointer}/parameters/${index}`,
        });
      }
      setOwn(pathParams, param.name, String(example));
    } else if (param.in === 'query' && param.required === true) {
      if (example === undefined) {
        throw new KitError('SPEC_EXAMPLE_MISSING', `required query parameter ${param.name} needs an example`, {
          file: where.file,
          pointer: `${where.pointer}/parameters/${index}`,
        });
      }
      setOwn(query, param.name, Array.isArray(example) ? example.map(String) : [String(example)]);
    }
  });
  const headers: Record<string, string> = { Authorization: PLACEHOLDER_AUTHORIZATION };
  const request: CaseRequest = { method, path: fillPath(pathTemplate, pathParams), query, headers };
  const json = requestBody?.content['application/json'];
  const form = requestBody?.content['multipart/form-data'];
  if (json === undefined && form !== undefined) {
    const multipart = multipartExample(form, where);
    headers['Content-Type'] = `multipart/form-data; boundary=${multipart.boundary}`;
    request.multipart = multipart;
    request.rawBody = encodeMultipart(multipart);
  }
  if (json !== undefined) {
    if (json.example === undefined) {
      throw new KitError('SPEC_EXAMPLE_MISSING', 'the JSON request body needs an example to build the canonical request', {
        file: where.file,
        pointer: `${where.pointer}/requestBody/content/application~1json`,
      });
    }
    headers['Content-Type'] = 'application/json';
    request.body = json.example;
  }
  return { request, pathParams };
}

/**
 * The multipart body of a `multipart/form-data` request body's `example`: one part per property,
 * in the example's order. A property is a file part when its schema is `format: binary` or its
 * `encoding` names a content type; `x-numbers-filenames` on the media type gives file names.
 */
function multipartExample(media: OpenAPIV3.MediaTypeObject, where: Where): MultipartBody {
  const at = `${where.pointer}/requestBody/content/multipart~1form-data`;
  const example = media.example as unknown;
  if (example === null || typeof example !== 'object' || Array.isArray(example)) {
    throw new KitError('SPEC_EXAMPLE_MISSING', 'the multipart/form-data request body needs an example object (one property per part) to build the canonical request', { file: where.file, pointer: at });
  }
  const schema = media.schema as OpenAPIV3.SchemaObject | undefined;
  const filenames = (media as Record<string, unknown>)['x-numbers-filenames'] as Record<string, unknown> | undefined;
  const parts = Object.entries(example as Record<string, unknown>).map(([name, value]): MultipartPart => {
    const contentType = ownValue(media.encoding ?? {}, name)?.contentType;
    const property = ownValue(schema?.properties ?? {}, name) as OpenAPIV3.SchemaObject | undefined;
    const filename = filenames === undefined ? undefined : ownValue(filenames, name);
    const isFile = property?.format === 'binary' || contentType !== undefined || typeof filename === 'string';
    const content = typeof value === 'string' ? value : JSON.stringify(value);
    if (!isFile) return { name, content };
    return { name, content, filename: typeof filename === 'string' ? filename : name, contentType: contentType ?? 'application/octet-stream' };
  });
  parts.forEach((part) => checkEncodable(part, `${at}/example${pointerOf(part.name)}`, where.file));
  return { boundary: MULTIPART_BOUNDARY, parts };
}

/** A part the wire encoding can carry as it is: header values without quotes or line breaks (they would forge headers), content without the boundary. */
function checkEncodable(part: MultipartPart, pointer: string, file: string): void {
  const headerValues: [string, string | undefined][] = [
    ['name', part.name],
    ['file name', part.filename],
    ['content type', part.contentType],
  ];
  for (const [what, value] of headerValues) {
    if (value !== undefined && /["\r\n]/.test(value)) throw new KitError('SPEC_MULTIPART', `the part's ${what} ${JSON.stringify(value)} holds a quote or line break`, { file, pointer });
  }
  if (part.content.includes(`--${MULTIPART_BOUNDARY}`)) throw new KitError('SPEC_MULTIPART', `the part's content holds the boundary "--${MULTIPART_BOUNDARY}"`, { file, pointer });
}

/** The request a request-driven trigger describes: the canonical one with the trigger applied. */
export function triggeredRequest(canonical: CaseRequest, pathTemplate: string, pathParams: Record<string, string>, trigger: TriggerSpec): CaseRequest {
  const request: CaseRequest = {
    method: canonical.method,
    path: canonical.path,
    query: { ...canonical.query },
    headers: { ...canonical.headers },
    ...(canonical.body === undefined ? {} : { body: canonical.body }),
    ...(canonical.rawBody === undefined ? {} : { rawBody: canonical.rawBody }),
    ...(canonical.multipart === undefined ? {} : { multipart: canonical.multipart }),
  };
  const dropBody = (): void => {
    delete request.body;
    delete request.rawBody;
    delete request.multipart;
  };
  switch (trigger.kind) {
    case 'state':
      break;
    case 'credentials':
      request.headers.Authorization = trigger.authorization ?? '';
      break;
    case 'method':
      request.method = (trigger.method ?? 'DELETE').toUpperCase() as HttpMethod;
      dropBody();
      delete request.headers['Content-Type'];
      break;
    case 'content-type':
      // The JSON body under another type; for a multipart operation, an (empty) JSON object instead of its parts.
      dropBody();
      request.headers['Content-Type'] = trigger.contentType ?? '';
      request.rawBody = JSON.stringify(canonical.body ?? {});
      break;
    case 'json':
      dropBody();
      request.headers['Content-Type'] = 'application/json';
      request.rawBody = trigger.rawBody ?? '';
      break;
    case 'body':
      dropBody();
      request.headers['Content-Type'] = 'application/json';
      request.body = trigger.body;
      break;
    case 'query':
      for (const [name, value] of Object.entries(trigger.query ?? {})) setOwn(request.query, name, Array.isArray(value) ? value.map(String) : [String(value)]);
      break;
    case 'path':
      request.path = fillPath(pathTemplate, { ...pathParams, ...trigger.pathParams });
      break;
  }
  return request;
}

function fillPath(template: string, params: Record<string, string>): string {
  // Phone numbers keep their literal '+': that is how the SDKs (except Java) send them.
  return fillPathTemplate(template, (name) => {
    const value = ownValue(params, name);
    return value === undefined ? undefined : encodeSegment(value);
  });
}

function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/%2B/gi, '+');
}
