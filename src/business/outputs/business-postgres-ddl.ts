// The SQL of the business schema, from the table definitions. Every identifier is
// quoted and the schema name validated, so no input reaches SQL unchecked.
import { ArgsError } from '../../errors.js';
import { quoteIdent, quoteLiteral } from '../../sql/sql-quote.js';
import { sqlType, type ColumnDef, type TableDef } from '../tables/table-def.js';

/** Lower-case, so users can write `hvac.customers` without quotes. */
const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** The comment every table haysim loads carries: the loader replaces only tables that have it. */
export const TABLE_MARKER = 'haysim business dataset';

export function validateSchemaName(schema: string, flag = '--schema'): string {
  // PostgreSQL's own schemas: the catalog views of information_schema, and every pg_* (pg_catalog, pg_toast, pg_temp_N)
  if (schema === 'information_schema' || schema.startsWith('pg_'))
    throw new ArgsError(`${flag} ${JSON.stringify(schema)} is a PostgreSQL system schema: choose a schema of your own (e.g. hvac)`);
  if (!SCHEMA_PATTERN.test(schema)) {
    throw new ArgsError(
      `${flag} ${JSON.stringify(schema)} is not a valid schema name: expected 1-63 characters, a lower-case letter ` +
        'or underscore first, then lower-case letters, digits or underscores (e.g. hvac)',
    );
  }
  return schema;
}

export const qualified = (schema: string, table: string) => `${quoteIdent(schema)}.${quoteIdent(table)}`;

function columnSql(column: ColumnDef): string {
  let sql = `${quoteIdent(column.name)} ${sqlType(column)}`;
  if (!column.nullable) sql += ' NOT NULL';
  if (column.values) sql += ` CHECK (${quoteIdent(column.name)} IN (${column.values.map(quoteLiteral).join(', ')}))`;
  return sql;
}

/** The table with its types, NOT NULL, CHECKs, primary key and UNIQUE constraints; foreign keys come after the data. */
export function createTableSql(schema: string, table: TableDef): string {
  const lines = table.columns.map(columnSql);
  lines.push(`PRIMARY KEY (${quoteIdent(table.primaryKey)})`);
  for (const c of table.columns) if (c.unique && c.name !== table.primaryKey) lines.push(`UNIQUE (${quoteIdent(c.name)})`);
  return `CREATE TABLE ${qualified(schema, table.name)} (\n  ${lines.join(',\n  ')}\n)`;
}

/** Marks the table as haysim's and says what it holds and how it was made. */
export function commentSql(schema: string, table: TableDef, note: string): string {
  return `COMMENT ON TABLE ${qualified(schema, table.name)} IS ${quoteLiteral(`${TABLE_MARKER}: ${table.description} (${note})`)}`;
}

export function copySql(schema: string, table: TableDef): string {
  return `COPY ${qualified(schema, table.name)} (${table.columns.map((c) => quoteIdent(c.name)).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
}

/** Foreign keys (validated against the loaded rows) and an index on each foreign-key column not already unique. */
export function foreignKeySql(schema: string, table: TableDef, tables: ReadonlyMap<string, TableDef>): string[] {
  const name = qualified(schema, table.name);
  return table.columns.flatMap((c) => {
    if (!c.references) return [];
    const parent = tables.get(c.references);
    if (!parent) throw new Error(`${table.name}.${c.name} references ${c.references}, which is not loaded`);
    const fk = `ALTER TABLE ${name} ADD CONSTRAINT ${quoteIdent(`${table.name}_${c.name}_fkey`)} FOREIGN KEY (${quoteIdent(c.name)}) REFERENCES ${qualified(schema, parent.name)} (${quoteIdent(parent.primaryKey)})`;
    return c.unique ? [fk] : [fk, `CREATE INDEX ${quoteIdent(`${table.name}_${c.name}_idx`)} ON ${name} (${quoteIdent(c.name)})`];
  });
}
