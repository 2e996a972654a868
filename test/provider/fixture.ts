/**
 * Shared by the provider and verify tests: the bundled spec and catalog (loaded once per test
 * process), a response validator built from the spec's response schemas, and an HTTP helper that
 * validates every response it receives against the spec of the operation it called.
 */
import http from 'node:http';
import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import { buildCatalog } from '../../src/catalog/build.js';
import type { Catalog } from '../../src/catalog/types.js';
import { bundledSpecPath } from '../../src/openapi/bundled.js';
import { loadSpec, type LoadedSpec } from '../../src/openapi/load.js';
import { createSchemaValidator, describeSchemaErrors } from '../../src/openapi/schema.js';
import { walkOperations } from '../../src/openapi/walk.js';

export interface SpecFixture {
  spec: LoadedSpec;
  catalog: Catalog;
  /** Problems of `body` against the spec's schema for this operation and status; `undefined` when the status is not documented. */
  responseProblems(operationId: string, status: number, body: unknown): string[] | undefined;
}

let cached: Promise<SpecFixture> | undefined;

export function specFixture(): Promise<SpecFixture> {
  cached ??= (async () => {
    const spec = await loadSpec(bundledSpecPath());
    const catalog = buildCatalog(spec);
    const ajv = createSchemaValidator();
    const compiled = new Map<string, ValidateFunction>();
    const operations = new Map(walkOperations(spec.document).map((w) => [w.operationId, w.operation]));
    return {
      spec,
      catalog,
      responseProblems(operationId, status, body) {
        const key = `${operationId} ${status}`;
        const response = operations.get(operationId)?.responses[String(status)] as OpenAPIV3.ResponseObject | undefined;
        if (response === undefined) return undefined;
        const schema = response.content?.['application/json']?.schema;
        // A response documented without content (Deprovision's 200) must come without a body.
        if (schema === undefined) return body === undefined || body === '' ? [] : ['the response is documented without content but has a body'];
        if (!compiled.has(key)) compiled.set(key, ajv.compile(schema as object));
        const validate = compiled.get(key) as ValidateFunction;
        return validate(body) ? [] : describeSchemaErrors(validate.errors);
      },
    };
  })();
  return cached;
}

export interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  text: string;
}

export interface CallOptions {
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  /** Default `Bearer example-token`; `null` sends no Authorization header. */
  authorization?: string | null;
}

/** One HTTP request (no keep-alive, so tests leave no sockets behind). */
export function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Sent> {
  const url = new URL(path, baseUrl);
  for (const [name, value] of Object.entries(options.query ?? {})) for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, v);
  const headers: Record<string, string> = { ...options.headers };
  if (options.authorization !== null) headers.Authorization = options.authorization ?? 'Bearer example-token';
  let payload: string | undefined = options.rawBody;
  if (payload === undefined && options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          body = text;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
