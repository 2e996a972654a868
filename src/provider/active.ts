/**
 * Active numbers: list (token-paginated), get, update (through scheduled provisioning), release
 * (the response carries `expireAt`; the number goes back to the available numbers).
 */
import { linksOf, requestedLinks, UNLINKED } from './callback-events.js';
import { advanceProvisioning, configurationError, hasAll, matchesPattern, ok, scheduleConfiguration, sendProvisioningCallbacks, type Handler } from './handler.js';
import { badRequest, notFound } from './replies.js';
import type { ActiveNumber } from './types.js';

const DEFAULT_PAGE_SIZE = 100;

/** Page tokens are opaque to clients: the offset of the next page, base64url-encoded. */
function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeToken(token: string): number | undefined {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match === null ? undefined : Number(match[1]);
}

export const listActiveNumbers: Handler = (ctx) => {
  const q = ctx.request.query;
  const orderBy = q.orderBy === 'displayName' ? 'displayName' : 'phoneNumber';
  const matching = [...ctx.project.active.values()]
    .filter(
      (n) =>
        (q.regionCode === undefined || n.regionCode === q.regionCode) &&
        (q.type === undefined || n.type === q.type) &&
        matchesPattern(n.phoneNumber, n.regionCode, q['numberPattern.pattern'], q['numberPattern.searchPattern']) &&
        hasAll(n.capability, q.capability),
    )
    .sort((a, b) => compare(a[orderBy], b[orderBy]) || compare(a.phoneNumber, b.phoneNumber));
  let offset = 0;
  if (typeof q.pageToken === 'string' && q.pageToken !== '') {
    const decoded = decodeToken(q.pageToken);
    if (decoded === undefined || decoded > matching.length) return badRequest('invalid page token', 'pageToken', `Invalid pageToken ${q.pageToken}`);
    offset = decoded;
  }
  const size = typeof q.pageSize === 'number' ? q.pageSize : DEFAULT_PAGE_SIZE;
  const page = matching.slice(offset, offset + size);
  const next = offset + page.length;
  return ok({ activeNumbers: page, nextPageToken: next < matching.length ? encodeToken(next) : '', totalSize: matching.length });
};

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function find(ctx: Parameters<Handler>[0]): ActiveNumber | undefined {
  return ctx.project.active.get(ctx.request.params.phoneNumber as string);
}

export const getActiveNumber: Handler = (ctx) => {
  const number = find(ctx);
  if (number === undefined) return notFound('ActiveNumber', ctx.request.params.phoneNumber as string);
  advanceProvisioning(number, ctx.project);
  return ok(number);
};

export const updateActiveNumber: Handler = (ctx) => {
  const number = find(ctx);
  if (number === undefined) return notFound('ActiveNumber', ctx.request.params.phoneNumber as string);
  const configuration = configurationError(ctx, ctx.request.body);
  if (configuration !== undefined) return configuration;
  if (typeof ctx.request.body.displayName === 'string') number.displayName = ctx.request.body.displayName;
  const before = linksOf(ctx.project, number);
  scheduleConfiguration(number, ctx.request.body);
  sendProvisioningCallbacks(ctx, number, before, requestedLinks(before, ctx.request.body));
  return ok(number);
};

export const releaseNumber: Handler = (ctx) => {
  const number = find(ctx);
  if (number === undefined) return notFound('ActiveNumber', ctx.request.params.phoneNumber as string);
  const released: ActiveNumber = { ...structuredClone(number), expireAt: number.nextChargeDate };
  ctx.project.active.delete(number.phoneNumber);
  ctx.project.emergency.delete(number.phoneNumber);
  sendProvisioningCallbacks(ctx, number, linksOf(ctx.project, number), UNLINKED);
  ctx.project.available.set(number.phoneNumber, {
    phoneNumber: number.phoneNumber,
    regionCode: number.regionCode,
    type: number.type,
    capability: [...number.capability],
    setupPrice: { currencyCode: number.money.currencyCode, amount: '0.00' },
    monthlyPrice: { ...number.money },
    paymentIntervalMonths: number.paymentIntervalMonths,
    supportingDocumentationRequired: number.regionCode === 'US' && number.type === 'LOCAL',
  });
  return ok(released);
};
