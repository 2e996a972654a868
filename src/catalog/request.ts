import type { OpenAPIV3 } from 'openapi-types';
import { KitError } from '../errors.js';
import type { CaseRequest, HttpMethod } from './types.js';
import type { TriggerSpec } from './annotation.js';
import { ownValue, setOwn } from '../openapi/own.js';
import { fillPathTemplate } from '../openapi/path-template.js';

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

/** The request a request-driven trigger describes: the canonical one with the trigger applied. */
export function triggeredRequest(canonical: CaseRequest, pathTemplate: string, pathParams: Record<string, string>, trigger: TriggerSpec): CaseRequest {
  const request: CaseRequest = {
    method: canonical.method,
    path: canonical.path,
    query: { ...canonical.query },
    headers: { ...canonical.headers },
    ...(canonical.body === undefined ? {} : { body: canonical.body }),
  };
  switch (trigger.kind) {
    case 'state':
      break;
    case 'credentials':
      request.headers.Authorization = trigger.authorization ?? '';
      break;
    case 'method':
      request.method = (trigger.method ?? 'DELETE').toUpperCase() as HttpMethod;
      delete request.body;
      delete request.headers['Content-Type'];
      break;
    case 'content-type':
      request.headers['Content-Type'] = trigger.contentType ?? '';
      request.rawBody = JSON.stringify(canonical.body ?? {});
      delete request.body;
      break;
    case 'json':
      request.headers['Content-Type'] = 'application/json';
      request.rawBody = trigger.rawBody ?? '';
      delete request.body;
      break;
    case 'body':
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
