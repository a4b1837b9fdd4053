import { queryCommand } from '../../query-command.js';

export const querySqlCommand = queryCommand({
  name: 'sql',
  summary: 'one read-only statement (SELECT, WITH, VALUES, TABLE, SHOW, EXPLAIN) on the store',
  args: ['<statement>'],
  configure: (c) => c.option('--limit <n>', 'most rows (default 10000)'),
  query: (q, [statement], o) => q.sql(statement!, { limit: o.limit as number | undefined }),
});
