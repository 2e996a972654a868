import type { LoadedSpec } from '../openapi/load.js';

/** One problem `numbers-contract lint` reports: `numbers-contract: CODE file#pointer: message`. */
export interface LintFinding {
  code: string;
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
  add(code: string, pointer: string, message: string): void;
}
