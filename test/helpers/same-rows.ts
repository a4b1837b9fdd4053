import { expect } from 'vitest';
import type { QueryResult } from '../../src/query/query-types.js';

/** Two query results with the same columns and rows, floats to ~1e-9 relative (stores and layouts sum in different orders). */
export function expectSameRows(a: QueryResult<object>, b: QueryResult<object>, what = ''): void {
  expect(b.columns, what).toEqual(a.columns);
  expect(b.rowCount, what).toBe(a.rowCount);
  a.rows.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) {
      const w = (b.rows[i] as Record<string, unknown>)[k];
      if (typeof v === 'number' && typeof w === 'number')
        expect(w, `${what} ${k} of row ${i}`).toBeCloseTo(v, Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(v) + 1))));
      else expect(w, `${what} ${k} of row ${i}`).toEqual(v);
    }
  });
}
