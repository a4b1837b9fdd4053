import type { TableDef } from '../tables/table-def.js';

/** What a finished run made: the options it was made from and the rows of each table. */
export interface BusinessSummary {
  readonly haysimVersion: string;
  readonly seed: number;
  readonly scale: number;
  readonly asOf: string;
  readonly overrides: Readonly<Record<string, number>>;
  /** rows per table, in the order written (the generator's: load order) */
  readonly tables: Readonly<Record<string, number>>;
  readonly totalRows: number;
  /** the simulated building linked in (--link-building), absent without one */
  readonly link?: BuildingLinkSummary;
}

export interface BuildingLinkSummary {
  /** the profile's name */
  readonly profile: string;
  readonly siteRef: string;
  /** the seed the building's telemetry was simulated with */
  readonly simSeed: number;
  /** of each table's rows, those the building added (tables it added none to left out), in load order */
  readonly tables: Readonly<Record<string, number>>;
}

/**
 * Where a business dataset goes (CSV files, PostgreSQL). One generation pass
 * feeds every output, table by table, as CSV text. Nothing an output writes
 * becomes visible before finish(): close() without finish() leaves the
 * previous dataset as it was.
 */
export interface BusinessOutput {
  /** `csv` or `postgres`, for messages */
  readonly name: string;
  /** folder or redacted URL and schema, for the summary */
  readonly location: string;
  /** connects or prepares the target; runs before any row is generated */
  open(): Promise<void>;
  beginTable(table: TableDef): Promise<void>;
  /** CSV lines of the current table; resolves when the output can take more */
  write(text: string): Promise<void>;
  endTable(table: TableDef, rows: number): Promise<void>;
  /** makes the whole dataset visible at once */
  finish(summary: BusinessSummary): Promise<void>;
  /** releases everything; before finish() it also discards what was written */
  close(): Promise<void>;
}
