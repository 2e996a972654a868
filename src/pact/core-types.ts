/**
 * The slice of Pact's native core the kit drives, as pact-core's consumer API names it: the same
 * shape whether core.ts reaches the core through pact-core's wrapper or its binding (ffi-core.ts).
 */
import type { MatchResult } from './mismatches.js';

export type PactLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Pact-core's `ConsumerInteraction`, as far as the kit uses it. */
export interface CoreInteraction {
  given(state: string): boolean;
  givenWithParams(state: string, params: string): boolean;
  addTextComment(comment: string): boolean;
  addInteractionReference(group: string, name: string, value: string): boolean;
  withRequest(method: string, path: string): boolean;
  withQuery(name: string, index: number, value: string): boolean;
  withRequestHeader(name: string, index: number, value: string): boolean;
  withRequestBody(body: string, contentType: string): boolean;
  withStatus(status: number): boolean;
  withResponseHeader(name: string, index: number, value: string): boolean;
  withResponseBody(body: string, contentType: string): boolean;
}

/** Pact-core's `ConsumerPact` (one pact handle), as far as the kit uses it. */
export interface CorePact {
  newInteraction(description: string): CoreInteraction;
  createMockServer(address: string, port?: number, tls?: boolean): number;
  mockServerMatchedSuccessfully(port: number): boolean;
  mockServerMismatches(port: number): MatchResult[];
  cleanupMockServer(port: number): boolean;
  /** Writes `<consumer>-<provider>.json` into `dir`; `merge: false` overwrites. */
  writePactFile(dir: string, merge?: boolean): void;
  addMetadata(namespace: string, name: string, value: string): boolean;
}

/** Pact-core's `AsynchronousMessage` (one V4 message interaction), as far as the kit uses it. */
export interface CoreMessage {
  given(state: string): void;
  givenWithParams(state: string, params: string): void;
  expectsToReceive(description: string): void;
  setComment(key: string, value: string): boolean;
  /** The body, in the integration JSON format (values may be `pact:matcher:type` matchers). */
  withContents(body: string, contentType: string): void;
  /** One metadata entry; the value may be a matcher in the integration JSON format. */
  withMetadata(name: string, value: string): void;
}

/** Pact-core's `ConsumerMessagePact` (a pact of message interactions), as far as the kit uses it. */
export interface CoreMessagePact {
  newAsynchronousMessage(description: string): CoreMessage;
  writePactFile(dir: string, merge?: boolean): void;
  addMetadata(namespace: string, name: string, value: string): boolean;
}

export interface PactCore {
  /** A new pact handle at the V4 specification. */
  newPact(consumer: string, provider: string): CorePact;
  /** A new pact handle for asynchronous messages, at the V4 specification. */
  newMessagePact(consumer: string, provider: string): CoreMessagePact;
}

// pact-core's FfiSpecificationVersion for Pact V4 (pact-js `SpecificationVersion.SPECIFICATION_VERSION_V4`).
export const SPECIFICATION_V4 = 5;
