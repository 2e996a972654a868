/** Available regions, derived from the numbers the project can rent, filtered by number types. */
import { ok, type Handler } from './handler.js';
import { REGION_NAMES } from './seed.js';
import type { NumberType } from './types.js';
import { ownValue } from '../openapi/own.js';

const TYPE_ORDER: readonly NumberType[] = ['MOBILE', 'LOCAL', 'TOLL_FREE'];

export const listAvailableRegions: Handler = (ctx) => {
  const wanted = Array.isArray(ctx.request.query.types) ? (ctx.request.query.types as string[]) : undefined;
  const byRegion = new Map<string, Set<NumberType>>();
  for (const n of ctx.project.available.values()) {
    const types = byRegion.get(n.regionCode) ?? new Set<NumberType>();
    types.add(n.type);
    byRegion.set(n.regionCode, types);
  }
  const availableRegions = [...byRegion.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([regionCode, types]) => ({ regionCode, regionName: ownValue(REGION_NAMES, regionCode) ?? regionCode, types: TYPE_ORDER.filter((t) => types.has(t)) }))
    .filter((region) => wanted === undefined || region.types.some((t) => wanted.includes(t)));
  return ok({ availableRegions });
};
