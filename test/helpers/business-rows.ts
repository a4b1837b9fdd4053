// Collects a generated business dataset into memory for tests (small scales only) and reads
// cells by column name, independently of the generator's internal facts.
import { generateBusiness } from '../../src/business/generate/generate-business.js';
import type { BusinessOptions } from '../../src/business/generate/business-dataset.js';
import type { Cell, Row, TableDef } from '../../src/business/tables/table-def.js';

export interface CollectedTable {
  readonly def: TableDef;
  readonly count: number;
  readonly rows: readonly Row[];
  /** the column's cells in row order */
  col(name: string): Cell[];
  /** row by primary key */
  byKey(key: number): Row;
  /** one cell of a row */
  get(row: Row, column: string): Cell;
}

export type Collected = Readonly<Record<string, CollectedTable>>;

export function collectBusiness(options: BusinessOptions): Collected {
  const out: Record<string, CollectedTable> = {};
  for (const { table, count, rows } of generateBusiness(options)) {
    const all = [...rows];
    const index = new Map(table.columns.map((c, i) => [c.name, i]));
    const at = (name: string) => {
      const i = index.get(name);
      if (i === undefined) throw new Error(`${table.name} has no column ${name}`);
      return i;
    };
    const keys = new Map(all.map((r) => [r[0] as number, r]));
    out[table.name] = {
      def: table,
      count,
      rows: all,
      col: (name) => all.map((r) => r[at(name)]),
      byKey: (key) => {
        const row = keys.get(key);
        if (!row) throw new Error(`${table.name} has no row ${key}`);
        return row;
      },
      get: (row, column) => row[at(column)],
    };
  }
  return out;
}

/** money / numeric text → integer hundredths (exact) */
export const cents = (cell: Cell): number => Math.round(Number(cell) * 100);

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` → epoch ms (local business time read as UTC) */
export const ms = (cell: Cell): number => Date.parse(`${String(cell).replace(' ', 'T')}Z`);

/**
 * Collects failed checks and asserts once at the end: hundreds of thousands of vitest expect()
 * calls over every cell take seconds; this keeps the suites fast and still names the failures.
 */
export function checks() {
  const failures: string[] = [];
  const fail = (what: string) => failures.length < 25 && failures.push(what);
  return {
    same(actual: unknown, expected: unknown, where = ''): void {
      if (actual !== expected && JSON.stringify(actual) !== JSON.stringify(expected))
        fail(`${where} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    },
    truth(ok: boolean, where: string): void {
      if (!ok) fail(where);
    },
    failures,
  };
}

/** Problems with keys across the whole dataset: primary keys not 1..n, repeated unique cells, foreign keys that do not resolve. */
export function keyProblems(data: Collected): string[] {
  const v = checks();
  for (const table of Object.values(data)) {
    const t = table.def;
    v.same(
      table.col(t.primaryKey),
      table.rows.map((_, i) => i + 1),
      `${t.name} keys`,
    );
    for (const c of t.columns) {
      const cells = table.col(c.name).filter((cell) => cell !== null);
      if (c.unique) v.same(new Set(cells).size, cells.length, `${t.name}.${c.name} unique`);
      if (c.references) {
        const parent = data[c.references]!;
        const keys = new Set(parent.col(parent.def.primaryKey));
        v.same(
          cells.filter((cell) => !keys.has(cell as number)),
          [],
          `${t.name}.${c.name} → ${c.references}`,
        );
      }
    }
  }
  return v.failures;
}
