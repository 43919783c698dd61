// What a CLI command may touch of the outside world, passed in so commands are testable in-process.
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Current time in epoch ms (the CLI's only clock read). */
  readonly now: () => number;
  readonly cwd: string;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `craft-time --help`. */
  readonly summary: string;
  /** Full usage text for `craft-time NAME --help`. */
  readonly usage: string;
  /** Returns the process exit code. Throws UsageError for bad arguments. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
