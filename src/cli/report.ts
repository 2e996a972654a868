import { CommanderError } from 'commander';
import { EXIT, KitError, type ExitCode } from '../errors.js';
import type { CliIo } from './context.js';
import { displayPath } from '../util/display-path.js';
import { createRedactor } from '../util/redact.js';
import { oneLine } from '../util/terminal.js';

/** The one formatter of error lines: `numbers-contract: CODE location: message`, and the exit code. */
export function reportError(error: unknown, io: Pick<CliIo, 'stderr' | 'cwd'> & Partial<Pick<CliIo, 'env'>>, debug: boolean): ExitCode {
  // A location may be a URL with a password, a message may quote what the user gave: redacted.
  const redact = createRedactor({ env: io.env });
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT.ok; // --help, --version
    const message = error.message.replace(/^error: /, '');
    // Commander's own lines (a suggestion) are kept; the argument is the user's own typing, and the writer escapes controls.
    io.stderr(`numbers-contract: USAGE ${redact(message)}\n`);
    return EXIT.badInput;
  }
  if (error instanceof KitError) {
    const location = error.file !== undefined ? displayPath(io.cwd, error.file) + (error.pointer === undefined ? '' : `#${fragment(error.pointer)}`) : error.argument;
    io.stderr(`numbers-contract: ${error.code} ${location === undefined ? '' : `${oneLine(redact(location))}: `}${oneLine(redact(firstLine(error.message)))}\n`);
    if (debug && error.stack !== undefined) io.stderr(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`numbers-contract: INTERNAL ${oneLine(redact(firstLine(message)))} (this is a bug in numbers-contract-kit; rerun with --debug for the stack)\n`);
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
  return EXIT.internal;
}

/** A JSON pointer as a URI fragment (RFC 6901 §6): spaces and the like percent-encoded, braces kept readable. */
function fragment(pointer: string): string {
  return pointer.replace(/[\s%"<>\\^`|#]/g, (c) => encodeURIComponent(c));
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}
