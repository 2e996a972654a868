// Public API of numbers-contract-kit. Curated: add exports deliberately, never `export *` of internals.
export { KitError, EXIT } from './errors.js';
export type { ExitCode } from './errors.js';
export type {
  Envelope,
  ErrorCase,
  CaseRequest,
  ProviderState,
  Provenance,
  Trigger,
  TriggerKind,
  HttpMethod,
  NumbersErrorCode,
  NumbersOperationId,
} from './catalog/types.js';
export type { Catalog, OperationInfo } from './catalog/types.js';
export { NUMBERS_ERROR_CODES, NUMBERS_OPERATION_IDS, DOCUMENTED_ERRORS, CODE_INFO } from './catalog/generated.js';
export type { DocumentedError } from './catalog/generated.js';
// Callback events: the typed unions of every event and provisioning code, the documented variants,
// and the signature helpers for handler code.
export {
  ACTIVE_NUMBER_EVENT_TYPES,
  NUMBER_ORDER_EVENT_TYPES,
  NUMBERS_EVENT_TYPES,
  ACTIVE_NUMBER_EVENT_STATUSES,
  NUMBER_ORDER_EVENT_STATUSES,
  NUMBERS_EVENT_STATUSES,
  NUMBERS_EVENT_FAILURE_CODES,
  SMS_ERROR_CODES,
  PROVISIONING_STATUSES,
  DOCUMENTED_EVENTS,
} from './catalog/generated-events.js';
export type {
  ActiveNumberEventType,
  NumberOrderEventType,
  NumbersEventType,
  ActiveNumberEventStatus,
  NumberOrderEventStatus,
  NumbersEventStatus,
  NumbersEventFailureCode,
  SmsErrorCode,
  ProvisioningStatus,
  DocumentedEvent,
} from './catalog/generated-events.js';
export type { EventCase, CallbackResourceType } from './catalog/event-types.js';
export { verifyNumbersSignature, signNumbersEvent, NUMBERS_SIGNATURE_HEADER } from './events/signature.js';
export type { RawBody } from './events/signature.js';
// The catalog of a spec (the bundled one, or one a user annotated the same way).
export { loadCatalog, selectCases } from './catalog/index.js';
export type { CaseFilter } from './catalog/index.js';

// Assertion helpers: the runner-independent core. The matchers live in the subpath entries
// `numbers-contract-kit/chai`, `/expect`, `/vitest` and `/jest`.
export { parseNumbersError } from './match/parse.js';
export type {
  ParsedNumbersError,
  NumbersErrorParsed,
  NotNumbersErrorParsed,
  NotNumbersErrorReason,
  ReceiverKind,
  NumbersErrorExpectation,
  NumbersErrorShape,
  NumbersMatcherOptions,
  NumbersErrorMatchers,
} from './match/types.js';

// Pact: the consumer harness (one mock server per error case, the pact file written once),
// the same interactions for a user's own PactV4, and the pure case → interaction mapping.
export { numbersErrorMatrix, loadNumbersErrorMatrix } from './pact/harness.js';
export type { NumbersErrorMatrix, NumbersErrorMatrixOptions, MatrixCase, CaseContext, MatrixStats } from './pact/harness.js';
export { selectErrorCases } from './pact/select.js';
export type { CaseSelector } from './pact/select.js';
export { PactMismatchError, isPactMismatchError } from './pact/judge.js';
export { addNumbersErrorCase } from './pact/pact-js.js';
export type { V4ErrorInteraction } from './pact/pact-js.js';
export { errorInteraction, describeCase } from './pact/interaction.js';
export type { ErrorInteraction } from './pact/interaction.js';
export type { PactfileWriteMode } from './pact/recorder.js';
export type { PactLogLevel } from './pact/core.js';

// Provider side: the embedded reference Numbers provider and Pact provider verification.
export { startReferenceProvider } from './provider/server.js';
export type { ReferenceProvider, ReferenceProviderOptions, ProviderCredentials, RateLimitOptions } from './provider/types.js';
export { verifyContracts } from './verify/run.js';
export type { VerifyResult } from './verify/run.js';
export type { VerifyOptions, VerifySummary, InteractionOutcome, OutcomeStatus, StateHandler, StateHandlerFn } from './verify/types.js';

// Consumer error coverage of pact files against the catalog (the `coverage` command's engine).
export { computeCoverage, formatCoverageText, formatCoverageHtml } from './coverage/index.js';
export type { CoverageOptions } from './coverage/index.js';
export type { CoverageReport } from './coverage/types.js';
