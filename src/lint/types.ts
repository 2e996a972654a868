import type { LoadedSpec } from '../openapi/load.js';
import { isErrorCode, type ErrorCode } from '../errors.js';

/** One problem `numbers-contract lint` reports: `numbers-contract: CODE file#pointer: message`. */
export interface LintFinding {
  code: ErrorCode;
  file: string;
  pointer: string;
  message: string;
}

export interface LintReport {
  /** Absolute path of the spec. */
  file: string;
  operations: number;
  /** Error cases lint could read (all of them when there are no findings). */
  cases: number;
  findings: LintFinding[];
}

/** What every check is handed: the loaded spec and where findings go. */
export interface LintContext {
  spec: LoadedSpec;
  add(code: ErrorCode, pointer: string, message: string): void;
}

/** The finding code of a catalog error (SPEC_ANNOTATION is LINT_ANNOTATION); a code with no LINT_ twin stays. */
export function lintCodeOf(code: ErrorCode): ErrorCode {
  const lint = code.replace(/^SPEC_/, 'LINT_');
  return isErrorCode(lint) ? lint : code;
}
