import type { Command } from 'commander';

/** --from/--to of the query verbs: ISO 8601, local at the site without an offset; the default is the last 24 h of data. */
export function periodFlags(command: Command): Command {
  return command
    .option('--from <time>', 'start, inclusive (ISO 8601; a bare date is local midnight at the site); default --to minus 24 h')
    .option('--to <time>', "end, exclusive; default just after the equipment's newest reading");
}
