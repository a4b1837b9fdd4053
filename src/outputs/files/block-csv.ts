import { csvField, csvRecord } from '../../csv/csv-record.js';
import type { BlockColumn, ColumnBlock } from './column-block.js';
import { isoTime } from './files-encoder.js';

/** The header line of a block's CSV: its column names. */
export function blockCsvHeader(block: ColumnBlock): string {
  return csvRecord(block.columns, (c) => csvField(c.name));
}

/** A block's rows as CSV (no header): ISO 8601 UTC timestamps, `true`/`false`, an empty field for null. */
export function blockCsvRows(block: ColumnBlock): string {
  const cells = block.columns.map(cellText);
  let out = '';
  for (let r = 0; r < block.rows; r++) out += csvRecord(cells, (cell) => cell(r));
  return out;
}

function cellText(c: BlockColumn): (row: number) => string {
  switch (c.type) {
    case 'timestamp':
      return (r) => isoTime(c.data[r]!);
    case 'double':
      return (r) => (Number.isFinite(c.data[r]) ? String(c.data[r]) : '');
    case 'integer':
      return (r) => String(c.data[r]);
    case 'boolean':
      return (r) => (c.data[r] === 1 ? 'true' : c.data[r] === 0 ? 'false' : '');
    case 'string':
      return (r) => (c.data[r] === null ? '' : csvField(c.data[r]!));
  }
}
