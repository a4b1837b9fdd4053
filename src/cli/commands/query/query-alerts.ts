import { queryCommand } from '../../query-command.js';
import { periodFlags } from './period-flags.js';

export const queryAlertsCommand = queryCommand({
  name: 'alerts',
  summary: 'alerts of one equipment or all, optionally of one severity',
  configure: (c) =>
    periodFlags(c)
      .option('--equip <id>', 'one equipment (default all)')
      .option('--severity <s>', 'low, medium, high or critical')
      .option('--since <d>', 'the last D of the data (30m, 24h, 7d) instead of --from/--to; default 24h')
      .option('--limit <n>', 'most rows (default 1000)'),
  query: (q, _args, o) =>
    q.alerts({
      equip: o.equip as string | undefined,
      severity: o.severity as never,
      since: o.since as string | undefined,
      from: o.from as string | undefined,
      to: o.to as string | undefined,
      limit: o.limit as number | undefined,
    }),
});
