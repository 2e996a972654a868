import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * Ajv set up for OpenAPI 3.0 schema objects (dereferenced): `nullable` understood, OpenAPI-only
 * keywords (example, xml, externalDocs, discriminator, deprecated...) tolerated, int32/int64 known.
 * One instance per consumer (provider, lint, tests): compile once, validate many times.
 */
export function createSchemaValidator(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  for (const keyword of ['example', 'xml', 'externalDocs', 'discriminator']) {
    if (ajv.getKeyword(keyword) === false) ajv.addKeyword(keyword);
  }
  return ajv;
}

export function compileSchema(ajv: Ajv, schema: OpenAPIV3.SchemaObject): ValidateFunction {
  return ajv.compile(schema as object);
}

/** Ajv errors as short readable lines: `/error/code must be integer`. */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
    return `${where} ${e.message ?? e.keyword}${extra}`;
  });
}
