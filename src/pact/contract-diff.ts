/**
 * What changed between a committed contract and a freshly generated one, per interaction
 * (matched by description): added, removed, and changed with the fields that differ.
 * `metadata.pactRust` (the versions of the Pact core that wrote the file) is reported but never
 * makes a contract stale: it changes with the installed pact-js, not with the spec.
 */

interface FieldChange {
  /** Dotted path inside the interaction, e.g. `response.body.content.error.message`. */
  field: string;
  before: unknown;
  after: unknown;
}

export interface ContractDiff {
  added: string[];
  removed: string[];
  changed: Array<{ description: string; changes: FieldChange[] }>;
  metadata: FieldChange[];
  /** Differences that do not make the contract stale (the Pact core's versions). */
  notes: FieldChange[];
  /** The committed file is missing or not JSON. */
  unreadable?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** Leaf-level differences between two JSON values, as dotted paths. */
function fieldChanges(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => fieldChanges(before[key], after[key], prefix === '' ? key : `${prefix}.${key}`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: prefix === '' ? '(root)' : prefix, before, after }];
}

function interactionsOf(pact: Json): Map<string, unknown> {
  const list = Array.isArray(pact.interactions) ? (pact.interactions as unknown[]) : [];
  return new Map(list.map((interaction, index) => [String((interaction as Json).description ?? `#${index}`), interaction]));
}

export function diffContracts(committedText: string | undefined, freshText: string): ContractDiff {
  const diff: ContractDiff = { added: [], removed: [], changed: [], metadata: [], notes: [] };
  let committed: Json;
  try {
    if (committedText === undefined) throw new Error('the file does not exist');
    committed = JSON.parse(committedText) as Json;
  } catch (error) {
    const fresh = JSON.parse(freshText) as Json;
    diff.unreadable = error instanceof Error ? error.message : String(error);
    diff.added = [...interactionsOf(fresh).keys()];
    return diff;
  }
  const fresh = JSON.parse(freshText) as Json;
  const before = interactionsOf(committed);
  const after = interactionsOf(fresh);
  for (const [description, interaction] of after) {
    if (!before.has(description)) diff.added.push(description);
    else {
      const changes = fieldChanges(before.get(description), interaction);
      if (changes.length > 0) diff.changed.push({ description, changes });
    }
  }
  for (const description of before.keys()) if (!after.has(description)) diff.removed.push(description);
  for (const change of fieldChanges({ ...committed, interactions: null }, { ...fresh, interactions: null })) {
    (change.field.startsWith('metadata.pactRust') ? diff.notes : diff.metadata).push(change);
  }
  return diff;
}

export function isStale(diff: ContractDiff): boolean {
  return diff.unreadable !== undefined || diff.added.length + diff.removed.length + diff.changed.length + diff.metadata.length > 0;
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

const MAX_FIELDS = 8;

/** A readable report: one block per interaction, at most MAX_FIELDS fields each. */
export function formatContractDiff(diff: ContractDiff): string {
  const lines: string[] = [];
  if (diff.unreadable !== undefined) lines.push(`  committed contract unreadable: ${diff.unreadable}`);
  for (const description of diff.added) lines.push(`  + added:   ${description}`);
  for (const description of diff.removed) lines.push(`  - removed: ${description}`);
  for (const { description, changes } of diff.changed) {
    lines.push(`  ~ changed: ${description}`);
    for (const change of changes.slice(0, MAX_FIELDS)) lines.push(`      ${change.field}: ${show(change.before)} -> ${show(change.after)}`);
    if (changes.length > MAX_FIELDS) lines.push(`      ... and ${changes.length - MAX_FIELDS} more fields`);
  }
  for (const change of diff.metadata) lines.push(`  ~ ${change.field}: ${show(change.before)} -> ${show(change.after)}`);
  return lines.join('\n');
}
