import { expect } from 'chai';
import type { OpenAPIV3 } from 'openapi-types';
import { buildCatalog } from '../../src/catalog/build.js';
import { isErrorCase } from '../../src/catalog/types.js';
import { loadSpec, type LoadedSpec } from '../../src/openapi/load.js';
import { resolvePointer } from '../../src/openapi/pointer.js';
import { compileSchema, createSchemaValidator, describeSchemaErrors } from '../../src/openapi/schema.js';
import { bodyViolationCode } from '../../src/openapi/violations.js';
import { walkOperations } from '../../src/openapi/walk.js';
import { bundledSpec } from '../helpers/paths.js';

describe('spec examples', () => {
  let spec: LoadedSpec;
  before(async () => {
    spec = await loadSpec(bundledSpec);
  });

  it('the bundled spec validates with swagger-parser as OpenAPI 3.0.3', () => {
    expect(spec.document.openapi).to.equal('3.0.3');
    expect(Object.keys(spec.document.paths)).to.have.length(13);
  });

  it('every error example validates against its response schema', () => {
    const ajv = createSchemaValidator();
    const failures: string[] = [];
    for (const c of buildCatalog(spec).cases) {
      const schema = resolvePointer(spec.document, c.schemaPointer) as OpenAPIV3.SchemaObject;
      const validate = compileSchema(ajv, schema);
      if (!validate(c.body)) failures.push(`${c.id}: ${describeSchemaErrors(validate.errors).join('; ')}`);
    }
    expect(failures).to.deep.equal([]);
  });

  it('every success example and request body example validates against its schema', () => {
    const ajv = createSchemaValidator();
    const failures: string[] = [];
    for (const op of walkOperations(spec.document)) {
      for (const [status, response] of Object.entries(op.operation.responses)) {
        if (!status.startsWith('2')) continue;
        const media = (response as OpenAPIV3.ResponseObject).content?.['application/json'];
        if (media?.schema === undefined) continue;
        const validate = compileSchema(ajv, media.schema as OpenAPIV3.SchemaObject);
        // One `example`, or (GetActiveNumber: the canonical number and its provisioning failures) named `examples`.
        const named = Object.entries(media.examples ?? {}).map(([name, e]) => [` ${name}`, (e as OpenAPIV3.ExampleObject).value] as const);
        for (const [name, value] of media.example === undefined ? named : [['', media.example] as const]) {
          if (!validate(value)) failures.push(`${op.operationId} ${status}${name}: ${describeSchemaErrors(validate.errors).join('; ')}`);
        }
      }
      const body = (op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content['application/json'];
      if (body?.schema !== undefined) {
        const validate = compileSchema(ajv, body.schema as OpenAPIV3.SchemaObject);
        if (!validate(body.example)) failures.push(`${op.operationId} request: ${describeSchemaErrors(validate.errors).join('; ')}`);
      }
    }
    expect(failures).to.deep.equal([]);
  });

  it('request-driven body triggers break the request schema, and in the documented way', () => {
    const ajv = createSchemaValidator();
    const catalog = buildCatalog(spec);
    const rows = catalog.cases.filter(isErrorCase).filter((c) => c.trigger.kind === 'body');
    expect(rows.length).to.be.greaterThan(5);
    for (const c of rows) {
      const op = walkOperations(spec.document).find((o) => o.operationId === c.operationId)!;
      const schema = (op.operation.requestBody as OpenAPIV3.RequestBodyObject).content['application/json']!.schema as OpenAPIV3.SchemaObject;
      const validate = compileSchema(ajv, schema);
      expect(validate(c.request.body), c.id).to.equal(false);
      expect(bodyViolationCode((validate.errors ?? []).map((e) => e.keyword)), c.id).to.equal(c.code);
    }
  });
});
