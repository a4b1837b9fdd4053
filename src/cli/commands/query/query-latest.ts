import { columnsFlag, queryCommand } from '../../query-command.js';

export const queryLatestCommand = queryCommand({
  name: 'latest',
  summary: 'the newest reading of one equipment',
  args: ['<equip>'],
  configure: (c) => c.option('--columns <a,b>', 'columns to show (default all)'),
  query: (q, [equip], o) => q.latest(equip!, { columns: columnsFlag(o.columns) }),
});
