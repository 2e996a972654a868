// Public API of numbers-contract-kit. Curated: add exports deliberately, never `export *` of internals.
import type * as Coverage from './coverage/index.js';
import type * as ProviderServer from './provider/server.js';
import type * as VerifyRun from './verify/run.js';

export { KitError, EXIT } from './errors.js';
export type { ExitCode } from './errors.js';
export type { Envelope, ErrorCase, CaseRequest, ProviderState, Provenance, Trigger, TriggerKind, HttpMethod, NumbersErrorCode, NumbersOperationId } from './catalog/types.js';
export type { Catalog, OperationInfo, EventCase, CallbackResourceType, CaseBase, NumbersCase, ProvisioningCase, ProvisioningFailure, ProvisioningPlatform, CaseKind } from './catalog/types.js';
export { CASE_KINDS, isErrorCase, isProvisioningCase } from './catalog/types.js';
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
  VOICE_APPLICATION_TYPES,
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
  VoiceApplicationType,
  DocumentedEvent,
} from './catalog/generated-events.js';
export { verifyNumbersSignature, signNumbersEvent, NUMBERS_SIGNATURE_HEADER } from './events/signature.js';
export type { RawBody } from './events/signature.js';
// The callback handler harness and the message pact of the events.
export { numbersEventMatrix, loadNumbersEventMatrix } from './pact/callback-harness.js';
export { NEGATIVE_KINDS } from './pact/callback-delivery.js';
export type { NumbersEventMatrix, NumbersEventMatrixOptions, MatrixEvent, NegativeOutcome } from './pact/callback-harness.js';
export type { EventDelivery, CallbackTarget, DeliveryAnswer, NegativeKind } from './pact/callback-delivery.js';
export { selectEventCases } from './catalog/index.js';
export type { EventSelector } from './catalog/index.js';
export { eventMessage, describeEvent, NUMBERS_TEST_HMAC_SECRET } from './pact/message.js';
export type { EventMessage } from './pact/message.js';
// The catalog of a spec (the bundled one, or one a user annotated the same way).
export { loadCatalog, selectCases, SINCH_SDK_TRIGGERS } from './catalog/index.js';
export type { CaseSelector } from './catalog/index.js';

// Assertion helpers: the runner-independent core. The matchers live in the subpath entries
// `numbers-contract-kit/chai`, `/expect`, `/vitest` and `/jest`.
export { parseNumbersError } from './match/parse.js';
export type { ParsedNumbersError, NumbersErrorParsed, NotNumbersErrorParsed, NotNumbersErrorReason, ReceiverKind, NumbersErrorExpectation, NumbersErrorShape, NumbersMatcherOptions, NumbersErrorMatchers } from './match/types.js';
export type { ProvisioningErrorExpectation } from './match/provisioning.js';

// Pact: the consumer harness (one mock server per error case, the pact file written once),
// the same interactions for a user's own PactV4, and the pure case → interaction mapping.
export { numbersErrorMatrix, loadNumbersErrorMatrix } from './pact/harness.js';
export type { NumbersErrorMatrix, NumbersErrorMatrixOptions, MatrixCase, CaseContext, ExpectedError, ExpectedProvisioningFailure, SinchSdkConfig, MatrixStats } from './pact/harness.js';
export { PactMismatchError, isPactMismatchError } from './pact/judge.js';
export { addNumbersErrorCase } from './pact/pact-js.js';
export type { V4ErrorInteraction } from './pact/pact-js.js';
export { errorInteraction, provisioningInteraction, caseInteraction, describeCase } from './pact/interaction.js';
export type { ErrorInteraction } from './pact/interaction.js';
export type { PactfileWriteMode } from './pact/recorder.js';
export type { PactLogLevel } from './pact/core.js';

// Provider side: the embedded reference Numbers provider and Pact provider verification.
// Provider, verification and coverage load on first call: they bring Ajv, the spec loader and the
// verifier, which a consumer test file that only runs the harness or the matchers never needs.
export const startReferenceProvider: typeof ProviderServer.startReferenceProvider = async (options) => (await import('./provider/server.js')).startReferenceProvider(options);
export type { ReferenceProvider, ReferenceProviderOptions, ProviderCredentials, RateLimitOptions } from './provider/types.js';
export const verifyContracts: typeof VerifyRun.verifyContracts = async (options) => (await import('./verify/run.js')).verifyContracts(options);
export type { VerifyResult, VerifyOptions, VerifySummary, InteractionOutcome, OutcomeStatus, StateHandler, StateHandlerFn } from './verify/types.js';

// Consumer error coverage of pact files against the catalog (the `coverage` command's engine).
export const computeCoverage: typeof Coverage.computeCoverage = async (options) => (await import('./coverage/index.js')).computeCoverage(options);
export { formatCoverageText } from './coverage/format-text.js';
export { formatCoverageHtml } from './coverage/format-html.js';
export type { CoverageOptions } from './coverage/index.js';
export type { CoverageReport } from './coverage/types.js';
