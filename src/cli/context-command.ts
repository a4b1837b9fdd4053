import type { Command } from 'commander';
import { buildContext, type ContextKind, type ContextRequest } from '../context/build-context.js';
import { ArgsError } from '../errors.js';
import type { CliCommand } from './commands/command.js';
import { addQueryStoreFlags, withQueryClient } from './query-command.js';

/** A `haysim context <kind>`: its arguments, its own flags and how they become a request. */
export interface ContextVerb {
  readonly kind: ContextKind;
  readonly summary: string;
  /** positional arguments in commander's syntax */
  readonly args: readonly string[];
  configure?(command: Command): void;
  request(args: readonly string[], options: Record<string, unknown>): Omit<ContextRequest, 'kind' | 'budget' | 'hours' | 'to'>;
}

/**
 * Every context verb shares the store flags, `--org`, the period (`--hours`, `--to`), `--budget` and
 * `--format text|json`; it prints the text on stdout and, with a budget, its measured size on stderr.
 */
export function contextCommand(verb: ContextVerb): CliCommand {
  return {
    name: verb.kind,
    summary: verb.summary,
    configure(command, cx) {
      for (const a of verb.args) command.argument(a);
      verb.configure?.(command);
      addQueryStoreFlags(command, cx)
        .option('--hours <n>', 'hours covered (default 24)')
        .option('--to <time>', 'end, exclusive (ISO 8601, local at the site without an offset); default just after the newest reading')
        .option('--budget <tokens>', 'most tokens (o200k_base, as GPT-4o counts them) the text may take; detail is left out to fit')
        .option('--format <format>', 'text, or json (the text with its token count)', 'text');
    },
    async run(o, cx, args) {
      const format = String(o.format ?? 'text');
      if (format !== 'text' && format !== 'json')
        throw new ArgsError(`--format ${JSON.stringify(format)}: unknown format (known: text, json)`);
      const request: ContextRequest = {
        kind: verb.kind,
        ...verb.request(args, o),
        hours: o.hours as number | undefined,
        to: o.to as string | undefined,
        budget: o.budget as number | undefined,
      };
      const out = await withQueryClient(o, cx, (q) => buildContext(q, request));
      if (format === 'json') process.stdout.write(`${JSON.stringify(out)}\n`);
      else {
        process.stdout.write(out.text);
        if (out.tokens !== null) process.stderr.write(`${out.tokens} tokens${out.omitted ? `, ${out.omitted} lines left out` : ''}\n`);
      }
      return 0;
    },
  };
}
