/**
 * The sources of a case (`x-numbers-error.sources`), read and checked. The older one-source form
 * `provenance: {kind, source, quote}` is still read, as one source, so existing annotated specs load.
 */
import { SOURCE_NAMES, type CaseSource, type ErrorCase, type Provenance, type ProvenanceKind, type SourceName } from './types.js';
import { isRecord } from '../util/record.js';

type Fail = (suffix: string, message: string) => never;

const KINDS: readonly ProvenanceKind[] = ['official-spec', 'sdk-fixture', 'status-page', 'inferred'];
/** The official spec's file, as the digest and `official-spec` pointers name it. */
export const OFFICIAL_SPEC_FILE = 'official-numbers-api-1.0.3.yaml';
export const STATUS_PAGE_FILE = 'numbers-status-codes.txt';

export function readSources(annotation: Record<string, unknown>, fail: Fail): CaseSource[] {
  if (annotation.sources === undefined) return [readOldProvenance(annotation.provenance, fail)];
  const list = annotation.sources;
  if (!Array.isArray(list) || list.length === 0) return fail('/sources', 'sources must be a non-empty list of {kind, ...}');
  return list.map((item, i) => readSource(item, `/sources/${i}`, fail));
}

function readSource(item: unknown, at: string, fail: Fail): CaseSource {
  if (!isRecord(item)) return fail(at, 'a source must be an object with a kind');
  const text = (key: string, optional = false): string | undefined => {
    const v = item[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v === '') return fail(`${at}/${key}`, `a ${String(item.kind)} source needs ${key} (a non-empty string)`);
    return v;
  };
  switch (item.kind) {
    case 'official-spec': {
      const pointer = text('pointer') as string;
      if (!pointer.startsWith('/')) return fail(`${at}/pointer`, `pointer must be a JSON pointer into ${OFFICIAL_SPEC_FILE}, starting with /`);
      const quote = text('quote', true);
      return quote === undefined ? { kind: 'official-spec', pointer } : { kind: 'official-spec', pointer, quote };
    }
    case 'status-page':
      return { kind: 'status-page', quote: text('quote') as string };
    case 'sdk-fixture':
      return { kind: 'sdk-fixture', repo: text('repo') as string, path: text('path') as string, quote: text('quote') as string };
    case 'inferred':
      return { kind: 'inferred', reason: text('reason') as string };
    default:
      return fail(`${at}/kind`, `source kind must be one of ${KINDS.join(', ')}`);
  }
}

function readOldProvenance(provenance: unknown, fail: Fail): CaseSource {
  if (!isRecord(provenance)) return fail('/provenance', 'provenance must be an object with kind, source and quote');
  if (!KINDS.includes(provenance.kind as ProvenanceKind)) return fail('/provenance/kind', `provenance.kind must be one of ${KINDS.join(', ')}`);
  if (typeof provenance.source !== 'string' || provenance.source === '') return fail('/provenance/source', 'provenance.source must be a non-empty string');
  if (typeof provenance.quote !== 'string' || provenance.quote === '') return fail('/provenance/quote', 'provenance.quote must be a non-empty string');
  const { kind, source, quote } = provenance as { kind: ProvenanceKind; source: string; quote: string };
  if (kind === 'inferred') return { kind, reason: `${quote} (${source})` };
  if (kind === 'status-page') return { kind, quote };
  if (kind === 'official-spec') return { kind, pointer: '/', quote: `${quote} (${source})` };
  return { kind, repo: source, path: '.', quote };
}

/** The `--source` names of the kinds of source that document a case, in SOURCE_NAMES order. */
export function sourceNamesOf(c: Pick<ErrorCase, 'sources'>): SourceName[] {
  return (Object.keys(SOURCE_NAMES) as SourceName[]).filter((name) => c.sources.some((s) => s.kind === SOURCE_NAMES[name]));
}

/** Where a source points, in one short line: `official-numbers-api-1.0.3.yaml#/paths/...`. */
export function sourceLocation(source: CaseSource): string {
  switch (source.kind) {
    case 'official-spec':
      return `${OFFICIAL_SPEC_FILE}#${source.pointer}`;
    case 'status-page':
      return STATUS_PAGE_FILE;
    case 'sdk-fixture':
      return `${source.repo}/${source.path}`;
    case 'inferred':
      return 'inferred';
  }
}

/** What a source says: its quote, or the reasoning of an inference. */
export function sourceText(source: CaseSource): string | undefined {
  return source.kind === 'inferred' ? source.reason : source.quote;
}

export function summarizeSources(sources: readonly CaseSource[]): Provenance {
  const first = sources[0] as CaseSource;
  const quote = sources.map(sourceText).find((t) => t !== undefined) ?? `declared at ${sourceLocation(first)}`;
  return { kind: first.kind, source: sources.map(sourceLocation).join(' + '), quote };
}
