/**
 * Property files with the integrity rules of the table definitions as dbt
 * generic tests: not_null for every non-nullable column, unique for keys and
 * unique columns, relationships for every foreign key, accepted_values for
 * every coded column. The seeds and their staging views get the same tests,
 * the staging ones pointing at the staging parents.
 */
import { stringify } from 'yaml';
import type { ColumnDef, TableDef } from '../tables/table-def.js';
import { derivedColumns, stagingModelName } from './dbt-staging-models.js';

/** A generic test as written in a property file: a bare name, or a name with its `arguments:`. */
export type GenericTestSpec = string | Record<string, { arguments: Record<string, unknown> }>;

/** A `models:` or `seeds:` entry of a property file, as written. */
export interface PropertyNode {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly { readonly name: string; readonly description: string; readonly data_tests?: readonly GenericTestSpec[] }[];
}

/** A property file of the project: its header comment and its entries. */
export interface PropertyFile {
  readonly header: string;
  readonly key: 'models' | 'seeds';
  readonly nodes: readonly PropertyNode[];
}

export function propertyFileYml(file: PropertyFile): string {
  return `# ${file.header}\n${stringify({ version: 2, [file.key]: file.nodes }, { lineWidth: 0 })}`;
}

/** The generic tests a property file declares: the data_tests entries of every column. */
export function genericTestCount(file: PropertyFile): number {
  return file.nodes.reduce((n, node) => n + node.columns.reduce((m, c) => m + (c.data_tests?.length ?? 0), 0), 0);
}

type Parent = (table: string) => { readonly model: string; readonly key: string };

function columnTests(column: ColumnDef, parent: Parent): GenericTestSpec[] {
  const tests: GenericTestSpec[] = [];
  if (!column.nullable) tests.push('not_null');
  if (column.unique) tests.push('unique');
  if (column.references) {
    const { model, key } = parent(column.references);
    tests.push({ relationships: { arguments: { to: `ref('${model}')`, field: key } } });
  }
  if (column.values) tests.push({ accepted_values: { arguments: { values: [...column.values] } } });
  return tests;
}

function entries(tables: readonly TableDef[], name: (t: TableDef) => string, withDerived: boolean): PropertyNode[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parent: Parent = (table) => {
    const def = byName.get(table);
    if (!def) throw new RangeError(`a foreign key references ${table}, which is not among the tables written`);
    return { model: name(def), key: def.primaryKey };
  };
  return tables.map((table) => ({
    name: name(table),
    description: table.description,
    columns: [
      ...table.columns.map((c) => ({ name: c.name, description: c.description, data_tests: columnTests(c, parent) })),
      ...(withDerived ? derivedColumns(table).map((d) => ({ name: d.name, description: d.description, data_tests: ['not_null'] })) : []),
    ],
  }));
}

/** seeds/_seeds.yml */
export function seedProperties(tables: readonly TableDef[]): PropertyFile {
  return {
    header: 'Integrity tests on the raw seeds (written by haysim business from the table definitions).',
    key: 'seeds',
    nodes: entries(tables, (t) => t.name, false),
  };
}

/** models/staging/_staging.yml */
export function stagingProperties(tables: readonly TableDef[]): PropertyFile {
  return {
    header: 'The same integrity tests on the staging views, plus their derived columns.',
    key: 'models',
    nodes: entries(tables, stagingModelName, true),
  };
}
