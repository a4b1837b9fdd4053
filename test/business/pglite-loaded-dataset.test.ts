// The business dataset through the embedded store (haysim business --data-dir): the loader goes through the
// same SqlClient as the core store, so the PGlite path gets the same schema, keys and one transaction.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessOptions } from '../../src/business/generate/business-dataset.js';
import { DEFAULT_AS_OF } from '../../src/business/generate/calendar.js';
import { generateBusiness } from '../../src/business/generate/generate-business.js';
import type { BusinessSummary } from '../../src/business/outputs/business-output.js';
import { BusinessPostgresLoader } from '../../src/business/outputs/business-postgres-loader.js';
import { writeBusinessDataset } from '../../src/business/outputs/write-business-dataset.js';
import { BUSINESS_TABLES } from '../../src/business/tables/business-tables.js';
import { HaysimError } from '../../src/errors.js';
import { OWNERS, PETS, TINY_OPTIONS, tinyTables } from '../fixtures/business-tiny-dataset.js';

const SMALL: BusinessOptions = {
  seed: 5,
  scale: 0.1,
  overrides: { customers: 40, technicians: 4, parts: 30, inventory: 30 },
  asOf: DEFAULT_AS_OF,
};

async function load(db: PGlite, options: BusinessOptions, schema: string): Promise<BusinessSummary> {
  const loader = new BusinessPostgresLoader({ instance: db, schema });
  try {
    await loader.open();
    return await writeBusinessDataset(options, generateBusiness(options), [loader]);
  } finally {
    await loader.close();
  }
}

describe('business dataset in the embedded store (PGlite)', () => {
  let db: PGlite;
  let summary: BusinessSummary;
  const rows = async <R>(sql: string) => (await db.query<R>(sql)).rows;

  beforeAll(async () => {
    db = new PGlite();
    summary = await load(db, SMALL, 'hvac');
  }, 120_000);
  afterAll(() => db.close());

  it('holds every table with the row counts the summary reports', async () => {
    expect(Object.keys(summary.tables)).toHaveLength(BUSINESS_TABLES.length);
    expect(summary.totalRows).toBeGreaterThan(500);
    for (const [table, count] of Object.entries(summary.tables)) {
      const [{ n }] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM hvac.${table}`);
      expect(n, table).toBe(count);
    }
  });

  it('has every foreign key as a validated constraint, and no row points nowhere', async () => {
    const references = BUSINESS_TABLES.flatMap((t) => t.columns.filter((c) => c.references).map((c) => ({ table: t, column: c })));
    const [{ fks }] = await rows<{ fks: number }>(
      `SELECT count(*)::int AS fks FROM pg_constraint WHERE connamespace = 'hvac'::regnamespace AND contype = 'f' AND convalidated`,
    );
    expect(fks).toBe(references.length);
    for (const { table, column } of references) {
      const parent = BUSINESS_TABLES.find((t) => t.name === column.references)!;
      const [{ orphans }] = await rows<{ orphans: number }>(
        `SELECT count(*)::int AS orphans FROM hvac.${table.name} c LEFT JOIN hvac.${parent.name} p ON p.${parent.primaryKey} = c.${column.name}
          WHERE c.${column.name} IS NOT NULL AND p.${parent.primaryKey} IS NULL`,
      );
      expect(orphans, `${table.name}.${column.name}`).toBe(0);
    }
  });

  it('keeps the previous dataset when a load fails at its foreign-key check, naming the embedded target', async () => {
    const tiny = async (pets?: Parameters<typeof tinyTables>[0]) => {
      const loader = new BusinessPostgresLoader({ instance: db, schema: 'tiny', tables: [OWNERS, PETS] });
      try {
        await loader.open();
        return await writeBusinessDataset(TINY_OPTIONS, tinyTables(pets), [loader]);
      } finally {
        await loader.close();
      }
    };
    await tiny();
    const error = await tiny([[1, 99, '1.00']]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HaysimError);
    expect((error as HaysimError).message).toMatch(
      /^pglite write failed \(pglite \(caller-provided instance\)\): .*violates foreign key constraint "pets_owner_id_fkey"/,
    );
    expect(await rows(`SELECT (SELECT count(*)::int FROM tiny.owners) AS owners, (SELECT count(*)::int FROM tiny.pets) AS pets`)).toEqual([
      { owners: 4, pets: 3 },
    ]);
  });
});
