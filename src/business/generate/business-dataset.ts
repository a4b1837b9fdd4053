import type { LinkedSite } from '../link/building-link.js';
import type { Row, TableDef } from '../tables/table-def.js';

/** What a business dataset is made from. */
export interface BusinessOptions {
  /** seeds everything; the same options give byte-identical rows */
  readonly seed: number;
  /** multiplies every default row count (proportional counts, same rules) */
  readonly scale: number;
  /** exact row counts for some tables, by table name (applied after scale) */
  readonly overrides: Readonly<Record<string, number>>;
  /** the dataset's "today" (YYYY-MM-DD): history ends here, future appointments lie after it */
  readonly asOf: string;
  /** the simulated building as one more commercial customer, its rows after the regular ones (see linkBuildingToBusiness) */
  readonly link?: LinkedSite;
}

/** One table's rows, streamed: consume `rows` fully before asking for the next table. */
export interface TableRows {
  readonly table: TableDef;
  readonly count: number;
  /** of count, the rows the building link appended after the regular ones (absent: none) */
  readonly linked?: number;
  readonly rows: Iterable<Row>;
}
