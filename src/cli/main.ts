import { Command, CommanderError } from 'commander';
import { HaysimError, OptionsError } from '../errors.js';
import { OUTPUTS } from '../outputs/registry.js';
import type { CliCommand, CliContext, CliGroup } from './commands/command.js';
import { commands } from './commands/index.js';
import { outputFlagNames } from './output-flags.js';

/**
 * The one place errors become text and exit codes: 0 ok, 1 runtime/I-O, 2 bad input.
 * `context` lets tests run the CLI with more outputs than the built-in ones.
 */
export async function main(argv: readonly string[], context: CliContext = { outputs: OUTPUTS }): Promise<number> {
  const debug = argv.includes('--debug');
  const program = new Command('haysim')
    .description('Simulated buildings as realistic, Project Haystack-tagged operations data')
    .option('--debug', 'show stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error: ') ? `haysim: ${s}` : s) })
    .showSuggestionAfterError(true);
  for (const entry of commands) {
    if ('commands' in entry) addGroup(program, entry, context);
    else addCommand(program, entry, context);
  }
  try {
    process.exitCode = 0;
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (caught) {
    if (caught instanceof CommanderError) {
      // help and version are not failures; commander already printed its message
      return caught.exitCode === 0 ? 0 : 2;
    }
    // the library names options (`mqtt.topic`); here they are the flags the user typed (`--topic`)
    const error = caught instanceof OptionsError ? caught.renamed(outputFlagNames(context.outputs)) : caught;
    if (error instanceof HaysimError) {
      process.stderr.write(`haysim: error: ${error.message}\n`);
      if (debug)
        process.stderr.write(`${error.stack}\n${error.cause ? `caused by: ${(error.cause as Error).stack ?? error.cause}\n` : ''}`);
      return error.exitCode;
    }
    process.stderr.write(`haysim: internal error: ${(error as Error).message ?? error}\n`);
    if (debug) process.stderr.write(`${(error as Error).stack}\n`);
    else process.stderr.write('haysim: run again with --debug for details, and please report it\n');
    return 1;
  }
}

function addCommand(parent: Command, command: CliCommand, context: CliContext, isDefault = false): void {
  const sub = parent.command(command.name, { isDefault }).description(command.summary).exitOverride();
  command.configure(sub, context);
  // commander passes the declared arguments first (a variadic one as an array), then the options and the command
  sub.action(async (...params: unknown[]) => {
    const args = params
      .slice(0, -2)
      .flat()
      .filter((a): a is string => typeof a === 'string');
    process.exitCode = await command.run(params.at(-2) as Record<string, unknown>, context, args);
  });
}

function addGroup(parent: Command, group: CliGroup, context: CliContext): void {
  const sub = parent.command(group.name).description(group.summary).exitOverride();
  group.commands.forEach((command, i) => addCommand(sub, command, context, i === 0));
}
