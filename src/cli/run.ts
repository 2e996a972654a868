import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT, type ExitCode } from '../errors.js';
import { bundledSpecPath } from '../openapi/bundled.js';
import type { CliContext, CliIo, Registrar } from './context.js';
import { reportError } from './report.js';
import { registerList } from './commands/list.js';
import { registerGenerate } from './commands/generate.js';
import { registerVerify } from './commands/verify.js';
import { registerServe } from './commands/serve.js';
import { registerCoverage } from './commands/coverage.js';
import { registerLint } from './commands/lint.js';
import { terminalWriter } from '../util/terminal.js';

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code, never throwing:
 * the one place where errors are turned into `numbers-contract: CODE location: message`.
 */
export async function runCli(argv: readonly string[], given: CliIo): Promise<ExitCode> {
  // Everything any command writes reaches a terminal through the one sanitiser.
  const io: CliIo = { ...given, stdout: terminalWriter(given.stdout), stderr: terminalWriter(given.stderr) };
  let exitCode: ExitCode = EXIT.ok;
  const debug = argv.includes('--debug');
  // Answered before parsing, and package.json read only then: other commands touch no file they need not.
  if (argv.filter((a) => a !== '--debug').join(' ') === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const program = new Command('numbers-contract')
    .description('Contract tests for every error the Sinch Numbers API documents.')
    .option('--debug', 'print stack traces of internal errors')
    .option('--version', 'print the version of numbers-contract-kit')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .showSuggestionAfterError(true);

  const registrar: Registrar = {
    command(name, description) {
      return program.command(name).description(description).option('--spec <file>', 'OpenAPI spec annotated with x-numbers-error (default: the bundled openapi/numbers.v1.yaml)').option('--debug', 'print stack traces of internal errors');
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
