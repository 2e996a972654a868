/** Options and results of `verifyContracts` (the programmatic face of `numbers-contract verify`). */
import type { Catalog } from '../catalog/types.js';
import type { KitError } from '../errors.js';
import type { BrokerOptions } from './broker-options.js';

/** A provider-state handler: sets the provider up for the state (or tears it down). May throw: that interaction then fails with the message. */
export type StateHandlerFn = (params: Record<string, unknown>) => unknown;
export type StateHandler = StateHandlerFn | { setup?: StateHandlerFn; teardown?: StateHandlerFn };

export interface VerifyOptions {
  /** Pact files, directories of pact files, or http(s) URLs of pact files. */
  pactUrls: readonly string[];
  /** The provider to verify. Default: the embedded reference provider on an ephemeral loopback port. */
  providerBaseUrl?: string;
  /** An external provider's state-change endpoint (Pact's `POST {state, params, action}`). */
  stateChangeUrl?: string;
  /** In-process state handlers for an external provider (instead of `stateChangeUrl`). */
  stateHandlers?: Readonly<Record<string, StateHandler>>;
  /** Timeout of each provider request and state change, ms (default 10000). */
  timeoutMs?: number;
  /** Write a JUnit XML report here (atomically). */
  junitFile?: string;
  /**
   * Where credentials come from: `SINCH_KEY_ID` + `SINCH_KEY_SECRET` (Basic) or `SINCH_ACCESS_TOKEN`
   * (Bearer), and `SINCH_PROJECT_ID` for the project in paths. Default `process.env`.
   */
  env?: NodeJS.ProcessEnv;
  /** The spec of the embedded provider (default: the bundled one). */
  specPath?: string;
  catalog?: Catalog;
  /** Directory paths are shown relative to (default `process.cwd()`). */
  cwd?: string;
  /**
   * Verifier processes run in parallel. Default: 2 against the reference provider (each gets its
   * own project there), 1 against an external provider (more is refused: its states would collide).
   */
  workers?: number;
  /** Called as interactions complete (approximate while running, exact at the end). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Verify the pacts a Pact Broker / PactFlow selects for the provider (instead of `pactUrls`, which
   * must then be empty), with Pact's verifier; credentials from PACT_BROKER_TOKEN or
   * PACT_BROKER_USERNAME + PACT_BROKER_PASSWORD in `env`.
   */
  broker?: BrokerOptions;
  /** Aborting stops the verifier and closes everything. */
  signal?: AbortSignal;
}

export type OutcomeStatus = 'passed' | 'failed' | 'error' | 'pending';

export interface InteractionOutcome {
  /** The catalog case id (from the interaction's references), else its description. */
  caseId: string;
  description: string;
  /** The pact file, relative to `cwd` (or the URL it came from). */
  source: string;
  /**
   * `passed`; `failed`: the provider does not honour the contract (or refused to set its state up);
   * `error`: environment (a provider request or state change that timed out or could not connect);
   * `pending`: failed, in a pact (or interaction) the broker marks pending: reported, not failing the run.
   */
  status: OutcomeStatus;
  durationMs: number;
  /** What differed, one line each, secrets redacted. Empty when passed. */
  problems: string[];
}

export interface VerifySummary {
  /** `reference provider` or the provider's base URL. */
  provider: string;
  sources: string[];
  total: number;
  passed: number;
  failed: number;
  errors: number;
  /** Failed interactions of pending pacts (not counted in `failed`). */
  pending: number;
  durationMs: number;
  /** In run order. */
  outcomes: InteractionOutcome[];
  /** 0 all verified, 1 contract failures, 3 only environment errors. */
  exitCode: 0 | 1 | 3;
}

export interface VerifyResult extends VerifySummary {
  /** Notes for the user (e.g. states that cannot be set up), already redacted. */
  warnings: string[];
  /** What Pact's core printed, redacted (for --debug). */
  verifierLog: string;
  /** Verifier processes that ran in parallel. */
  workers: number;
  /** A verification from a broker: what it selected, what was published. */
  broker?: BrokerReport;
  /** The JUnit report could not be written (exit 3, said after the results): WRITE_FAILED naming the file. */
  junitError?: KitError;
}

/** What a broker run tells beyond the interaction lines. */
export interface BrokerReport {
  /** The broker, as printed. */
  url: string;
  provider: string;
  /** Pacts the broker selected and the verifier fetched. */
  pacts: number;
  /** Of those, pacts the broker marked pending. */
  pendingPacts: number;
  /** With --publish: the provider version and how many results the broker accepted. */
  published?: { providerVersion: string; branch?: string; accepted: number };
  /** Why there is nothing to report (no pact selected); the run then exits 0. */
  note?: string;
  /** With --publish: a result the broker did not accept (the run then exits 3 at least). */
  publishFailure?: string;
}
