import { KitError, type ErrorCode, type KitErrorOptions } from '../errors.js';

export interface SpecProblem {
  code: ErrorCode;
  file: string;
  pointer: string;
  message: string;
}

/**
 * A front-door failure that found several problems of one kind at once (every missing `$ref`
 * target). The CLI's one line names the first and counts the rest; `lint` prints each.
 */
export class SpecProblems extends KitError {
  constructor(
    code: ErrorCode,
    message: string,
    options: KitErrorOptions,
    readonly problems: readonly SpecProblem[],
  ) {
    super(code, message, options);
  }
}

/** A JSON pointer cut to its first tokens: an ancestor, still a valid pointer, for very deep locations. */
export function ancestorPointer(pointer: string, tokens = 12): string {
  const parts = pointer.split('/');
  return parts.length <= tokens + 1 ? pointer : parts.slice(0, tokens + 1).join('/');
}
