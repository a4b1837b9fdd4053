import type { Command } from 'commander';
import type { OutputDefinition } from '../../outputs/output.js';

/** What every command may use: the outputs registry (tests extend it). */
export interface CliContext {
  readonly outputs: readonly OutputDefinition[];
}

/** A CLI verb: its name, one-line summary, flags and what it does with them. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  configure(command: Command, cx: CliContext): void;
  /** returns the exit code; `args` are the positional arguments the command declared in configure() */
  run(options: Record<string, unknown>, cx: CliContext, args: readonly string[]): Promise<number>;
}

/** A noun with verbs of its own (`haysim env-sensors live|backfill`); the first verb runs when none is named. */
export interface CliGroup {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly CliCommand[];
}
