import type { Command } from 'commander';

/** A CLI verb: its name, one-line summary, flags and what it does with them. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  configure(command: Command): void;
  /** returns the exit code */
  run(options: Record<string, unknown>): Promise<number>;
}
