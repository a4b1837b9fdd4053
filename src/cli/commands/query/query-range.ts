import { columnsFlag, queryCommand } from '../../query-command.js';
import { periodFlags } from './period-flags.js';

export const queryRangeCommand = queryCommand({
  name: 'range',
  summary: 'readings of one equipment over a period, raw or aggregated per time bucket',
  args: ['<equip>'],
  configure: (c) =>
    periodFlags(c)
      .option('--columns <a,b>', 'columns to show (default all)')
      .option('--agg <agg>', 'avg, min, max, sum, count, first or last (with --every)')
      .option('--every <interval>', 'bucket: 1m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h, 1d or 7d (with --agg)')
      .option('--limit <n>', 'most rows (default 10000)'),
  query: (q, [equip], o) =>
    q.range(equip!, {
      columns: columnsFlag(o.columns),
      from: o.from as string | undefined,
      to: o.to as string | undefined,
      agg: o.agg as never,
      every: o.every as string | undefined,
      limit: o.limit as number | undefined,
    }),
});
