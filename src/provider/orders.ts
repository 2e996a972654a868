/**
 * Number Order: look up requirements, create an order (one number by phone number, or 1–100 by
 * search criteria), read it, read and update its registration, upload attachments, submit it.
 * Each handler first lets time and review take their course on the order, then asks the lifecycle
 * (`order-lifecycle.ts`) what its own action does. Refusals answer in the words the spec documents
 * for them (test/provider/cases.test.ts holds the two together).
 */
import { conditionReply, configurationError, ok, type Handler, type HandlerContext } from './handler.js';
import { search } from './available.js';
import { decideOrder, type Refusal } from './order-lifecycle.js';
import { ORDER_CLOCK, openOrder, orderBody, registrationBody } from './order-model.js';
import { missingAttachments, missingFields, requirementsBody, requirementsFor } from './order-requirements.js';
import { carryOut, observeOrder } from './order-transitions.js';
import { badRequest, google, notFound } from './replies.js';
import { STATE } from './states.js';
import type { AvailableNumber, NumberOrderRecord, NumberType, Reply } from './types.js';

interface CreateBody {
  regionCode: string;
  numberType: NumberType;
  smsConfiguration?: { servicePlanId: string; campaignId?: string };
  voiceConfiguration?: Record<string, unknown>;
  callbackUrl?: string;
  numberOrderOption?: { phoneNumbers: string[] };
  quantityOrderOption?: { requestedQuantity: number; sequential?: boolean; numberPattern?: { pattern?: string; searchPattern?: string }; capabilities?: string[] };
}

export const lookupNumberRequirements: Handler = (ctx) => {
  const { regionCode, numberType } = ctx.request.body as { regionCode: string; numberType: string };
  const requirements = requirementsFor(regionCode, numberType);
  if (requirements === undefined) return unsupported(regionCode, numberType);
  return ok(requirementsBody(regionCode, numberType, requirements));
};

export const createNumberOrder: Handler = (ctx) => {
  const body = ctx.request.body as unknown as CreateBody;
  const requirements = requirementsFor(body.regionCode, body.numberType);
  if (requirements === undefined) return unsupported(body.regionCode, body.numberType);
  if (ctx.project.conditions.illegalRegions.has(body.regionCode)) return conditionReply(ctx, STATE.illegalNumberType);
  const configuration = configurationError(ctx, ctx.request.body);
  if (configuration !== undefined) return configuration;
  const numbers = chooseNumbers(ctx, body);
  if (!Array.isArray(numbers)) return numbers;
  const order = openOrder(ctx.project, {
    id: ctx.project.nextOrderId(),
    regionCode: body.regionCode,
    numberType: body.numberType,
    numbers,
    requirements,
    ...(body.smsConfiguration === undefined ? {} : { smsConfiguration: body.smsConfiguration }),
    ...(body.voiceConfiguration === undefined ? {} : { voiceConfiguration: body.voiceConfiguration }),
    ...(body.callbackUrl === undefined ? {} : { callbackUrl: body.callbackUrl }),
  });
  return ok(orderBody(order));
};

/** The numbers an order reserves: the one it names, or `requestedQuantity` matching its criteria (a consecutive run if `sequential`). */
function chooseNumbers(ctx: HandlerContext, body: CreateBody): AvailableNumber[] | Reply {
  const named = body.numberOrderOption?.phoneNumbers[0];
  if (named !== undefined) {
    const number = ctx.project.available.get(named);
    if (number === undefined || number.regionCode !== body.regionCode || number.type !== body.numberType) {
      return badRequest(`the phone number ${named} is not available`, 'numberOrderOption.phoneNumbers', 'the phone number is not available');
    }
    return [number];
  }
  const option = body.quantityOrderOption ?? { requestedQuantity: 1 };
  const found = search(ctx, { regionCode: body.regionCode, type: body.numberType, numberPattern: option.numberPattern, capabilities: option.capabilities });
  const wanted = option.requestedQuantity;
  const picked = option.sequential === true ? consecutiveRun(found, wanted) : found.slice(0, wanted);
  if (picked.length < wanted) {
    return badRequest(`only ${picked.length} available numbers match the criteria`, 'quantityOrderOption.requestedQuantity', `${wanted} numbers requested`);
  }
  return picked;
}

function consecutiveRun(sorted: readonly AvailableNumber[], length: number): AvailableNumber[] {
  let run: AvailableNumber[] = [];
  for (const n of sorted) {
    const last = run[run.length - 1];
    run = last !== undefined && BigInt(n.phoneNumber.slice(1)) === BigInt(last.phoneNumber.slice(1)) + 1n ? [...run, n] : [n];
    if (run.length === length) return run;
  }
  return [];
}

export const getNumberOrder: Handler = (ctx) => withOrder(ctx, (order) => ok(orderBody(order)));

export const getNumberOrderRegistration: Handler = (ctx) => withOrder(ctx, (order) => ok(registrationBody(order)));

export const updateNumberOrderRegistration: Handler = (ctx) =>
  withOrder(ctx, (order) => {
    const decision = decideOrder(order, { kind: 'edit', now: ORDER_CLOCK });
    if (decision.kind === 'refuse') return refused(decision.refusal);
    const details = (ctx.request.body.requestDetails ?? {}) as Record<string, unknown>;
    const missing = missingFields(order.requirements, details);
    if (missing.length > 0) return unmet(missing.map((name) => `requestDetails.${name}`));
    order.registration.requestDetails = structuredClone(details);
    order.updateTime = ORDER_CLOCK;
    return ok(registrationBody(order));
  });

export const uploadNumberOrderAttachment: Handler = (ctx) =>
  withOrder(ctx, (order) => {
    const attachmentId = ctx.request.params.attachmentId as string;
    const expected = order.requirements.attachments.find((a) => a.id === attachmentId);
    if (expected === undefined) return notFound('Attachment', attachmentId);
    const decision = decideOrder(order, { kind: 'edit', now: ORDER_CLOCK });
    if (decision.kind === 'refuse') return refused(decision.refusal);
    const file = ctx.request.form?.files.file;
    if (file === undefined) return badRequest('missing required field "file"', 'file', 'is required');
    if (file.size > ctx.project.conditions.attachmentLimitBytes) return tooLarge(ctx);
    if (expected.allowedMimeTypes.length > 0 && !expected.allowedMimeTypes.includes(file.mimeType)) {
      return badRequest(`mime type ${file.mimeType} is not allowed for this attachment`, 'file', `allowed mime types: ${expected.allowedMimeTypes.join(', ')}`);
    }
    const documentType = ctx.request.form?.fields.documentType;
    if (documentType !== undefined && expected.allowedDocumentTypes.length > 0 && !expected.allowedDocumentTypes.includes(documentType)) {
      return badRequest(`document type ${documentType} is not allowed for this attachment`, 'documentType', `allowed document types: ${expected.allowedDocumentTypes.join(', ')}`);
    }
    const previous = order.registration.attachments.find((a) => a.attachmentId === attachmentId);
    const attachment = {
      attachmentId,
      fileName: file.fileName,
      mimeType: file.mimeType,
      createTime: previous?.createTime ?? ORDER_CLOCK,
      updateTime: ORDER_CLOCK,
      uploadStatus: 'COMPLETED' as const,
      ...(documentType === undefined ? {} : { documentType }),
    };
    order.registration.attachments = [...order.registration.attachments.filter((a) => a.attachmentId !== attachmentId), attachment];
    order.updateTime = ORDER_CLOCK;
    return { status: 200, body: undefined };
  });

export const submitNumberOrder: Handler = (ctx) =>
  withOrder(ctx, (order) => {
    const uploaded = new Set(order.registration.attachments.filter((a) => a.uploadStatus === 'COMPLETED').map((a) => a.attachmentId));
    const missing = [...missingFields(order.requirements, order.registration.requestDetails).map((name) => `requestDetails.${name}`), ...missingAttachments(order.requirements, uploaded).map((id) => `attachments.${id}`)];
    const decision = decideOrder(order, { kind: 'submit', now: ORDER_CLOCK, missing });
    if (decision.kind === 'refuse') return refused(decision.refusal);
    carryOut(ctx.project, order, decision);
    return ok(orderBody(order));
  });

/** Finds the order named by the path (404 otherwise), lets time and review take their course, then runs `then`. */
function withOrder(ctx: HandlerContext, then: (order: NumberOrderRecord) => Reply): Reply {
  const id = ctx.request.params.numberOrderId as string;
  const order = ctx.project.orders.get(id);
  if (order === undefined) return notFound('NumberOrder', id);
  observeOrder(ctx.project, order);
  return then(order);
}

function refused(refusal: Refusal): Reply {
  switch (refusal.kind) {
    case 'incomplete':
      return unmet(refusal.missing);
    case 'in-review':
      return google(400, 'INVALID_ARGUMENT', 'the number order is IN_REVIEW and cannot be changed');
    case 'final':
      return google(400, 'INVALID_ARGUMENT', refusal.state === 'EXPIRED' ? 'the number order has EXPIRED' : `the number order is ${refusal.state} and cannot be changed`);
  }
}

/** The registration (fields `requestDetails.<name>`, attachments `attachments.<id>`) does not meet the requirements. */
function unmet(missing: readonly string[]): Reply {
  const fieldViolations = missing.map((field) => ({ field, description: 'required by the requirements for this region and number type' }));
  return google(400, 'INVALID_ARGUMENT', 'the registration does not meet the requirements', [{ type: 'BadRequest', fieldViolations }]);
}

function unsupported(regionCode: string, numberType: string): Reply {
  return badRequest(`${numberType} numbers cannot be ordered in ${regionCode}`, 'numberType', `no ${numberType} numbers in ${regionCode}`);
}

function tooLarge(ctx: HandlerContext): Reply {
  const message = 'the attachment exceeds the maximum upload size';
  const fallback = google(413, 'CONTENT_TOO_LARGE', message, [{ type: 'ResourceInfo', resourceName: 'file', description: message }]);
  return ctx.replies.documented(ctx.request.operation.operationId, 413, 'CONTENT_TOO_LARGE', true) ?? fallback;
}
