import { contextCommand } from '../../context-command.js';
import { columnsFlag } from '../../query-command.js';
import type { CliGroup } from '../command.js';

const columns = (o: Record<string, unknown>) => columnsFlag(o.columns);

/** `haysim context <kind>`: text about the store's equipment for LLM prompts. */
export const contextGroup: CliGroup = {
  name: 'context',
  summary: 'text for LLM prompts: summary, trend, anomalies, compare or alerts of equipment, within a token budget',
  commands: [
    contextCommand({
      kind: 'summary',
      summary: 'one equipment: what it is, its latest reading with units, min/avg/max over the period',
      args: ['<equip>'],
      configure: (c) => c.option('--columns <a,b>', 'columns (default all)'),
      request: (args, o) => ({ equipment: args, columns: columns(o) }),
    }),
    contextCommand({
      kind: 'trend',
      summary: 'one column over the period: statistics, change and a point per time bucket',
      args: ['<equip>'],
      configure: (c) =>
        c
          .option('--column <name>', 'the column')
          .option('--every <interval>', 'bucket width: 1m … 1d (default by the period: 1h up to 24 h)')
          .option('--agg <agg>', 'avg, min, max, sum, count, first or last (default avg)'),
      request: (args, o) => ({
        equipment: args,
        columns: columns({ columns: o.column }),
        every: o.every as string | undefined,
        agg: o.agg as never,
      }),
    }),
    contextCommand({
      kind: 'anomalies',
      summary: 'readings beyond mean ± k·σ, in runs, each matched with labelled ground-truth events',
      args: ['<equip>'],
      configure: (c) => c.option('--columns <a,b>', 'number columns (default all)').option('--k <n>', 'standard deviations (default 2)'),
      request: (args, o) => ({ equipment: args, columns: columns(o), k: o.k as number | undefined }),
    }),
    contextCommand({
      kind: 'compare',
      summary: 'several equipment on the same columns: avg/min/max of each over one period',
      args: ['<equip...>'],
      configure: (c) => c.option('--columns <a,b>', 'columns (default the number columns all share)'),
      request: (args, o) => ({ equipment: args, columns: columns(o) }),
    }),
    contextCommand({
      kind: 'alerts',
      summary: 'recent alerts by severity, with the labelled faults that caused them',
      args: ['[equip]'],
      configure: (c) => c.option('--severity <s>', 'low, medium, high or critical'),
      request: (args, o) => ({ equipment: args, severity: o.severity as never }),
    }),
  ],
};
