import { Option } from 'commander';
import { KitError } from '../errors.js';
import type { CaseFilter } from '../catalog/index.js';
import { SOURCE_NAMES, type Envelope, type SourceName } from '../catalog/types.js';

/** Repeatable options: `--status 400 --status 403` or `--status 400,403`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
}

export function filterOptions(): Option[] {
  return [
    new Option('--operation <operationId>', 'only this operation (repeatable, or comma-separated)').argParser(collect),
    new Option('--status <status>', 'only this HTTP status (repeatable, or comma-separated)').argParser(collect),
    new Option('--code <code>', 'only this error code (repeatable, or comma-separated)').argParser(collect),
    new Option('--envelope <envelope>', 'only this envelope: google or legacy (repeatable)').argParser(collect),
    new Option('--source <source>', 'only cases this kind of source documents: official, status-page, sdk or inferred (repeatable)').argParser(collect),
  ];
}

export interface RawFilterOptions {
  operation?: string[];
  status?: string[];
  code?: string[];
  envelope?: string[];
  source?: string[];
}

/** Turns the raw filter options into a CaseFilter, rejecting values that cannot match anything. */
export function parseFilter(raw: RawFilterOptions): CaseFilter {
  const status = raw.status?.map((s) => {
    if (!/^[1-5]\d\d$/.test(s)) throw new KitError('USAGE', `takes an HTTP status such as 404, got ${JSON.stringify(s)}`, { argument: '--status' });
    return Number(s);
  });
  const envelope = raw.envelope?.map((e) => {
    if (e !== 'google' && e !== 'legacy') throw new KitError('USAGE', `takes google or legacy, got ${JSON.stringify(e)}`, { argument: '--envelope' });
    return e as Envelope;
  });
  const source = raw.source?.map((s) => {
    if (!Object.hasOwn(SOURCE_NAMES, s)) throw new KitError('USAGE', `takes ${Object.keys(SOURCE_NAMES).join(', ')}, got ${JSON.stringify(s)}`, { argument: '--source' });
    return s as SourceName;
  });
  return {
    ...(source === undefined ? {} : { source }),
    ...(raw.operation === undefined ? {} : { operation: raw.operation }),
    ...(status === undefined ? {} : { status }),
    ...(raw.code === undefined ? {} : { code: raw.code }),
    ...(envelope === undefined ? {} : { envelope }),
  };
}

/** A filter naming an operation or code the catalog does not have is a usage error, not an empty result. */
export function checkFilterNames(filter: CaseFilter, known: { operations: readonly string[]; codes: readonly string[] }): void {
  for (const op of filter.operation ?? []) {
    if (!known.operations.includes(op)) {
      throw new KitError('USAGE', `unknown operation ${JSON.stringify(op)}; known: ${known.operations.join(', ')}`, { argument: '--operation' });
    }
  }
  for (const code of filter.code ?? []) {
    if (!known.codes.includes(code)) throw new KitError('USAGE', `unknown code ${JSON.stringify(code)}; known: ${known.codes.join(', ')}`, { argument: '--code' });
  }
}
