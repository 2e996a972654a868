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
export { NUMBERS_ERROR_CODES, NUMBERS_OPERATION_IDS, DOCUMENTED_ERRORS, CODE_INFO } from './catalog/generated.js';

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
