import { columnsFlag, queryCommand } from '../../query-command.js';
import { periodFlags } from './period-flags.js';

export const queryStatsCommand = queryCommand({
  name: 'stats',
  summary: 'count, min, max, avg and sum per column of one equipment over a period',
  args: ['<equip>'],
  configure: (c) => periodFlags(c).option('--columns <a,b>', 'columns (default every number and boolean column)'),
  query: (q, [equip], o) =>
    q.stats(equip!, { columns: columnsFlag(o.columns), from: o.from as string | undefined, to: o.to as string | undefined }),
});
