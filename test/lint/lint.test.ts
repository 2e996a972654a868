import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { lintSpec } from '../../src/lint/index.js';
import { toAcyclicSchema } from '../../src/lint/acyclic.js';
import { loadSpec } from '../../src/openapi/load.js';
import { compileSchema, createSchemaValidator } from '../../src/openapi/schema.js';
import { cli } from '../helpers/cli.js';
import { bundledSpec } from '../helpers/paths.js';
import { CASE_COUNT, OPERATION_COUNT } from '../helpers/catalog-size.js';

function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from), from).to.have.length(2);
  return text.replace(from, to);
}

describe('numbers-contract lint', () => {
  let tmp: string;
  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-lint-'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('the bundled spec lints clean', async () => {
    const { code, stdout, stderr } = await cli(['lint']);
    expect({ code, stdout, stderr }).to.deep.equal({ code: 0, stdout: `numbers-contract lint: openapi/numbers.v1.yaml: no findings (${OPERATION_COUNT} operations, ${CASE_COUNT} cases)\n`, stderr: '' });
  });

  it('reports every finding, one line each, then the count (exit 2)', async () => {
    let text = await readFile(bundledSpec, 'utf8');
    text = replaceOnce(text, 'operationId: NumberService_GetAvailableNumber', 'operationId: NumberService_ListAvailableNumbers');
    // A value break documented as a structural one, and a body trigger that breaks nothing.
    text = replaceOnce(
      text,
      'description: a body without the required regionCode\n                      body:\n                        type: LOCAL',
      'description: a body without the required regionCode\n                      body:\n                        regionCode: US\n                        type: XXX',
    );
    text = replaceOnce(
      text,
      'description: a body whose type is not a number type\n                      body:\n                        regionCode: US\n                        type: XXX',
      'description: a body whose type is not a number type\n                      body:\n                        regionCode: US\n                        type: LOCAL',
    );
    const file = path.join(tmp, 'numbers.yaml');
    await writeFile(file, text);
    const { code, stdout, stderr } = await cli(['lint', '--spec', file]);
    expect(code).to.equal(2);
    expect(stdout).to.equal('');
    const rent = `${file}#/paths/~1v1~1projects~1{projectId}~1availableNumbers:rentAny/post/responses/400/content/application~1json/examples`;
    expect(stderr.split('\n')).to.deep.equal([
      `numbers-contract: LINT_DUPLICATE_OPERATION_ID ${file}#/paths/~1v1~1projects~1{projectId}~1availableNumbers~1{phoneNumber}/get/operationId: operationId "NumberService_ListAvailableNumbers" is also the operationId of GET /v1/projects/{projectId}/availableNumbers`,
      `numbers-contract: LINT_TRIGGER ${rent}/syntax_constraint_violation/x-numbers-error/trigger/body: the body trigger is a value break (enum, pattern, format, range), documented as INVALID_ARGUMENT, not syntax_constraint_violation`,
      `numbers-contract: LINT_TRIGGER ${rent}/invalid_argument/x-numbers-error/trigger/body: the body trigger is valid against the request schema, so it cannot trigger an error`,
      `numbers-contract: LINT_FAILED ${file}: 3 findings`,
      '',
    ]);
  });

  it('--json prints the report; a front-door problem found several times is one line each', async () => {
    const json = await cli(['lint', '--json', '--spec', 'test/fixtures/specs/lint-missing-401/spec.yaml']);
    expect(json.code).to.equal(2);
    const report = JSON.parse(json.stdout) as { file: string; operations: number; findings: { code: string; pointer: string }[] };
    expect(report.file).to.equal('test/fixtures/specs/lint-missing-401/spec.yaml');
    expect(report.findings.map((f) => [f.code, f.pointer])).to.deep.equal([['LINT_APPLICABILITY', '/paths/~1v1~1projects~1{projectId}~1availableRegions/get/responses']]);

    const missing = await cli(['lint', '--spec', 'test/fixtures/specs/a16-ref-missing-pointers/spec.yaml']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr.split('\n').map((line) => line.replace(/ \S+#\S+: /, ' <at>: '))).to.deep.equal([
      'numbers-contract: SPEC_REF_MISSING <at>: $ref "#/components/schemas/Nope" points at nothing (no "Nope" in #/components/schemas)',
      'numbers-contract: SPEC_REF_MISSING <at>: $ref "#/components/schemas/AlsoNope" points at nothing (no "AlsoNope" in #/components/schemas)',
      '',
    ]);
  });

  it('holds the multipart upload to the 415 rule: a 415 is documented, and its trigger names a type the operation does not accept', async () => {
    const text = await readFile(bundledSpec, 'utf8');
    const upload = '/paths/~1v1~1projects~1{projectId}~1numberOrders~1{numberOrderId}~1attachments~1{attachmentId}/post';
    const lint = async (changed: string) => {
      const file = path.join(tmp, 'multipart.yaml');
      await writeFile(file, changed);
      return lintSpec(await loadSpec(file)).findings.map((f) => `${f.code} ${f.pointer}: ${f.message}`);
    };
    const sameType = replaceOnce(
      text,
      'description: a JSON body instead of multipart/form-data\n                      contentType: application/json',
      'description: a JSON body instead of multipart/form-data\n                      contentType: multipart/form-data; boundary=x',
    );
    expect(await lint(sameType)).to.deep.equal([
      `LINT_TRIGGER ${upload}/responses/415/content/application~1json/examples/unsupported_media_type/x-numbers-error/trigger/contentType: a content-type trigger needs a content type the operation does not accept (multipart/form-data)`,
    ]);
    const start = text.indexOf('        "415":\n          description: The Content-Type header is missing or unsupported.\n          content:');
    const end = text.indexOf('        "429":', start);
    expect(start).to.be.greaterThan(0);
    expect(await lint(text.slice(0, start) + text.slice(end))).to.deep.equal([`LINT_APPLICABILITY ${upload}/responses: has a request body but documents no 415 INVALID_ARGUMENT case`]);
  });

  it('lintSpec returns the findings (the same checks, without the CLI)', async () => {
    const report = lintSpec(await loadSpec('test/fixtures/specs/lint-same-request-same-state/spec.yaml'));
    // The 503 response is shared by both operations (a $ref), so both have the duplicate.
    expect(report.findings.map((f) => f.code)).to.deep.equal(['LINT_DUPLICATE_CASE', 'LINT_DUPLICATE_CASE']);
    expect(report).to.include({ operations: 2, cases: 15 });
  });

  it('validates examples against a recursive schema (a cyclic object graph after dereferencing)', () => {
    const error: Record<string, unknown> = { type: 'object', required: ['code'], properties: { code: { type: 'integer' } } };
    (error.properties as Record<string, unknown>).details = { type: 'array', items: error };
    const validate = compileSchema(createSchemaValidator(), toAcyclicSchema(error));
    expect(validate({ code: 1, details: [{ code: 2, details: [{ code: 3 }] }] })).to.equal(true);
    expect(validate({ code: 1, details: [{ code: 2, details: [{ code: 'three' }] }] })).to.equal(false);
    const plain = { type: 'string' };
    expect(toAcyclicSchema(plain)).to.equal(plain);
  });
});
