import type { CaseSelector } from '../catalog/select.js';
import type { CaseSource, HttpMethod, NumbersOperationId, ProvenanceKind } from '../catalog/types.js';

/** One pact file as read: who it is between, which specification it follows, how many interactions it holds. */
export interface PactSummary {
  /** The file as the user named it, relative to the working directory. */
  file: string;
  consumer: string;
  provider: string;
  /** Pact specification version, e.g. `4.0` (or `3.0.0`), as the file states it (or as inferred). */
  specification: string;
  interactions: number;
}

/** A response body as the pact holds it. */
export type PactBody = { kind: 'none' } | { kind: 'json'; value: unknown; contentType: string | undefined } | { kind: 'text'; text: string; contentType: string | undefined };

/** One interaction of a pact file, reduced to what coverage needs. Every field came from untrusted input. */
export interface PactInteraction {
  file: string;
  /** Position in the file's `interactions` array. */
  index: number;
  description: string;
  /** `Synchronous/HTTP` for V4 HTTP interactions; V1–V3 interactions are HTTP. */
  type: string;
  http: boolean;
  providerStates: string[];
  method: string | undefined;
  path: string | undefined;
  status: number | undefined;
  body: PactBody;
  /** The catalog case id the kit stamped on the interaction (V4 `comments.references` or a comment), if any. */
  stamp: string | undefined;
  /** A message interaction's JSON content (a callback event's body), if any. */
  message?: Record<string, unknown> | undefined;
}

export type MappingResult =
  | { result: 'covered'; via: 'stamp' | 'shape'; operationId: NumbersOperationId; caseIds: string[]; note?: string }
  | { result: 'undocumented'; operationId?: NumbersOperationId; reason: string }
  | { result: 'skipped'; operationId?: NumbersOperationId; reason: string };

export interface InteractionRef {
  file: string;
  index: number;
  description: string;
}

/** A message interaction that is a documented callback event variant (counted in the events section, events.ts). */
export type EventMapping = { result: 'event'; via: 'stamp' | 'shape'; caseIds: string[] };

export type InteractionReport = InteractionRef & {
  method: string | null;
  path: string | null;
  status: number | null;
  stamp: string | null;
} & (MappingResult | EventMapping);

export interface CaseCoverage {
  id: string;
  status: number;
  code: string;
  /** The error's envelope, or which provisioning job failed (`sms job FAILED`, `voice job FAILED`). */
  envelope: string;
  exampleName: string;
  summary: string;
  inferred: boolean;
  provenance: { kind: ProvenanceKind; source: string; quote: string };
  /** Every source that documents the case (official spec pointer, page quote, SDK fixture, inference). */
  sources: CaseSource[];
  pointer: string;
  covered: boolean;
  coveredBy: InteractionRef[];
  /** Declared not applicable to this consumer's client (`--not-applicable`) and not covered: where and why; else null. */
  notApplicable: { at: string; reason: string } | null;
}

export interface Tally {
  documented: number;
  /** Documented cases declared not applicable to the consumer's client (and not covered). */
  notApplicable: number;
  /** documented − notApplicable: what `percent` is of. */
  applicable: number;
  covered: number;
  /** applicable − covered. */
  uncovered: number;
  /** covered / applicable in percent, rounded down to one decimal (0 when nothing is applicable). */
  percent: number;
}

export interface OperationCoverage extends Tally {
  operationId: NumbersOperationId;
  method: HttpMethod;
  pathTemplate: string;
  /** Set when the spec deprecates the operation: what replaces it. */
  deprecated?: { replacement: string };
  cases: CaseCoverage[];
}

export interface CoverageReport {
  spec: { version: string; sha256: string };
  pacts: PactSummary[];
  scope: { source: 'pacts' | 'option'; operations: NumbersOperationId[] };
  totals: Tally & { operations: number; interactions: number; undocumented: number; skipped: number };
  operations: OperationCoverage[];
  interactions: InteractionReport[];
  /** The not-applicable list (`--not-applicable`), or null when none was given. */
  notApplicable: NotApplicableReport | null;
  /** The callback event variants, when a pact holds message interactions; else null (events.ts). */
  events: EventCoverage | null;
}

/** One documented callback event variant, covered by message interactions or not. */
export interface EventVariantCoverage {
  id: string;
  resourceType: string;
  eventType: string;
  status: string;
  failureCode: string | null;
  exampleName: string;
  summary: string;
  inferred: boolean;
  provenance: { kind: ProvenanceKind; source: string; quote: string };
  pointer: string;
  covered: boolean;
  coveredBy: InteractionRef[];
}

/** The event variants of the spec against the message interactions of the pacts, counted like error cases. */
export interface EventCoverage extends Tally {
  variants: EventVariantCoverage[];
}

/** The not-applicable list as applied: its entries and what they did not match. */
export interface NotApplicableReport {
  file: string;
  entries: { at: string; reason: string; select: CaseSelector; cases: string[] }[];
  /** Entries the pacts contradict (a declared case they cover: it counts as covered) or that select no case in scope. */
  warnings: string[];
}
