import { ArgsError } from '../../../errors.js';
import { queryCommand } from '../../query-command.js';
import { periodFlags } from './period-flags.js';

export const queryAnomaliesCommand = queryCommand({
  name: 'anomalies',
  summary: 'readings of one column beyond a threshold over a period',
  args: ['<equip>'],
  configure: (c) =>
    periodFlags(c)
      .option('--column <name>', 'the number column to test')
      .option('--op <op>', "comparison: '>', '>=', '<', '<=', '=' or '!='")
      .option('--value <n>', 'the threshold')
      .option('--limit <n>', 'most rows (default 1000)'),
  query: (q, [equip], o) => {
    for (const flag of ['column', 'op', 'value'])
      if (o[flag] === undefined) throw new ArgsError(`query anomalies needs --${flag} (e.g. --column active_power_kw --op '>' --value 50)`);
    return q.anomalies(equip!, {
      column: String(o.column),
      op: String(o.op) as never,
      value: o.value as number,
      from: o.from as string | undefined,
      to: o.to as string | undefined,
      limit: o.limit as number | undefined,
    });
  },
});
