import Table from 'cli-table3';
import { csvField, csvRecord } from '../csv/csv-record.js';
import { ArgsError } from '../errors.js';
import type { QueryResult } from '../query/query-types.js';

export const QUERY_FORMATS = ['table', 'csv', 'json'] as const;
export type QueryFormat = (typeof QUERY_FORMATS)[number];

export function parseQueryFormat(value: unknown): QueryFormat {
  if ((QUERY_FORMATS as readonly unknown[]).includes(value)) return value as QueryFormat;
  throw new ArgsError(`--format ${JSON.stringify(value)}: unknown format (known: ${QUERY_FORMATS.join(', ')})`);
}

/**
 * A result as the user asked: a table for people, CSV (header, RFC 4180, NULL as an empty field) or the
 * whole result as JSON for scripts. What is not data (row count, query time, a truncation) goes to stderr
 * in the table and CSV formats, so stdout pipes cleanly.
 */
export function formatQueryResult(result: QueryResult<object>, format: QueryFormat): { stdout: string; stderr: string } {
  const note = `${result.rowCount} row${result.rowCount === 1 ? '' : 's'} in ${result.queryMs.toFixed(1)} ms${result.truncated ? ' (truncated: more rows matched; raise --limit)' : ''}\n`;
  const cells = (row: object) => result.columns.map((c) => (row as Record<string, unknown>)[c]);
  switch (format) {
    case 'json':
      return { stdout: `${JSON.stringify(result)}\n`, stderr: '' };
    case 'csv':
      return {
        stdout: csvRecord(result.columns, csvField) + result.rows.map((r) => csvRecord(cells(r), (v) => csvField(text(v)))).join(''),
        stderr: note,
      };
    default: {
      const table = new Table({ head: [...result.columns], style: { head: [], border: [] } });
      for (const row of result.rows) table.push(cells(row).map(text));
      return { stdout: `${table.toString()}\n`, stderr: note };
    }
  }
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
