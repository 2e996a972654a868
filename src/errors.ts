/**
 * Every failure the kit reports to a user is a KitError: a stable code from ERROR_CODES, the place
 * it concerns (a file and a JSON pointer, or a command-line argument) and the exit code the CLI ends
 * with. `docs/errors.md` is generated from ERROR_CODES (`npm run regen`); a code that is not listed
 * here does not typecheck.
 */
export const EXIT = {
  ok: 0,
  contractFailure: 1,
  badInput: 2,
  environment: 3,
  internal: 4,
  /** Ended by SIGINT (Ctrl+C) or SIGTERM, after cleaning up: 128 + the signal's number, as shells report it. */
  sigint: 130,
  sigterm: 143,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** How a code reaches the user: the exit code it ends with (the first is the default) and what it means. */
export interface ErrorCodeInfo {
  readonly family: ErrorFamily;
  readonly exit: readonly [ExitCode, ...ExitCode[]];
  readonly meaning: string;
}

/** Families, in the order docs/errors.md lists them. */
export const ERROR_FAMILIES = {
  cli: 'Command line and selection',
  spec: 'Spec (the front door and the catalog)',
  lint: 'numbers-contract lint (findings; each line exits 2 at the end)',
  pact: 'Contracts and the consumer harness',
  coverage: 'numbers-contract coverage',
  verify: 'Provider verification and the reference provider',
} as const;
export type ErrorFamily = keyof typeof ERROR_FAMILIES;

const e = (family: ErrorFamily, exit: ExitCode | readonly [ExitCode, ...ExitCode[]], meaning: string): ErrorCodeInfo => ({
  family,
  exit: typeof exit === 'number' ? [exit] : exit,
  meaning,
});

export const ERROR_CODES = {
  // Command line and selection
  USAGE: e('cli', 2, 'a command-line argument or option is malformed, unknown or missing'),
  INTERNAL: e('cli', 4, 'a bug in numbers-contract-kit (rerun with --debug for the stack)'),
  UNKNOWN_SELECTOR: e('cli', 2, 'a selection key that is no filter (e.g. `operations` for `operation`)'),
  UNKNOWN_OPERATION: e('cli', 2, 'a selected operationId that the catalog does not have'),
  UNKNOWN_CODE: e('cli', 2, 'a selected error code that no case of the catalog has'),
  BAD_STATUS: e('cli', 2, 'a selected status that is not an HTTP status, or that no case has'),
  BAD_ENVELOPE: e('cli', 2, 'a selected envelope that is not google or legacy, or that no case has'),
  UNKNOWN_TRIGGER: e('cli', 2, 'a selected trigger kind that is not one of the kinds a case can have'),
  UNKNOWN_SOURCE: e('cli', 2, 'a selected kind of source that is not official, status-page, sdk or inferred, or that no case has'),
  UNKNOWN_KIND: e('cli', 2, 'a selected kind of case that is not error or provisioning'),
  UNKNOWN_EVENT: e('cli', 2, 'a selected event id, resource type, event type, status or failure code that no callback event has'),
  UNKNOWN_CASE: e('cli', 2, "a case id that is not in the catalog, or not among a matrix's selected cases"),
  EMPTY_SELECTION: e('cli', 2, 'the filters together match no case; the message names the filter that emptied the selection'),
  BAD_NAME: e('cli', 2, 'a consumer or provider name that is not a usable pact participant name'),
  BAD_OPTIONS: e('cli', 2, 'options that cannot be combined (a state-change URL with state handlers, or without a provider URL)'),
  BAD_TIMEOUT: e('cli', 2, 'a verify timeout that is not a whole number of milliseconds from 1 to 600000'),
  BAD_URL: e('cli', 2, 'a URL that does not parse or is not http(s)'),
  BAD_WORKERS: e('cli', 2, 'a worker count out of range, or parallel workers against an external provider'),
  SIGNATURE_USAGE: e('cli', 2, 'verifyNumbersSignature or signNumbersEvent called with a parsed body (not raw bytes) or without a secret'),
  MATCHER_USAGE: e('cli', 2, 'an assertion helper was called with an expectation it cannot check (unknown code, impossible status)'),

  // Spec: the front door
  SPEC_UNREADABLE: e('spec', [2, 3], 'the spec does not exist (2), or cannot be read (EACCES...: 3)'),
  SPEC_NOT_FILE: e('spec', 2, 'a directory, FIFO, socket or device, as the spec or a `$ref` target'),
  SPEC_TOO_LARGE: e('spec', 2, 'over `maxBytes` (all files together), from the stat or while reading'),
  SPEC_ENCODING: e('spec', 2, 'UTF-16/32, a NUL byte, invalid UTF-8'),
  SPEC_SYNTAX: e('spec', 2, 'malformed YAML or JSON, several YAML documents, YAML 1.1, a complex key, `!!binary`, `.inf`'),
  SPEC_DUPLICATE_KEY: e('spec', 2, 'the same key twice in one mapping (YAML or JSON)'),
  SPEC_TOO_DEEP: e('spec', 2, 'over `maxDepth`, as written or once `$ref`s are followed'),
  SPEC_TOO_MANY_NODES: e('spec', 2, 'over `maxNodes`, as written or once `$ref`s are followed (a `$ref` bomb)'),
  SPEC_ALIAS_BUDGET: e('spec', 2, 'YAML aliases expand past `maxNodes` or `maxDepth` (billion laughs), or an alias inside its own anchor'),
  SPEC_EMPTY: e('spec', 2, 'empty, whitespace or comments only, `null`, `{}`'),
  SPEC_NOT_OBJECT: e('spec', 2, 'the root is a scalar or an array'),
  SPEC_VERSION: e('spec', 2, 'no `openapi`, not a string, not 3.0.x, or `swagger: "2.0"`'),
  SPEC_REF_ESCAPE: e('spec', 2, 'a `$ref` that is an absolute path, `../` out of the folder, `file:`, a network path, a symlink that leads out'),
  SPEC_REF_FILE_TYPE: e('spec', 2, 'a file `$ref` that is not `.yaml`, `.yml` or `.json` (also through a symlink)'),
  SPEC_REF_REMOTE: e('spec', 2, 'an http(s) `$ref`: the kit reads no remote refs'),
  SPEC_REF_UNSAFE: e('spec', 2, 'a `$ref` pointer token `__proto__`, `constructor` or `prototype`'),
  SPEC_REF_INVALID: e('spec', 2, 'an empty `$ref`, a backslash, a control character, a query string, a fragment that is not a JSON pointer, a bad escape, an unsupported scheme'),
  SPEC_REF_MISSING: e('spec', 2, 'a `$ref` target file or pointer that does not exist (all are counted; `lint` names each)'),
  SPEC_REF_CYCLE: e('spec', 2, 'a chain of `$ref`s that never reaches a value'),
  SPEC_TOO_MANY_FILES: e('spec', 2, 'more referenced files than `maxFiles`'),
  SPEC_REF_UNRESOLVED: e('spec', 2, 'swagger-parser asked for a document the front door did not load (a `$id` changed the base URI)'),
  SPEC_INVALID: e('spec', 2, 'no `paths` object, or the OpenAPI 3.0 schema is not met (the deepest problem, and how many more)'),
  SPEC_OPTIONS: e('spec', 2, 'a `loadSpec` option out of range'),
  // Spec: the catalog
  SPEC_ANNOTATION: e('spec', 2, '(catalog) a missing or malformed `x-numbers-error`, `x-numbers-state`, `x-numbers-event` or `x-numbers-provisioning`'),
  SPEC_EXAMPLE_MISMATCH: e('spec', 2, '(catalog) the annotation and the example body disagree'),
  SPEC_EXAMPLE_MISSING: e('spec', 2, '(catalog) a path parameter, required query parameter or JSON body without an example'),
  SPEC_ERROR_EXAMPLES: e('spec', 2, '(catalog) an error response without application/json examples'),
  SPEC_MULTIPART: e('spec', 2, '(catalog) a multipart/form-data example part whose name, file name or content type holds a quote or line break, or whose content holds the boundary'),
  SPEC_DUPLICATE_CASE: e('spec', 2, '(catalog) two cases with the same id'),
  SPEC_EVENT_EXAMPLES: e('spec', 2, '(catalog) an `x-webhooks` request body without application/json examples'),
  SPEC_EVENT_RULE: e('spec', 2, '(catalog) a callback event variant the event rules of openapi/README.md rule out (status, failureCode)'),
  SPEC_PROVISIONING_RULE: e('spec', 2, '(catalog) a provisioning-failure example the rules of openapi/README.md rule out (operation, errorCode, voiceType, job status)'),

  // lint findings
  LINT_NO_OPERATIONS: e('lint', 2, 'the spec has no operation'),
  LINT_OPERATION_ID: e('lint', 2, 'an operation without an operationId'),
  LINT_DUPLICATE_OPERATION_ID: e('lint', 2, 'two operations with the same operationId'),
  LINT_PATH_PARAM_UNDECLARED: e('lint', 2, 'a `{name}` of a path template that is not declared `in: path`'),
  LINT_PATH_PARAM_UNUSED: e('lint', 2, 'an `in: path` parameter that is not in the template'),
  LINT_PATH_TEMPLATE: e('lint', 2, 'a `{}`, or the same `{name}` twice, in a path template'),
  LINT_PATH_AMBIGUOUS: e('lint', 2, 'two path templates that differ only in parameter names'),
  LINT_ERROR_SCHEMA: e('lint', 2, 'a 4xx/5xx response without an application/json schema'),
  LINT_ERROR_EXAMPLES: e('lint', 2, 'a 4xx/5xx response without named examples, one per documented error'),
  LINT_SCHEMA_INVALID: e('lint', 2, 'a response schema that does not compile (Ajv)'),
  LINT_EXAMPLE_INVALID: e('lint', 2, 'an error example that does not validate against its response schema'),
  LINT_ANNOTATION: e('lint', 2, 'a missing `x-numbers-state`, or an incomplete `x-numbers-error` (code, envelope, trigger, state, provenance)'),
  LINT_EXAMPLE_MISSING: e('lint', 2, 'the canonical request cannot be built (a parameter or body example is missing)'),
  LINT_EXAMPLE_MISMATCH: e('lint', 2, 'the annotation and the body disagree (code, envelope, `error.code` = status)'),
  LINT_APPLICABILITY: e('lint', 2, 'an error documented where the rules of openapi/README.md say it cannot occur, or missing where they say it must'),
  LINT_UNKNOWN_CODE: e('lint', 2, 'an error code the kit does not know (`src/catalog/generated.ts`)'),
  LINT_CODE_STATUS: e('lint', 2, 'a known code at a status or in an envelope it does not have'),
  LINT_TRIGGER: e('lint', 2, 'a request-driven trigger that does not really break the request'),
  LINT_DUPLICATE_CASE: e('lint', 2, 'two cases with the same request that differ in provider state'),
  LINT_FAILED: e('lint', 2, 'the last line of a lint run with findings: how many'),

  // Contracts and the consumer harness
  NO_CASE_RAN: e('pact', 2, 'writePact() was called on a matrix whose cases never ran through matrix.run()'),
  CASE_OUTSIDE_TEST: e('pact', 1, 'a harness case ran outside its test (matrix.run not awaited or returned, or still running when its test ended); writePact() names them'),
  PACT_MISSING: e('pact', 3, '`@pact-foundation/pact` (or its core) cannot be loaded; install it next to the kit'),
  PACT_WRITE: e('pact', 4, 'the Pact core could not write the contract'),
  // Pact files, read by the one reader (pact/read.ts) for coverage, verify, generate --check and the harness's merge
  PACT_NOT_FOUND: e('pact', 2, 'a pact file or folder that does not exist, or a folder that holds no pact'),
  PACT_UNREADABLE: e('pact', [2, 3], 'a pact path that is not a regular file (a FIFO, a device, a folder named x.json, a symlink loop: 2), or that the system refuses to read (EACCES, EIO...: 3)'),
  PACT_TOO_LARGE: e('pact', 2, 'a pact file (or download) over 50 MiB'),
  PACT_SYNTAX: e('pact', 2, 'a pact file that is not JSON (line and column given)'),
  PACT_SHAPE: e('pact', 2, 'not a pact: no interactions array; an interaction without description, request, method, path or integer status; nesting over 100 levels; a repeated description (verify)'),
  PACT_VERSION: e('pact', 2, 'a pact specification version other than 1 to 4'),
  PACT_EMPTY: e('pact', 2, 'a pact without interactions, or without the HTTP interactions a command reads'),
  WRITE_FAILED: e('pact', 3, 'a file a command writes (contract, pact, HTML or JUnit report) cannot be written: the target and the cause (read-only, a directory in the way, a path under a file, no space...)'),
  CONTRACT_AMBIGUOUS: e('pact', 2, 'two cases send the same request in the same provider state'),
  CONTRACT_CREDENTIAL: e('pact', 2, "a case's Authorization example is not a placeholder"),
  CONTRACT_STALE: e('pact', 1, '`generate --check`: the committed contract differs from what the spec gives'),

  // coverage
  COVERAGE_BELOW: e('coverage', 1, '`--fail-under`: less of the documented errors in scope is covered than asked'),
  COVERAGE_UNDOCUMENTED: e('coverage', 1, '`--fail-on-undocumented`: a pact holds an error interaction the spec does not document'),
  NOT_APPLICABLE_LIST: e('coverage', [2, 3], '`--not-applicable`: not JSON, not `{ notApplicable: [{ select, reason }] }`, an entry without a reason, missing (2); unreadable (EACCES...: 3)'),

  // Provider verification and the reference provider
  NO_CONTRACTS: e('verify', 2, 'no pact named and no contracts/*.json to verify'),
  PACT_UNREACHABLE: e('verify', [3, 2], 'a pact URL that does not answer (3), answers an error status, or redirects too often (2)'),
  PROVIDER_UNREACHABLE: e('verify', 3, 'the provider does not answer HTTP before the verification starts'),
  PROVIDER_TIMEOUT: e('verify', 3, '(in an ERR line) the provider did not answer an interaction whole within `--timeout`'),
  PROVIDER_IO_ERROR: e('verify', 3, '(in an ERR line) the connection to the provider failed during an interaction'),
  PROVIDER_RESPONSE_TOO_LARGE: e('verify', 1, '(in a FAIL line) the provider answered an interaction with more than 50 MiB; the rest was not read'),
  STATE_SETUP_TIMEOUT: e('verify', 3, '(in an ERR line) a state setup did not answer within `--timeout`'),
  STATE_SETUP_IO_ERROR: e('verify', 3, '(in an ERR line) a state setup could not be reached'),
  STATE_TEARDOWN_TIMEOUT: e('verify', 3, '(in an ERR line) a state teardown did not answer within `--timeout`'),
  STATE_TEARDOWN_IO_ERROR: e('verify', 3, '(in an ERR line) a state teardown could not be reached'),
  STATE_HANDLER_MISSING: e('verify', 2, 'a provider state that no state handler answers'),
  VERIFIER_START: e('verify', 3, "Pact's verifier process cannot be started"),
  VERIFIER_FAILED: e('verify', 4, "Pact's verifier did not run, returned no JSON, or verified nothing"),
  VERIFY_TIMEOUT: e('verify', 3, 'the whole verification did not finish in time'),
  INTERRUPTED: e('verify', [130, 143, 3], 'the verification was interrupted: SIGINT (130), SIGTERM (143), or aborted by its caller (3)'),
  PROVIDER_HOST: e('verify', 2, 'the reference provider asked to listen beyond loopback'),
  PROVIDER_SPEC: e('verify', 2, 'the spec has operations the reference provider does not implement'),
  PROVIDER_LISTEN: e('verify', 3, 'the reference provider cannot listen on the address and port'),

  // Provider verification from a Pact Broker / PactFlow (verify --broker-url)
  BROKER_URL_MISSING: e('verify', 2, 'broker options without a broker: no `--broker-url` and no PACT_BROKER_BASE_URL'),
  BROKER_PROVIDER_MISSING: e('verify', 2, 'verifying from a broker without `--provider <name>`'),
  BROKER_CREDENTIALS: e('verify', 2, 'PACT_BROKER_USERNAME without PACT_BROKER_PASSWORD'),
  BAD_SELECTORS: e('verify', 2, '`--consumer-version-selectors` that is not a JSON array of known selectors'),
  BAD_DATE: e('verify', 2, '`--include-wip-pacts-since` that is not a date'),
  PROVIDER_VERSION_MISSING: e('verify', 2, '`--publish` without `--provider-version` or a CI commit variable'),
  BROKER_UNREACHABLE: e('verify', 3, 'the broker does not answer (refused, reset, timed out)'),
  BROKER_UNAUTHORIZED: e('verify', 2, 'the broker refused the credentials (401, 403); the line names the variables, never their values'),
  BROKER_REJECTED: e('verify', 2, 'the broker answered another client error (400 on the selectors, 404...)'),
  BROKER_ERROR: e('verify', 3, 'the broker answered a server error (5xx)'),
  NO_PACTS: e('verify', 2, '`--fail-if-no-pacts-found`: the broker selected no pact for the provider'),
  PUBLISH_FAILED: e('verify', 3, '`--publish`: a result was not accepted by the broker (the verification lines are still printed)'),
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

export interface KitErrorOptions {
  /** File the problem is in (shown relative to the cwd when possible). */
  file?: string;
  /** JSON pointer inside `file`, e.g. `/paths/~1v1~1projects/get`. */
  pointer?: string;
  /** Command-line argument or option the problem concerns, e.g. `--spec`. */
  argument?: string;
  /** Default: the code's first exit code in ERROR_CODES. */
  exitCode?: ExitCode;
  cause?: unknown;
}

/** Marks a KitError across copies of this module (ESM and CommonJS, or a test runner that loads both). */
const KIT_ERROR = Symbol.for('numbers-contract-kit.KitError');

export class KitError extends Error {
  override readonly name = 'KitError';
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly pointer: string | undefined;
  readonly argument: string | undefined;
  readonly exitCode: ExitCode;

  constructor(code: ErrorCode, message: string, options: KitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.pointer = options.pointer;
    this.argument = options.argument;
    this.exitCode = options.exitCode ?? ERROR_CODES[code].exit[0];
    Object.defineProperty(this, KIT_ERROR, { value: true });
  }

  /**
   * `instanceof KitError` holds for a KitError made by another copy of this module (the CommonJS
   * build, or tsx loading a file both ways); subclasses keep the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== KitError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[KIT_ERROR] === true;
  }

  /** Where the problem is: `file#pointer`, `file`, or `argument`. */
  get location(): string | undefined {
    if (this.file !== undefined) return this.pointer === undefined ? this.file : `${this.file}#${this.pointer}`;
    return this.argument;
  }
}

export function isKitError(value: unknown): value is KitError {
  return value instanceof KitError;
}
