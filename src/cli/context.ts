import type { Command } from 'commander';
import type { ExitCode } from '../errors.js';

/** What every command is handed: where to write, the environment, and the global options. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CliContext extends CliIo {
  /** Absolute path of the spec (`--spec`, default the bundled one). */
  specPath: string;
  debug: boolean;
}

export interface Registrar {
  /** Adds the global options (`--spec`, `--debug`) to a command and wires its action. */
  command(name: string, description: string): Command;
  /** A command action returns its exit code; thrown KitErrors become one-line messages. */
  run(action: (ctx: CliContext, command: Command) => Promise<ExitCode>): (...args: unknown[]) => Promise<void>;
}
