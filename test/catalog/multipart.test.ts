/**
 * The multipart example of a spec is refused when the wire encoding cannot carry it as written: a
 * quote or line break in a part's name, file name or content type would forge a header of the
 * canonical request, and content holding the boundary would end the part early.
 */
import { expect } from 'chai';
import type { OpenAPIV3 } from 'openapi-types';
import { buildCatalog } from '../../src/catalog/build.js';
import { isKitError } from '../../src/errors.js';
import { loadSpec, type LoadedSpec } from '../../src/openapi/load.js';
import { resolvePointer } from '../../src/openapi/pointer.js';
import { bundledSpec } from '../helpers/paths.js';

const MEDIA = '/paths/~1v1~1projects~1{projectId}~1numberOrders~1{numberOrderId}~1attachments~1{attachmentId}/post/requestBody/content/multipart~1form-data';

type Media = { example: Record<string, unknown>; encoding: Record<string, { contentType: string }>; 'x-numbers-filenames': Record<string, string> };

const ROWS: [string, (m: Media) => void, string, string][] = [
  [
    'a quote in a part name',
    (m) => {
      m.example = { 'file"; name="x': 'data' };
      m.encoding = { 'file"; name="x': { contentType: 'application/pdf' } };
    },
    `${MEDIA}/example/file"; name="x`,
    'the part\'s name "file\\"; name=\\"x" holds a quote or line break',
  ],
  ['a line break in a file name', (m) => void (m['x-numbers-filenames'].file = 'a.pdf\r\nX-Forged: 1'), `${MEDIA}/example/file`, 'the part\'s file name "a.pdf\\r\\nX-Forged: 1" holds a quote or line break'],
  ['a line break in a content type', (m) => void (m.encoding.file = { contentType: 'application/pdf\nX-Forged: 1' }), `${MEDIA}/example/file`, 'the part\'s content type "application/pdf\\nX-Forged: 1" holds a quote or line break'],
  ['the boundary in the content', (m) => void (m.example.file = 'a\r\n--numbers-contract-kit-boundary--\r\n'), `${MEDIA}/example/file`, 'the part\'s content holds the boundary "--numbers-contract-kit-boundary"'],
];

describe('catalog: multipart examples the wire encoding cannot carry', () => {
  let spec: LoadedSpec;
  before(async () => {
    spec = await loadSpec(bundledSpec);
  });

  it('the bundled spec builds (the control)', () => {
    expect(() => buildCatalog(spec)).to.not.throw();
  });

  for (const [name, mutate, pointer, message] of ROWS) {
    it(`refuses ${name}: SPEC_MULTIPART at the part`, () => {
      const document = structuredClone(spec.document);
      mutate(resolvePointer(document, MEDIA) as Media);
      let thrown: unknown;
      try {
        buildCatalog({ ...spec, document: document as OpenAPIV3.Document });
      } catch (error) {
        thrown = error;
      }
      expect(isKitError(thrown), String(thrown)).to.equal(true);
      const error = thrown as { code: string; pointer: string; message: string };
      expect({ code: error.code, pointer: error.pointer, message: error.message }).to.deep.equal({ code: 'SPEC_MULTIPART', pointer, message });
    });
  }
});
