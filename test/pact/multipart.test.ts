/**
 * Multipart request bodies (UploadNumberOrderAttachment): the canonical body built from the spec,
 * the interaction's matching rules, and a real FormData/fetch client against the Pact mock server
 * (pact-core), which matches the parts by name and a file part by the type of its content.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { encodeMultipart, MULTIPART_BOUNDARY } from '../../src/catalog/multipart.js';
import { isErrorCase, type Catalog, type ErrorCase } from '../../src/catalog/types.js';
import { numbersErrorMatrix, type CaseContext } from '../../src/pact/harness.js';
import { errorInteraction, MULTIPART_CONTENT_TYPE_PATTERN } from '../../src/pact/interaction.js';
import { PactMismatchError } from '../../src/pact/judge.js';
import { bundledSpec } from '../helpers/paths.js';

const UPLOAD = 'UploadNumberOrderAttachment';
const PDF = '%PDF-1.4\n% numbers-contract-kit example document\n%%EOF\n';

/** A multipart client as a consumer writes one: fetch with a FormData of the document. */
async function upload(ctx: CaseContext, file: Blob = new Blob([ctx.multipart?.file?.content ?? ''], { type: ctx.multipart?.file?.contentType ?? '' }), name = 'my-proof.pdf'): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', file, name);
  form.append('documentType', 'Utility bill');
  const response = await fetch(ctx.request.url, { method: 'POST', headers: { Authorization: 'Bearer example-token' }, body: form });
  return { status: response.status, body: await response.json() };
}

describe('multipart request bodies (the attachment upload)', function () {
  this.timeout(60_000);
  let catalog: Catalog;
  let dir: string;
  const byId = (id: string): ErrorCase => catalog.cases.find((c) => c.id === id) as ErrorCase;
  before(async () => {
    catalog = await loadCatalog(bundledSpec);
    dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-multipart-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds the canonical request from the spec: one file part, encoded with the kit boundary, the same bytes in rawBody', () => {
    const request = byId(`${UPLOAD}/413/content_too_large`).request;
    expect(request.multipart).to.deep.equal({ boundary: MULTIPART_BOUNDARY, parts: [{ name: 'file', content: PDF, filename: 'proof-of-address.pdf', contentType: 'application/pdf' }] });
    expect(request.headers['Content-Type']).to.equal(`multipart/form-data; boundary=${MULTIPART_BOUNDARY}`);
    expect(request.rawBody).to.equal(`--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="proof-of-address.pdf"\r\nContent-Type: application/pdf\r\n\r\n${PDF}\r\n--${MULTIPART_BOUNDARY}--\r\n`);
    expect(encodeMultipart({ boundary: 'b', parts: [{ name: 'documentType', content: 'Passport' }] })).to.equal('--b\r\nContent-Disposition: form-data; name="documentType"\r\n\r\nPassport\r\n--b--\r\n');
  });

  it('drops the parts where the trigger replaces the body: a JSON body for the 415, no body for the 405', () => {
    const unsupported = byId(`${UPLOAD}/415/unsupported_media_type`).request;
    expect([unsupported.multipart, unsupported.rawBody, unsupported.headers['Content-Type']]).to.deep.equal([undefined, '{}', 'application/json']);
    const method = byId(`${UPLOAD}/405/method_not_allowed`).request;
    expect([method.method, method.multipart, method.rawBody, method.headers['Content-Type']]).to.deep.equal(['DELETE', undefined, undefined, undefined]);
  });

  it('documents the body as parts matched by name and file type, and any boundary', () => {
    const i = errorInteraction(byId(`${UPLOAD}/400/invalid_argument`));
    expect(i.request.body).to.deep.include({ kind: 'multipart', contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`, rules: { '$.file': { combine: 'AND', matchers: [{ match: 'contentType', value: 'application/pdf' }] } } });
    expect(i.request.headers['Content-Type']).to.deep.equal({ 'pact:matcher:type': 'regex', regex: MULTIPART_CONTENT_TYPE_PATTERN, value: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` });
    expect(i.comments).to.include('request body: multipart/form-data, parts file (file proof-of-address.pdf, application/pdf); matched by part name and file type');
    for (const type of ['multipart/form-data; boundary=----formdata-undici-012345678901', 'multipart/form-data; boundary=--------------------------123', 'multipart/form-data; charset=utf-8; boundary=x']) {
      expect(new RegExp(MULTIPART_CONTENT_TYPE_PATTERN).test(type), type).to.equal(true);
    }
    expect(new RegExp(MULTIPART_CONTENT_TYPE_PATTERN).test('multipart/form-data')).to.equal(false);
  });

  it('runs a FormData/fetch client through every multipart case: its own boundary, file name and an extra part still match, and each answers the documented error', async () => {
    const m = numbersErrorMatrix({ consumer: 'multipart-test', dir, catalog, select: { operation: UPLOAD } });
    const multipart = m.cases.filter((c) => c.case.request.multipart !== undefined);
    expect(multipart.map((c) => c.case.exampleName)).to.deep.equal([
      'invalid_argument',
      'order_not_editable',
      'reservation_expired',
      'unauthenticated',
      'permission_denied',
      'blocked_account',
      'not_found',
      'attachment_not_found',
      'content_too_large',
      'rate_limited',
      'internal',
      'unknown',
      'unavailable',
    ]);
    for (const c of multipart.filter((x) => x.case.trigger.kind === 'state')) {
      const answer = await m.run(c, (ctx) => upload(ctx));
      const body = answer.body as { error?: { status: string }; code?: string };
      expect(isErrorCase(c.case), c.id).to.equal(true);
      expect([answer.status, body.error?.status ?? body.code], c.id).to.deep.equal([c.case.status, isErrorCase(c.case) ? c.case.code : undefined]);
    }
    const written = JSON.parse(await readFile((await m.writePact()) as string, 'utf8')) as { interactions: { request: { body: { contentType: string; encoded: string } } }[] };
    expect(written.interactions[0]?.request.body).to.deep.include({ contentType: `multipart/form-data;boundary=${MULTIPART_BOUNDARY}`, encoded: 'base64' });
  });

  it('gives ctx what a multipart client needs: the parts, the file, and a FormData fetch sends as is', async () => {
    const m = numbersErrorMatrix({ consumer: 'multipart-ctx-test', dir, catalog, select: { id: `${UPLOAD}/413/content_too_large` } });
    const answer = await m.run(`${UPLOAD}/413/content_too_large`, async (ctx) => {
      expect(ctx.multipart?.file).to.deep.equal({ name: 'file', content: PDF, filename: 'proof-of-address.pdf', contentType: 'application/pdf' });
      const response = await fetch(ctx.request.url, { method: 'POST', headers: { Authorization: ctx.request.headers.Authorization ?? '' }, body: ctx.multipart?.formData() });
      return response.status;
    });
    expect(answer).to.equal(413);
  });

  const wrong: [string, (ctx: CaseContext) => Promise<unknown>, RegExp][] = [
    [
      'a file that is not a PDF',
      (ctx) => upload(ctx, new Blob(['just text'], { type: 'application/pdf' })),
      /body \$: MIME part 'file': Expected binary contents to have content type 'application\/pdf' but detected contents was 'text\/plain'/,
    ],
    [
      'the document under another part name',
      async (ctx) => {
        const form = new FormData();
        form.append('document', new Blob([PDF], { type: 'application/pdf' }), 'proof.pdf');
        return fetch(ctx.request.url, { method: 'POST', headers: { Authorization: 'Bearer example-token' }, body: form });
      },
      /body \$: Expected a MIME part 'file' but was missing/,
    ],
    [
      'JSON instead of multipart',
      (ctx) => fetch(ctx.request.url, { method: 'POST', headers: { Authorization: 'Bearer example-token', 'Content-Type': 'application/json' }, body: JSON.stringify({ file: PDF }) }),
      /header 'Content-Type': .*Expected 'application\/json' to match/,
    ],
  ];
  for (const [what, client, detail] of wrong) {
    it(`fails ${what} with Pact's mismatch`, async () => {
      const m = numbersErrorMatrix({ consumer: 'multipart-wrong', dir, catalog, select: { id: `${UPLOAD}/404/attachment_not_found` } });
      const error = await m.run(`${UPLOAD}/404/attachment_not_found`, client).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(PactMismatchError);
      expect((error as Error).message).to.contain('UploadNumberOrderAttachment 404 attachment_not_found: the Pact mock server did not get the request this case documents');
      expect((error as Error).message).to.match(detail);
    });
  }
});
