import { fileURLToPath } from 'node:url';
import path from 'node:path';

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

/** The package root, found from this file whether it runs from `src/` (tsx) or `dist/`. */
export function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // src/cli or dist/cli → two levels up
  return path.resolve(here, '..', '..');
}

export function bundledSpecPath(): string {
  return path.join(packageRoot(), 'openapi', 'numbers.v1.yaml');
}
