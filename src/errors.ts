/**
 * Every failure the kit reports to a user is a KitError: a stable code, the place it concerns
 * (a file and a JSON pointer, or a command-line argument) and the exit code the CLI ends with.
 */
export const EXIT = {
  ok: 0,
  contractFailure: 1,
  badInput: 2,
  environment: 3,
  internal: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface KitErrorOptions {
  /** File the problem is in (shown relative to the cwd when possible). */
  file?: string;
  /** JSON pointer inside `file`, e.g. `/paths/~1v1~1projects/get`. */
  pointer?: string;
  /** Command-line argument or option the problem concerns, e.g. `--spec`. */
  argument?: string;
  exitCode?: ExitCode;
  cause?: unknown;
}

export class KitError extends Error {
  override readonly name = 'KitError';
  readonly code: string;
  readonly file: string | undefined;
  readonly pointer: string | undefined;
  readonly argument: string | undefined;
  readonly exitCode: ExitCode;

  constructor(code: string, message: string, options: KitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.pointer = options.pointer;
    this.argument = options.argument;
    this.exitCode = options.exitCode ?? EXIT.badInput;
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
