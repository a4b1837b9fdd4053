import type { QueryResult } from '../query/query-types.js';

/** Most rows any tool returns, and most characters of JSON its rows may take: an agent's context is small. */
export const MAX_ROWS = 500;
export const MAX_CHARS = 50_000;

/** A result an agent can hold: within MAX_CHARS of rows, `note` saying what was left out and how to ask for less. */
export type BoundedResult = Omit<QueryResult<object>, 'rows'> & { readonly rows: readonly object[]; readonly note?: string };

/**
 * Drops trailing rows until the rows' JSON fits MAX_CHARS (by halving, then row by row), and notes any
 * truncation: by the row limit (the library's flag) or by size here.
 */
export function boundResult<R extends QueryResult<object>>(result: R): BoundedResult & Omit<R, 'rows'> {
  let rows = result.rows;
  const size = (rs: readonly object[]) => JSON.stringify(rs).length;
  while (rows.length > 1 && size(rows) > MAX_CHARS) rows = rows.slice(0, Math.max(1, Math.floor(rows.length / 2)));
  while (rows.length < result.rows.length && size(result.rows.slice(0, rows.length + 1)) <= MAX_CHARS)
    rows = result.rows.slice(0, rows.length + 1);
  const cut = rows.length < result.rows.length;
  const truncated = result.truncated || cut;
  const note = truncated
    ? `truncated: ${rows.length} rows shown${cut ? ` of ${result.rows.length} (size limit ${MAX_CHARS} characters)` : ', more matched the limit'}; narrow the period, name fewer columns, or aggregate with agg and every`
    : undefined;
  return { ...result, rows, rowCount: rows.length, truncated, ...(note ? { note } : {}) };
}
