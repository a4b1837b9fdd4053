import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ArgsError } from '../errors.js';
import type { Store } from '../outputs/output.js';
import { DEFAULT_PGLITE_DIR } from '../outputs/pglite/pglite-options.js';
import { selectOutputs } from '../outputs/registry.js';
import { QueryClient } from '../query/query-client.js';
import type { QueryResult } from '../query/query-types.js';
import type { CliCommand, CliContext } from './commands/command.js';
import { addOutputFlags, outputRequests } from './output-flags.js';
import { formatQueryResult, parseQueryFormat } from './query-output.js';

/** A `haysim query <verb>`: its arguments and flags, and the library call it makes. */
export interface QueryVerb {
  readonly name: string;
  readonly summary: string;
  /** positional arguments in commander's syntax (`<equip>`, `[equip]`) */
  readonly args?: readonly string[];
  configure?(command: Command): void;
  query(client: QueryClient, args: readonly string[], options: Record<string, unknown>): Promise<QueryResult<object>>;
}

/**
 * Every query verb shares the store flags (`--db`/DATABASE_URL, `--data-dir`, the embedded store by
 * default), `--org` and `--format`, opens the store read-only through the library and prints the result.
 */
export function queryCommand(verb: QueryVerb): CliCommand {
  return {
    name: verb.name,
    summary: verb.summary,
    configure(command, cx) {
      for (const a of verb.args ?? []) command.argument(a);
      verb.configure?.(command);
      addOutputFlags(command, cx.outputs, ['store'])
        .option('--org <key>', 'organization key', 'demo')
        .option('--format <format>', 'table, csv or json', 'table');
    },
    async run(o, cx, args) {
      const format = parseQueryFormat(o.format ?? 'table');
      const org = String(o.org ?? 'demo');
      const store = queryStore(o, cx, org);
      const client = await QueryClient.over(store, { org });
      try {
        const out = formatQueryResult(await verb.query(client, args, o), format);
        process.stdout.write(out.stdout);
        process.stderr.write(out.stderr);
        return 0;
      } finally {
        await store.close();
      }
    },
  };
}

/** The store the flags name (`--db`/DATABASE_URL, `--data-dir`, else ./haysim-data), not yet open; it must already hold data. */
export function queryStore(o: Record<string, unknown>, cx: CliContext, org: string): Store {
  const requests = outputRequests(o, cx.outputs, ['store']);
  // an embedded store must already hold data: opening a missing folder would create an empty one
  const dataDir = requests.length === 0 ? DEFAULT_PGLITE_DIR : requests.find((r) => r.name === 'pglite')?.options.dataDir;
  if (typeof dataDir === 'string' && !requests.some((r) => r.name === 'postgres') && !existsSync(join(resolve(dataDir), 'PG_VERSION')))
    throw new ArgsError(`no embedded store in ${dataDir}: pass --db or --data-dir, or run haysim generate first`);
  const { store } = selectOutputs(requests, { org }, cx.outputs);
  if (!store) throw new ArgsError('query needs a store: pass --db or --data-dir');
  return store;
}

/** `--columns a,b` → the names, trimmed. */
export function columnsFlag(value: unknown): string[] | undefined {
  return value === undefined
    ? undefined
    : String(value)
        .split(',')
        .map((c) => c.trim());
}
