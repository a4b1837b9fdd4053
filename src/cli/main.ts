import { Command, CommanderError } from 'commander';
import { HaysimError } from '../errors.js';
import { commands } from './commands/index.js';

/** The one place errors become text and exit codes: 0 ok, 1 runtime/I-O, 2 bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = new Command('haysim')
    .description('Simulated buildings as realistic, Project Haystack-tagged operations data')
    .option('--debug', 'show stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error: ') ? `haysim: ${s}` : s) })
    .showSuggestionAfterError(true);
  for (const command of commands) {
    const sub = program.command(command.name).description(command.summary).exitOverride();
    command.configure(sub);
    sub.action(async (options: Record<string, unknown>) => {
      process.exitCode = await command.run(options);
    });
  }
  try {
    process.exitCode = 0;
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are not failures; commander already printed its message
      return error.exitCode === 0 ? 0 : 2;
    }
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
