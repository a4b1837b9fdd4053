// The one text form of a row: the CSV files hold it and PostgreSQL's COPY (FORMAT csv) reads it,
// so the files and the database cannot disagree.
import { csvField, csvRecord } from '../../csv/csv-record.js';
import type { Cell, Row, TableDef } from '../tables/table-def.js';

/** Text handed to an output at once: large enough that writes are few, small enough that memory stays flat. */
export const CHUNK_CHARS = 1 << 16;

/**
 * NULL is an empty field and an empty string a quoted one (`""`): that is how
 * COPY CSV tells them apart, and RFC 4180 parsers read both as empty text.
 */
function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell === '' ? '""' : csvField(cell);
  return String(cell); // integers as written, booleans as true/false
}

export function csvHeader(table: TableDef): string {
  return csvRecord(
    table.columns.map((c) => c.name),
    csvField,
  );
}

/** One row as a CSV line ending in `\n`; a row of the wrong width is a generator bug, caught here. */
function csvLine(table: TableDef, row: Row): string {
  if (row.length !== table.columns.length)
    throw new Error(`${table.name}: a row has ${row.length} cells for ${table.columns.length} columns`);
  return csvRecord(row, csvCell);
}

export interface CsvChunk {
  readonly text: string;
  /** rows in this chunk */
  readonly rows: number;
}

/** A table's rows as CSV text in ~64 KiB pieces, pulled one at a time (bounded memory). */
export function* csvChunks(table: TableDef, rows: Iterable<Row>): Generator<CsvChunk> {
  let text = '';
  let n = 0;
  for (const row of rows) {
    text += csvLine(table, row);
    n++;
    if (text.length >= CHUNK_CHARS) {
      yield { text, rows: n };
      text = '';
      n = 0;
    }
  }
  if (n > 0) yield { text, rows: n };
}
