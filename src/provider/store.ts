/**
 * The in-memory store: one `Project` per project ID, created from the deterministic seed on first
 * use, so the provider serves whatever project a path names (the spec's example project, or the
 * real one a verification substitutes). One `ProjectRegistry` per server; nothing module-level.
 */
import { activeNumber, availableFor, SEED_CAMPAIGN, SEED_EMERGENCY_NUMBER, SEED_HMAC_SECRET, SEED_SERVICE_PLAN, seedActive, seedAvailable, seedEmergencyAddress } from './seed.js';
import type { ReviewOutcome } from './order-lifecycle.js';
import type { ActiveNumber, AvailableNumber, EmergencyAddressRecord, NumberOrderRecord, PendingEvent } from './types.js';

/** Conditions provider states put a project in. Each makes some operations answer a documented error. */
export interface ProjectConditions {
  /** Infrastructure: every operation fails. */
  failure: 'internal' | 'unknown' | 'unavailable' | undefined;
  rateLimited: boolean;
  accessDenied: boolean;
  blocked: boolean;
  invalidProjectId: boolean;
  /** The project ID names no project (the list operations answer 404). */
  projectMissing: boolean;
  /** Renting conditions. */
  noCredit: boolean;
  missingDocuments: boolean;
  unsupportedCurrency: boolean;
  trial: boolean;
  /** Regions where no number type may be rented. */
  illegalRegions: Set<string>;
  /** Campaign IDs that do not match the originator. */
  mismatchedCampaigns: Set<string>;
  /**
   * Provisioning jobs that fail (their callback events report FAILED), by event type: the
   * failureCode the event carries, or '' for a failure that names none (see callback-events.ts).
   */
  failingJobs: Map<string, string>;
  /** How the review of a submitted order ends (on the next read of the order); PENDING keeps it in review. */
  orderReview: ReviewOutcome | 'PENDING';
  /** Attachments larger than this many bytes get 413 CONTENT_TOO_LARGE. */
  attachmentLimitBytes: number;
}

/** The attachment size the provider accepts by default (below its default 1 MiB body limit). */
const ATTACHMENT_LIMIT_BYTES = 512 * 1024;

export class Project {
  readonly available = new Map<string, AvailableNumber>();
  readonly active = new Map<string, ActiveNumber>();
  readonly emergency = new Map<string, EmergencyAddressRecord>();
  readonly orders = new Map<string, NumberOrderRecord>();
  /** Events owed a callback, oldest first (the hook for callback delivery; nothing sends them yet). */
  readonly outbox: PendingEvent[] = [];
  private orderSequence = 0;
  callback: { hmacSecret: string } | undefined;
  readonly servicePlans = new Set<string>();
  readonly campaigns = new Set<string>();
  conditions: ProjectConditions = freshConditions();
  /** Callback events rendered so far: the sequence behind their stable ids and fixed-clock timestamps. */
  eventSeq = 0;

  constructor(readonly id: string) {
    this.reset();
  }

  /** Back to the seed: numbers, configuration and no conditions. */
  reset(): void {
    this.available.clear();
    this.active.clear();
    this.emergency.clear();
    this.orders.clear();
    this.outbox.length = 0;
    this.orderSequence = 0;
    for (const n of seedAvailable()) this.available.set(n.phoneNumber, n);
    for (const n of seedActive(this.id)) this.active.set(n.phoneNumber, n);
    this.emergency.set(SEED_EMERGENCY_NUMBER, seedEmergencyAddress());
    this.callback = { hmacSecret: SEED_HMAC_SECRET };
    this.servicePlans.clear();
    this.servicePlans.add(SEED_SERVICE_PLAN);
    this.campaigns.clear();
    this.campaigns.add(SEED_CAMPAIGN);
    this.conditions = freshConditions();
    this.eventSeq = 0;
  }

  /** Makes `phoneNumber` available to rent (taking it out of the active numbers if needed). */
  ensureAvailable(phoneNumber: string): void {
    this.active.delete(phoneNumber);
    this.emergency.delete(phoneNumber);
    if (!this.available.has(phoneNumber)) this.available.set(phoneNumber, availableFor(phoneNumber));
  }

  /** A new number order ID: 26 lower-case characters like the API's, deterministic per project. */
  nextOrderId(): string {
    let id: string;
    do {
      this.orderSequence += 1;
      id = `01kn0rder${this.orderSequence.toString(36).padStart(17, '0')}`;
    } while (this.orders.has(id));
    return id;
  }

  /** Makes `phoneNumber` one of the project's active numbers. */
  ensureActive(phoneNumber: string): void {
    this.available.delete(phoneNumber);
    if (!this.active.has(phoneNumber)) this.active.set(phoneNumber, activeNumber(this.id, phoneNumber));
  }
}

function freshConditions(): ProjectConditions {
  return {
    failure: undefined,
    rateLimited: false,
    accessDenied: false,
    blocked: false,
    invalidProjectId: false,
    projectMissing: false,
    noCredit: false,
    missingDocuments: false,
    unsupportedCurrency: false,
    trial: false,
    illegalRegions: new Set(),
    mismatchedCampaigns: new Set(),
    failingJobs: new Map(),
    orderReview: 'COMPLETED',
    attachmentLimitBytes: ATTACHMENT_LIMIT_BYTES,
  };
}

/** At most this many projects are kept; the oldest is dropped (and would be re-seeded on next use). */
const MAX_PROJECTS = 256;

export class ProjectRegistry {
  private readonly projects = new Map<string, Project>();

  get(projectId: string): Project {
    let project = this.projects.get(projectId);
    if (project === undefined) {
      project = new Project(projectId);
      this.projects.set(projectId, project);
      if (this.projects.size > MAX_PROJECTS) {
        const oldest = this.projects.keys().next().value;
        if (oldest !== undefined) this.projects.delete(oldest);
      }
    }
    return project;
  }

  resetAll(): void {
    for (const project of this.projects.values()) project.reset();
  }
}
