import path from 'node:path';
import { KitError } from '../errors.js';
import { SpecProblems } from './problems.js';
import { formatTokens } from './ref-target.js';
import type { RefSite, SpecDocuments } from './refs.js';

const MAX_HOPS = 64;
const LISTED = 10;

type Resolution = { ok: true; value: unknown } | { ok: false; kind: 'missing'; detail: string } | { ok: false; kind: 'cycle' };

/**
 * Checks where every `$ref` lands, all of them before reporting: targets that do not exist are
 * listed together (SPEC_REF_MISSING, the first one's location, up to 10 named, then a count);
 * a ref whose chain only ever reaches other refs (A → B → A, or A → A) is SPEC_REF_CYCLE, and a
 * chain of more than `maxDepth` refs before a value is SPEC_TOO_DEEP.
 * Recursive schemas (a schema that contains a ref to itself) are legitimate and pass.
 * Returns `follow`: the value a ref object finally stands for.
 */
export function checkRefGraph(docs: SpecDocuments, maxDepth: number): (holder: object) => { value: unknown } | undefined {
  const memo = new Map<RefSite, Resolution>();
  const inProgress = new Set<RefSite>();

  const resolveSite = (site: RefSite, hops: number): Resolution => {
    const known = memo.get(site);
    if (known !== undefined) return known;
    if (inProgress.has(site) || hops > MAX_HOPS) return { ok: false, kind: 'cycle' };
    inProgress.add(site);
    const result = walk(site, hops);
    inProgress.delete(site);
    memo.set(site, result);
    return result;
  };
  const walk = (site: RefSite, hops: number): Resolution => {
    let value: unknown = docs.byFile.get(site.targetFile)?.value;
    const tokens = site.target.tokens;
    for (let i = 0; i < tokens.length; i++) {
      // A pointer may pass through a ref on the way (#/components/schemas/A/properties/b, A being a ref).
      for (let through = refSite(value); through !== undefined; through = refSite(value)) {
        const step = resolveSite(through, hops + 1);
        if (!step.ok) return step;
        value = step.value;
      }
      const token = tokens[i] as string;
      if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, token)) {
        const detail = i === 0 ? `no ${JSON.stringify(token)} at the top level` : `no ${JSON.stringify(token)} in ${formatTokens(tokens.slice(0, i))}`;
        return { ok: false, kind: 'missing', detail };
      }
      value = (value as Record<string, unknown>)[token];
    }
    return { ok: true, value };
  };
  const refSite = (value: unknown): RefSite | undefined => (value !== null && typeof value === 'object' ? docs.siteOf.get(value) : undefined);

  const missing: { site: RefSite; detail: string }[] = [];
  for (const site of docs.sites) {
    const result = resolveSite(site, 0);
    if (!result.ok && result.kind === 'missing') missing.push({ site, detail: result.detail });
    if (!result.ok && result.kind === 'cycle') throw cycleError(docs, site, []);
  }
  if (missing.length > 0) throw missingError(missing);

  // Chains: a ref whose target is itself a ref, and so on, must end at a value, within maxDepth
  // hops (swagger-parser follows a chain by recursion: 5,000 links overflowed its stack).
  const ends = new Map<RefSite, { value: unknown; hops: number }>();
  for (const site of docs.sites) {
    const chain: RefSite[] = [];
    const onChain = new Set<RefSite>();
    let current: RefSite | undefined = site;
    while (current !== undefined && !ends.has(current)) {
      if (onChain.has(current)) throw cycleError(docs, site, [...chain.slice(chain.indexOf(current)), current]);
      if (chain.length >= maxDepth) throw chainError(site, maxDepth);
      chain.push(current);
      onChain.add(current);
      const result = resolveSite(current, 0);
      current = result.ok ? refSite(result.value) : undefined;
    }
    const known = current === undefined ? undefined : ends.get(current);
    const end = known ?? { value: (resolveSite(chain[chain.length - 1] as RefSite, 0) as { value: unknown }).value, hops: 0 };
    if (chain.length + end.hops > maxDepth) throw chainError(site, maxDepth);
    chain.forEach((link, i) => ends.set(link, { value: end.value, hops: end.hops + chain.length - i }));
  }
  return (holder) => {
    const site = docs.siteOf.get(holder);
    const end = site === undefined ? undefined : ends.get(site);
    return end === undefined ? undefined : { value: end.value };
  };
}

function where(docs: SpecDocuments, site: RefSite): string {
  const prefix = site.doc === docs.root ? '' : path.relative(path.dirname(docs.root.file), site.doc.file);
  return `${prefix}#${site.pointer}`;
}

function cycleError(docs: SpecDocuments, site: RefSite, chain: RefSite[]): KitError {
  const hops = chain.length > 0 ? `: ${chain.map((link) => where(docs, link)).join(' -> ')}` : ' (a ref on the way to its target leads back to it)';
  return new KitError('SPEC_REF_CYCLE', `$ref ${JSON.stringify(site.ref)} never reaches a value, only other refs${hops}`, {
    file: site.doc.file,
    pointer: `${site.pointer}/$ref`,
  });
}

function chainError(site: RefSite, maxDepth: number): KitError {
  return new KitError('SPEC_TOO_DEEP', `$ref ${JSON.stringify(site.ref)} starts a chain of more than ${maxDepth} $refs before a value (maxDepth)`, {
    file: site.doc.file,
    pointer: `${site.pointer}/$ref`,
  });
}

function missingError(missing: { site: RefSite; detail: string }[]): KitError {
  const [first, ...rest] = missing as [{ site: RefSite; detail: string }, ...{ site: RefSite; detail: string }[]];
  const listed = rest.slice(0, LISTED - 1).map(({ site }) => JSON.stringify(site.ref));
  const more = rest.length > listed.length ? `, and ${rest.length - listed.length} more` : '';
  const others = rest.length === 0 ? '' : `; ${rest.length} more missing: ${listed.join(', ')}${more}`;
  const message = (detail: string, ref: string): string => `$ref ${JSON.stringify(ref)} points at nothing (${detail})`;
  return new SpecProblems(
    'SPEC_REF_MISSING',
    `${message(first.detail, first.site.ref)}${others}`,
    { file: first.site.doc.file, pointer: `${first.site.pointer}/$ref` },
    missing.map(({ site, detail }) => ({ code: 'SPEC_REF_MISSING', file: site.doc.file, pointer: `${site.pointer}/$ref`, message: message(detail, site.ref) })),
  );
}
