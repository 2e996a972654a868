import { CommanderError } from 'commander';
import path from 'node:path';
import { EXIT, KitError, type ExitCode } from '../errors.js';
import type { CliIo } from './context.js';

/** The one formatter of error lines: `numbers-contract: CODE location: message`, and the exit code. */
export function reportError(error: unknown, io: Pick<CliIo, 'stderr' | 'cwd'>, debug: boolean): ExitCode {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT.ok; // --help, --version
    const message = error.message.replace(/^error: /, '');
    io.stderr(`numbers-contract: USAGE ${message}\n`);
    return EXIT.badInput;
  }
  if (error instanceof KitError) {
    const location = error.file !== undefined ? relative(io.cwd, error.file) + (error.pointer === undefined ? '' : `#${fragment(error.pointer)}`) : error.argument;
    io.stderr(`numbers-contract: ${error.code} ${location === undefined ? '' : `${location}: `}${firstLine(error.message)}\n`);
    if (debug && error.stack !== undefined) io.stderr(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`numbers-contract: INTERNAL ${firstLine(message)} (this is a bug in numbers-contract-kit; rerun with --debug for the stack)\n`);
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
  return EXIT.internal;
}

function relative(cwd: string, file: string): string {
  if (/^[a-z]+:\/\//i.test(file)) return file;
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

/** A JSON pointer as a URI fragment (RFC 6901 §6): spaces and the like percent-encoded, braces kept readable. */
function fragment(pointer: string): string {
  return pointer.replace(/[\s%"<>\\^`|#]/g, (c) => encodeURIComponent(c));
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}
