import { expect } from 'chai';
import { startReferenceProvider } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { call, specFixture, type CallOptions, type Sent, type SpecFixture } from './fixture.js';

const PROJECT = '12c0ffee-dada-beef-cafe-baadc0de5678';
const P = `/v1/projects/${PROJECT}`;
const ORDERS = `${P}/numberOrders`;
const ATTACHMENT = '01hzexampleattachment00001';
const PDF = '%PDF-1.4\n% a test document\n%%EOF\n';

interface OrderBody {
  idNumberOrder: string;
  state: string;
  regionCode: string;
  numberType: string;
  orderNumbers: Array<{ phoneNumber: string }>;
  expireTime: string | null;
  createTime: string;
}

/** A multipart/form-data body as a client's FormData encodes it. */
async function multipart(parts: Record<string, string | { content: string; type: string; name: string }>): Promise<CallOptions> {
  const form = new FormData();
  for (const [name, part] of Object.entries(parts)) {
    if (typeof part === 'string') form.append(name, part);
    else form.append(name, new Blob([part.content], { type: part.type }), part.name);
  }
  const request = new Request('http://encode.invalid/', { method: 'POST', body: form });
  return { headers: { 'Content-Type': request.headers.get('content-type') ?? '' }, rawBody: Buffer.from(await request.arrayBuffer()).toString('latin1') };
}

describe('reference provider: Number Order', () => {
  let fixture: SpecFixture;
  let provider: ReferenceProvider;

  /** Calls an operation and checks a documented response against the spec before returning it. */
  async function api(operationId: string, method: string, path: string, options: CallOptions = {}): Promise<Sent> {
    const res = await call(provider.url, method, path, options);
    const problems = fixture.responseProblems(operationId, res.status, res.body);
    expect(problems, `${operationId} ${res.status} is documented: ${res.text}`).to.not.equal(undefined);
    expect(problems, `${operationId} ${res.status}: ${res.text}`).to.deep.equal([]);
    return res;
  }

  const create = (body: unknown): Promise<Sent> => api('CreateNumberOrder', 'POST', `${ORDERS}:createNumberOrder`, { body });
  const get = (id: string): Promise<Sent> => api('GetNumberOrder', 'GET', `${ORDERS}/${id}`);
  const register = (id: string, requestDetails: Record<string, unknown>): Promise<Sent> => api('UpdateNumberOrderRegistration', 'PUT', `${ORDERS}/${id}/registration`, { body: { requestDetails } });
  const upload = async (id: string, parts: Parameters<typeof multipart>[0], attachmentId = ATTACHMENT): Promise<Sent> => api('UploadNumberOrderAttachment', 'POST', `${ORDERS}/${id}/attachments/${attachmentId}`, await multipart(parts));
  const submit = (id: string): Promise<Sent> => call(provider.url, 'POST', `${ORDERS}/${id}/submit`);
  const pdf = { file: { content: PDF, type: 'application/pdf', name: 'proof.pdf' }, documentType: 'Utility bill' };

  before(async () => {
    fixture = await specFixture();
    provider = await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec });
  });
  after(() => provider.close());
  beforeEach(() => provider.clearState());

  it('looks up the requirements of a region and number type, and refuses one it sells no numbers of', async () => {
    const us = await api('LookupNumberRequirements', 'POST', `${ORDERS}:lookupNumberRequirements`, { body: { regionCode: 'US', numberType: 'LOCAL' } });
    expect(us.body).to.deep.include({ fields: { schema: '/schema/kyc-us-local-v1.json', required: ['firstName', 'lastName', 'businessName'] } });
    expect((us.body as { attachments: Array<{ id: string; mandatory: boolean }> }).attachments.map((a) => [a.id, a.mandatory])).to.deep.equal([[ATTACHMENT, true]]);
    const au = await api('LookupNumberRequirements', 'POST', `${ORDERS}:lookupNumberRequirements`, { body: { regionCode: 'AU', numberType: 'MOBILE' } });
    expect(au.status).to.equal(400);
    expect(au.body).to.deep.include({
      error: { code: 400, message: 'MOBILE numbers cannot be ordered in AU', status: 'INVALID_ARGUMENT', details: [{ type: 'BadRequest', fieldViolations: [{ field: 'numberType', description: 'no MOBILE numbers in AU' }] }] },
    });
  });

  it('orders one number by phone number: reserved for 48 hours on the fixed clock, no longer available, not orderable twice', async () => {
    const order = { regionCode: 'US', numberType: 'LOCAL', numberOrderOption: { phoneNumbers: ['+12025550160'] } };
    const created = await create(order);
    expect(created.status).to.equal(200);
    expect(created.body).to.deep.include({ state: 'CREATED', regionCode: 'US', numberType: 'LOCAL', createTime: '2026-11-01T00:00:00Z', expireTime: '2026-11-03T00:00:00Z' });
    expect((created.body as OrderBody).orderNumbers.map((n) => n.phoneNumber)).to.deep.equal(['+12025550160']);
    expect((await api('NumberService_GetAvailableNumber', 'GET', `${P}/availableNumbers/+12025550160`)).status).to.equal(404);
    const again = await create(order);
    expect(again.status).to.equal(400);
    expect((again.body as { error: { message: string } }).error.message).to.equal('the phone number +12025550160 is not available');
    const read = await get((created.body as OrderBody).idNumberOrder);
    expect(read.body).to.deep.equal(created.body);
  });

  it('orders by quantity: the first matching numbers, a consecutive run when sequential, the region’s reservation time, and 400 when too few match', async () => {
    const some = await create({ regionCode: 'GB', numberType: 'MOBILE', quantityOrderOption: { requestedQuantity: 3 } });
    expect((some.body as OrderBody).orderNumbers.map((n) => n.phoneNumber)).to.deep.equal(['+447700900100', '+447700900101', '+447700900102']);
    expect((some.body as OrderBody).expireTime).to.equal('2026-11-01T02:00:00Z');
    const run = await create({ regionCode: 'US', numberType: 'TOLL_FREE', quantityOrderOption: { requestedQuantity: 2, sequential: true, numberPattern: { pattern: '7', searchPattern: 'END' } } });
    expect(run.status).to.equal(400);
    const tail = await create({ regionCode: 'GB', numberType: 'MOBILE', quantityOrderOption: { requestedQuantity: 7, sequential: true } });
    expect((tail.body as OrderBody).orderNumbers.map((n) => n.phoneNumber.slice(-3))).to.deep.equal(['103', '104', '105', '106', '107', '108', '109']);
    const more = await create({ regionCode: 'GB', numberType: 'MOBILE', quantityOrderOption: { requestedQuantity: 1 } });
    expect(more.status).to.equal(400);
    expect(more.body).to.deep.include({
      error: {
        code: 400,
        message: 'only 0 available numbers match the criteria',
        status: 'INVALID_ARGUMENT',
        details: [{ type: 'BadRequest', fieldViolations: [{ field: 'quantityOrderOption.requestedQuantity', description: '1 numbers requested' }] }],
      },
    });
    const tooMany = await create({ regionCode: 'SE', numberType: 'MOBILE', quantityOrderOption: { requestedQuantity: 101 } });
    expect(tooMany.status).to.equal(400);
  });

  it('buys a number end to end: registration checked against the requirements, document uploaded, submitted, reviewed, the number active', async () => {
    const created = await create({ regionCode: 'US', numberType: 'LOCAL', smsConfiguration: { servicePlanId: 'example-service-plan' }, numberOrderOption: { phoneNumbers: ['+12025550170'] } });
    const id = (created.body as OrderBody).idNumberOrder;
    const early = await submit(id);
    expect(early.status).to.equal(400);
    expect((early.body as { error: { details: Array<{ fieldViolations: Array<{ field: string }> }> } }).error.details[0]?.fieldViolations.map((v) => v.field)).to.deep.equal([
      'requestDetails.firstName',
      'requestDetails.lastName',
      'requestDetails.businessName',
      `attachments.${ATTACHMENT}`,
    ]);
    const partial = await register(id, { firstName: 'Alex', lastName: 'Example', businessName: '  ' });
    expect(partial.status).to.equal(400);
    expect(partial.body).to.deep.equal({
      error: {
        code: 400,
        message: 'the registration does not meet the requirements',
        status: 'INVALID_ARGUMENT',
        details: [{ type: 'BadRequest', fieldViolations: [{ field: 'requestDetails.businessName', description: 'required by the requirements for this region and number type' }] }],
      },
    });
    const registered = await register(id, { firstName: 'Alex', lastName: 'Example', businessName: 'Example Holdings LLC' });
    expect(registered.body).to.deep.equal({ requestDetails: { firstName: 'Alex', lastName: 'Example', businessName: 'Example Holdings LLC' }, attachments: [], logs: [] });
    const uploaded = await upload(id, pdf);
    expect(uploaded.status).to.equal(200);
    expect(uploaded.text).to.equal('');
    const registration = await api('GetNumberOrderRegistration', 'GET', `${ORDERS}/${id}/registration`);
    expect((registration.body as { attachments: unknown[] }).attachments).to.deep.equal([
      { attachmentId: ATTACHMENT, fileName: 'proof.pdf', mimeType: 'application/pdf', createTime: '2026-11-01T00:00:00Z', updateTime: '2026-11-01T00:00:00Z', uploadStatus: 'COMPLETED', documentType: 'Utility bill' },
    ]);
    const submitted = await submit(id);
    expect(submitted.status).to.equal(200);
    expect((submitted.body as OrderBody).state).to.equal('IN_REVIEW');
    // The review ends (here: COMPLETED) the next time the order is touched.
    expect(((await get(id)).body as OrderBody).state).to.equal('COMPLETED');
    const active = await api('NumberService_GetActiveNumber', 'GET', `${P}/activeNumbers/+12025550170`);
    expect(active.status).to.equal(200);
    expect((active.body as { smsConfiguration: { scheduledProvisioning: { servicePlanId: string } | null } }).smsConfiguration.scheduledProvisioning).to.include({ servicePlanId: 'example-service-plan' });
    expect((await register(id, { firstName: 'Sam' })).body).to.deep.include({ error: { code: 400, message: 'the number order is COMPLETED and cannot be changed', status: 'INVALID_ARGUMENT', details: [] } });
  });

  it('lets a lapsed reservation expire: the order reads EXPIRED, takes no more changes, and its number is available again', async () => {
    provider.setState("the number order's reservation has expired", { phoneNumber: '+12025550180' });
    const read = await get('01hzexampleorder0000000001');
    expect(read.body).to.deep.include({ state: 'EXPIRED', createTime: '2026-10-30T00:00:00Z', expireTime: '2026-11-01T00:00:00Z', updateTime: '2026-11-01T00:00:00Z' });
    expect((await upload('01hzexampleorder0000000001', pdf)).body).to.deep.equal({ error: { code: 400, message: 'the number order has EXPIRED', status: 'INVALID_ARGUMENT', details: [] } });
    expect((await api('NumberService_GetAvailableNumber', 'GET', `${P}/availableNumbers/+12025550180`)).status).to.equal(200);
  });

  it('lets a blocked order be corrected and submitted again', async () => {
    provider.setState('the number order is in state', { state: 'BLOCKED' });
    const id = '01hzexampleorder0000000001';
    expect((await register(id, { firstName: 'Alex', lastName: 'Example', businessName: 'Example Holdings LLC' })).status).to.equal(200);
    expect(((await submit(id)).body as OrderBody).state).to.equal('IN_REVIEW');
    expect(((await get(id)).body as OrderBody).state).to.equal('COMPLETED');
  });

  it('keeps an order in review while the review has not ended, and refuses changes meanwhile', async () => {
    provider.setState('the number order is in state', { state: 'IN_REVIEW' });
    expect(((await get('01hzexampleorder0000000001')).body as OrderBody).state).to.equal('IN_REVIEW');
    expect(((await get('01hzexampleorder0000000001')).body as OrderBody).state).to.equal('IN_REVIEW');
    expect((await submit('01hzexampleorder0000000001')).body).to.deep.equal({ error: { code: 400, message: 'the number order is IN_REVIEW and cannot be changed', status: 'INVALID_ARGUMENT', details: [] } });
  });

  it("puts the numbers of a rejected order back, notes why in the registration logs, and keeps a completed order's numbers active", async () => {
    provider.setState('the number order is in state', { state: 'REJECTED', phoneNumber: '+12025550190' });
    expect(((await get('01hzexampleorder0000000001')).body as OrderBody).state).to.equal('REJECTED');
    expect((await api('NumberService_GetAvailableNumber', 'GET', `${P}/availableNumbers/+12025550190`)).status).to.equal(200);
    const logs = await api('GetNumberOrderRegistration', 'GET', `${ORDERS}/01hzexampleorder0000000001/registration`);
    expect((logs.body as { logs: unknown[] }).logs).to.deep.equal([{ message: 'The registration was not accepted; the reserved numbers were released.', createTime: '2026-11-01T00:00:00Z' }]);
    provider.setState('the number order is in state', { state: 'COMPLETED', phoneNumber: '+12025550191' });
    expect((await api('NumberService_GetActiveNumber', 'GET', `${P}/activeNumbers/+12025550191`)).status).to.equal(200);
  });

  it('checks uploads: a file type or document type the attachment refuses, an attachment the order does not ask for, a missing file part, JSON instead of multipart', async () => {
    const id = ((await create({ regionCode: 'US', numberType: 'LOCAL', numberOrderOption: { phoneNumbers: ['+12025550171'] } })).body as OrderBody).idNumberOrder;
    const png = await upload(id, { file: { content: 'PNG', type: 'image/png', name: 'a.png' } });
    expect(png.body).to.deep.equal({
      error: {
        code: 400,
        message: 'mime type image/png is not allowed for this attachment',
        status: 'INVALID_ARGUMENT',
        details: [{ type: 'BadRequest', fieldViolations: [{ field: 'file', description: 'allowed mime types: application/pdf' }] }],
      },
    });
    const passport = await upload(id, { ...pdf, documentType: 'Passport' });
    expect((passport.body as { error: { message: string } }).error.message).to.equal('document type Passport is not allowed for this attachment');
    const unknown = await upload(id, pdf, 'no-such-attachment');
    expect(unknown.status).to.equal(404);
    expect(unknown.body).to.deep.equal({ error: { code: 404, message: '', status: 'NOT_FOUND', details: [{ type: 'ResourceInfo', resourceType: 'Attachment', resourceName: 'no-such-attachment', owner: '', description: '' }] } });
    const noFile = await upload(id, { documentType: 'Utility bill' });
    expect(noFile.body).to.deep.equal({
      error: { code: 400, message: 'missing required field "file"', status: 'INVALID_ARGUMENT', details: [{ type: 'BadRequest', fieldViolations: [{ field: 'file', description: 'is required' }] }] },
    });
    const json = await api('UploadNumberOrderAttachment', 'POST', `${ORDERS}/${id}/attachments/${ATTACHMENT}`, { body: { file: PDF } });
    expect(json.status).to.equal(415);
  });

  it('answers 413 CONTENT_TOO_LARGE for an attachment over the upload limit, and for a body over the server’s limit', async () => {
    const id = ((await create({ regionCode: 'US', numberType: 'LOCAL', numberOrderOption: { phoneNumbers: ['+12025550172'] } })).body as OrderBody).idNumberOrder;
    const big = await upload(id, { file: { content: `%PDF-1.4\n${'x'.repeat(600 * 1024)}`, type: 'application/pdf', name: 'big.pdf' } });
    expect(big.status).to.equal(413);
    expect((big.body as { error: { status: string } }).error.status).to.equal('CONTENT_TOO_LARGE');
    const huge = await upload(id, { file: { content: `%PDF-1.4\n${'x'.repeat(1100 * 1024)}`, type: 'application/pdf', name: 'huge.pdf' } });
    expect(huge.status).to.equal(413);
    expect(huge.body).to.deep.equal(big.body);
  });

  it('answers 404 for an order the project does not have', async () => {
    const missing = await get('01hznosuchorder00000000000');
    expect(missing.status).to.equal(404);
    expect(missing.body).to.deep.equal({ error: { code: 404, message: '', status: 'NOT_FOUND', details: [{ type: 'ResourceInfo', resourceType: 'NumberOrder', resourceName: '01hznosuchorder00000000000', owner: '', description: '' }] } });
  });
});
