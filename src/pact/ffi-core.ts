/**
 * The kit's slice of the Pact core over the core's native binding (native-core.ts finds it), call
 * for call what pact-core's JavaScript wrapper makes of the same binding functions.
 */
import { SPECIFICATION_V4, type CoreInteraction, type CoreMessage, type PactCore, type PactLogLevel } from './core-types.js';
import type { MatchResult } from './mismatches.js';
import type { PactFfi } from './native-core.js';

// pact-core's INTERACTION_PART_REQUEST / _RESPONSE.
const REQUEST = 0;
const RESPONSE = 1;
// The binding's negative answers to "create a mock server" (pact-core's CREATE_MOCK_SERVER_ERRORS).
const MOCK_SERVER_ERRORS: Record<number, string> = { [-1]: 'a null pointer', [-2]: 'a JSON parse error', [-3]: 'the server failed to start', [-4]: 'a panic', [-5]: 'the address is not valid', [-6]: 'no TLS configuration' };
// The binding's answers to "write the pact file" other than 0 (pact-core's FfiWritePactResponse).
const WRITE_ERRORS: Record<number, string> = { 1: 'the core panicked', 2: 'the file could not be written', 3: 'no such mock server' };

// Set on the binding (one object per process, shared by every module registry, Jest's included)
// once the kit has started the core's log.
const LOG_STARTED = Symbol.for('numbers-contract-kit.pact-core-log');

/**
 * The kit's slice of the core over the binding itself, call for call what pact-core's wrapper
 * makes of it. The core's log can be started once per process: a second start prints "Failed to
 * initialise global tracing subscriber" to the terminal, and pact-core starts it when it first
 * makes a pact (pact-js in the same process; under Jest, in every test file). So the kit starts it only
 * when asked for a level, once, and otherwise leaves it to whoever comes first: until then the
 * core logs nothing (it reports everything the kit reads through return values anyway).
 */
export function ffiCore(ffi: PactFfi, logLevel: PactLogLevel | undefined): PactCore {
  const marked = ffi as PactFfi & { [LOG_STARTED]?: PactLogLevel };
  if (logLevel !== undefined && marked[LOG_STARTED] === undefined) {
    ffi.pactffiInitWithLogLevel(logLevel);
    marked[LOG_STARTED] = logLevel;
  }
  const newHandle = (consumer: string, provider: string): number => {
    const handle = ffi.pactffiNewPact(consumer, provider);
    if (!ffi.pactffiWithSpecification(handle, SPECIFICATION_V4)) throw new Error('the Pact core refused specification V4');
    return handle;
  };
  const writePactFile = (handle: number, dir: string, merge = true): void => {
    const result = ffi.pactffiWritePactFile(handle, dir, !merge);
    if (result !== 0) throw new Error(`the Pact core did not write the pact file to ${dir}: ${WRITE_ERRORS[result] ?? `error code ${result}`}`);
  };
  return {
    newPact(consumer, provider) {
      const handle = newHandle(consumer, provider);
      return {
        newInteraction: (description) => httpInteraction(ffi, ffi.pactffiNewInteraction(handle, description)),
        createMockServer(address, port = 0, tls = false) {
          const bound = ffi.pactffiCreateMockServerForTransport(handle, address, port, tls ? 'https' : 'http', '');
          if (bound >= 1 && bound <= 65_535) return bound;
          // The binding hands the core's negative error codes over as unsigned 32-bit numbers.
          const code = bound | 0;
          throw new Error(`the Pact core could not start a mock server on ${address}: ${MOCK_SERVER_ERRORS[code] ?? `error code ${code}`}`);
        },
        mockServerMatchedSuccessfully: (port) => ffi.pactffiMockServerMatched(port),
        mockServerMismatches: (port) => parseMismatches(ffi.pactffiMockServerMismatches(port)),
        cleanupMockServer: (port) => ffi.pactffiCleanupMockServer(port),
        writePactFile: (dir, merge) => writePactFile(handle, dir, merge),
        addMetadata: (namespace, name, value) => ffi.pactffiWithPactMetadata(handle, namespace, name, value),
      };
    },
    newMessagePact(consumer, provider) {
      const handle = newHandle(consumer, provider);
      return {
        newAsynchronousMessage: (description) => asyncMessage(ffi, ffi.pactffiNewAsyncMessage(handle, description)),
        writePactFile: (dir, merge) => writePactFile(handle, dir, merge),
        addMetadata: (namespace, name, value) => ffi.pactffiWithPactMetadata(handle, namespace, name, value),
      };
    },
  };
}

function httpInteraction(ffi: PactFfi, i: number): CoreInteraction & { setComment(key: string, value: string): boolean } {
  return {
    given: (state) => ffi.pactffiGiven(i, state),
    givenWithParams: (state, params) => ffi.pactffiGivenWithParams(i, state, params),
    addTextComment: (comment) => ffi.pactffiAddTextComment(i, comment),
    addInteractionReference: (group, name, value) => ffi.pactffiAddInteractionReference(i, group, name, value),
    setComment: (key, value) => ffi.pactffiSetComment(i, key, value),
    withRequest: (method, requestPath) => ffi.pactffiWithRequest(i, method, requestPath),
    withQuery: (name, index, value) => ffi.pactffiWithQueryParameter(i, name, index, value),
    withRequestHeader: (name, index, value) => ffi.pactffiWithHeader(i, REQUEST, name, index, value),
    withRequestBody: (body, contentType) => ffi.pactffiWithBody(i, REQUEST, contentType, body),
    withStatus: (status) => ffi.pactffiResponseStatus(i, JSON.stringify(status)),
    withResponseHeader: (name, index, value) => ffi.pactffiWithHeader(i, RESPONSE, name, index, value),
    withResponseBody: (body, contentType) => ffi.pactffiWithBody(i, RESPONSE, contentType, body),
  };
}

function asyncMessage(ffi: PactFfi, m: number): CoreMessage {
  return {
    given: (state) => ffi.pactffiMessageGiven(m, state),
    givenWithParams: (state, params) => ffi.pactffiMessageGivenWithParams(m, state, params),
    expectsToReceive: (description) => ffi.pactffiMessageExpectsToReceive(m, description),
    setComment: (key, value) => ffi.pactffiSetComment(m, key, value),
    withContents: (body, contentType) => ffi.pactffiMessageWithContents(m, contentType, body),
    withMetadata: (name, value) => ffi.pactffiMessageWithMetadata(m, name, value),
  };
}

/** The mock server's report, as pact-core's wrapper parses it (each mismatch may itself be JSON text). */
function parseMismatches(text: string): MatchResult[] {
  const results = JSON.parse(text) as Array<MatchResult & { mismatches?: unknown[] }>;
  return results.map((result) => (Array.isArray(result.mismatches) ? { ...result, mismatches: result.mismatches.map((m) => (typeof m === 'string' ? (JSON.parse(m) as unknown) : m)) } : result)) as MatchResult[];
}
