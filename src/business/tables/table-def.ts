/**
 * The neutral description of a business table: the generators fill rows in
 * column order, and the CSV writer, the PostgreSQL loader, the dbt project
 * (seed column types, schema tests) and the integrity tests all read it.
 */
export type ColumnType = 'integer' | 'text' | 'date' | 'timestamp' | 'boolean' | 'money' | 'numeric';

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  /** 'numeric' columns only: precision and scale, as in numeric(p,s) */
  readonly precision?: readonly [number, number];
  /** absent: NOT NULL */
  readonly nullable?: boolean;
  readonly unique?: boolean;
  /** foreign key to this table's primary key */
  readonly references?: string;
  /** the only values the column may hold (dbt accepted_values, a CHECK in PostgreSQL) */
  readonly values?: readonly string[];
  readonly description: string;
}

export interface TableDef {
  readonly name: string;
  readonly description: string;
  /** rows at scale 1 (the spec's counts) */
  readonly defaultRows: number;
  /** the first column, an integer surrogate key */
  readonly primaryKey: string;
  readonly columns: readonly ColumnDef[];
}

/**
 * A row's cells in column order. Integers are numbers, booleans are booleans,
 * NULL is null; money, numeric, date and timestamp cells are strings already
 * formatted by cell-format.ts, so every output writes the same text.
 */
export type Cell = string | number | boolean | null;
export type Row = readonly Cell[];

/** PostgreSQL (and dbt seed) type of a column. */
export function sqlType(column: ColumnDef): string {
  switch (column.type) {
    case 'money':
      return 'numeric(12,2)';
    case 'numeric': {
      const [p, s] = column.precision ?? [12, 4];
      return `numeric(${p},${s})`;
    }
    default:
      return column.type;
  }
}
