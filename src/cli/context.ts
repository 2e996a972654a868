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
