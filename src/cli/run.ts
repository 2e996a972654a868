import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT, KitError, type ExitCode } from '../errors.js';
import { bundledSpecPath } from '../openapi/bundled.js';
import type { CliContext, CliIo } from './context.js';
import { registerList } from './commands/list.js';
import { registerGenerate } from './commands/generate.js';
import { registerVerify } from './commands/verify.js';
import { registerServe } from './commands/serve.js';
import { registerCoverage } from './commands/coverage.js';
import { registerLint } from './commands/lint.js';

/** A command action returns its exit code; thrown KitErrors become one-line messages. */
export type CommandAction = (ctx: CliContext) => Promise<ExitCode>;

export interface Registrar {
  /** Adds the global options (`--spec`, `--debug`) to a command and wires its action. */
  command(name: string, description: string): Command;
  run(action: (ctx: CliContext, command: Command) => Promise<ExitCode>): (...args: unknown[]) => Promise<void>;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code, never throwing:
 * the one place where errors are turned into `numbers-contract: CODE location: message`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const debug = argv.includes('--debug');
  const program = new Command('numbers-contract')
    .description('Contract tests for every error the Sinch Numbers API documents.')
    .option('--debug', 'print stack traces of internal errors')
    .version(packageVersion(), '--version', 'print the version of numbers-contract-kit')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .showSuggestionAfterError(true);

  const registrar: Registrar = {
    command(name, description) {
      return program
        .command(name)
        .description(description)
        .option('--spec <file>', 'OpenAPI spec annotated with x-numbers-error (default: the bundled openapi/numbers.v1.yaml)')
        .option('--debug', 'print stack traces of internal errors');
    },
    run(action) {
      return async (...args: unknown[]) => {
        const command = args[args.length - 1] as Command;
        const opts = command.opts<{ spec?: string; debug?: boolean }>();
        const ctx: CliContext = {
          ...io,
          specPath: opts.spec === undefined ? bundledSpecPath() : path.resolve(io.cwd, opts.spec),
          debug: opts.debug === true || program.opts<{ debug?: boolean }>().debug === true,
        };
        exitCode = await action(ctx, command);
      };
    },
  };

  registerList(registrar);
  registerGenerate(registrar);
  registerVerify(registrar);
  registerServe(registrar);
  registerCoverage(registrar);
  registerLint(registrar);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/** The kit's version, from its package.json (two folders up from src/cli/ and from dist/cli/). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

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
