/**
 * multipart/form-data bodies of the attachment upload (issue 15 sweep of Number Order): parsed by
 * the platform's parser within the server's body limit, and with at most MAX_FORM_PARTS parts,
 * counted in one scan before parsing (a 1 MiB body of ~16,000 tiny parts cost ~0.4 s of CPU).
 */
import { expect } from 'chai';
import { MAX_FORM_PARTS, parseForm } from '../../src/provider/multipart.js';

const BOUNDARY = 'kit-b0undary';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function body(parts: Array<{ name: string; value: string; file?: string }>): Buffer {
  const text = parts.map((p) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.file === undefined ? '' : `; filename="${p.file}"\r\nContent-Type: application/pdf`}\r\n\r\n${p.value}\r\n`).join('');
  return Buffer.from(`${text}--${BOUNDARY}--\r\n`);
}

describe('provider/multipart: the upload form, bounded', () => {
  it('reads a file and a field, names as own keys (the first of a repeated name wins)', async () => {
    const form = await parseForm(
      body([
        { name: 'file', value: '%PDF-1.4', file: 'proof.pdf' },
        { name: 'documentType', value: 'Utility bill' },
        { name: 'documentType', value: 'again' },
        { name: '__proto__', value: 'x' },
      ]),
      TYPE,
      ['file'],
    );
    expect(form?.files).to.deep.equal({ file: { fileName: 'proof.pdf', mimeType: 'application/pdf', size: 8 } });
    expect(form?.fields).to.deep.equal(JSON.parse('{"documentType": "Utility bill", "__proto__": "x"}'));
    expect(Object.getPrototypeOf(form?.fields)).to.equal(Object.prototype);
  });

  it(`takes ${MAX_FORM_PARTS} parts, refuses ${MAX_FORM_PARTS + 1} and 15,000 before parsing them`, async () => {
    const parts = (n: number): Array<{ name: string; value: string }> => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    expect(Object.keys((await parseForm(body(parts(MAX_FORM_PARTS)), TYPE, []))?.fields ?? {})).to.have.length(MAX_FORM_PARTS);
    expect(await parseForm(body(parts(MAX_FORM_PARTS + 1)), TYPE, [])).to.equal(undefined);
    expect(await parseForm(body(parts(15_000)), TYPE, [])).to.equal(undefined);
  });

  it('reads a quoted boundary; a Content-Type without one, or a body that is not multipart, is undefined', async () => {
    expect((await parseForm(body([{ name: 'a', value: 'b' }]), `multipart/form-data; charset=utf-8; boundary="${BOUNDARY}"`, []))?.fields).to.deep.equal({ a: 'b' });
    expect(await parseForm(body([{ name: 'a', value: 'b' }]), 'multipart/form-data; boundary=', [])).to.equal(undefined);
    expect(await parseForm(Buffer.from('not multipart'), TYPE, [])).to.equal(undefined);
  });
});
