import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgsError, HaysimError } from '../../errors.js';
import { describeWithPostgres } from '../../../test/helpers/postgres.js';
import { OWNER_ROWS, OWNERS, PETS, TINY_OPTIONS, tinyTables } from '../../../test/fixtures/business-tiny-dataset.js';
import type { TableRows } from '../generate/business-dataset.js';
import { BUSINESS_TABLES } from '../tables/business-tables.js';
import type { Row } from '../tables/table-def.js';
import { BusinessPostgresLoader, type BusinessPostgresOptions } from './business-postgres-loader.js';
import { writeBusinessDataset } from './write-business-dataset.js';

const TINY = [OWNERS, PETS];

async function load(options: BusinessPostgresOptions, tables: Iterable<TableRows> = tinyTables()) {
  const loader = new BusinessPostgresLoader({ tables: TINY, ...options });
  try {
    await loader.open();
    return await writeBusinessDataset(TINY_OPTIONS, tables, [loader]);
  } finally {
    await loader.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<HaysimError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HaysimError);
  return error as HaysimError;
}

describe('BusinessPostgresLoader without a server', () => {
  it('rejects a schema name that is not a plain lower-case identifier before connecting', () => {
    for (const schema of ['Hvac', 'hvac; drop table x', 'pg_hvac', '', 'a"b', 'x'.repeat(64)]) {
      expect(() => new BusinessPostgresLoader({ url: 'postgres://u:p@127.0.0.1:1/db', schema }), schema).toThrow(ArgsError);
    }
    expect(() => new BusinessPostgresLoader({ url: 'postgres://u:s3cret@127.0.0.1:port/db' })).toThrow(/--db is not a PostgreSQL URL/);
  });

  it("refuses PostgreSQL's own schemas, which are valid names", () => {
    for (const schema of ['information_schema', 'pg_catalog', 'pg_toast', 'pg_temp_3']) {
      expect(() => new BusinessPostgresLoader({ url: 'postgres://u:p@127.0.0.1:1/db', schema }), schema).toThrow(
        /is a PostgreSQL system schema/,
      );
    }
  });
});

describeWithPostgres('BusinessPostgresLoader', (server) => {
  let url: string;
  let admin: pg.Client;
  const sql = async <R = Record<string, unknown>>(text: string, params?: unknown[]) => (await admin.query(text, params)).rows as R[];
  const counts = async (schema: string) =>
    sql<{ owners: number; pets: number }>(
      `SELECT (SELECT count(*)::int FROM ${schema}.owners) AS owners, (SELECT count(*)::int FROM ${schema}.pets) AS pets`,
    );

  beforeAll(async () => {
    url = await server.createDatabase('hsbusiness');
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(() => admin.end());

  it('loads every row into schema hvac with the same text as the CSV files', async () => {
    await load({ url });
    expect(await counts('hvac')).toEqual([{ owners: 4, pets: 3 }]);
    const rows = await sql(
      `SELECT owner_id, name, email, nickname, kind, active, balance::text, since::text, seen_at::text FROM hvac.owners ORDER BY 1`,
    );
    expect(rows.map((r) => Object.values(r))).toEqual(OWNER_ROWS);
    const types = await sql<{ column_name: string; t: string }>(
      `SELECT column_name, format_type(atttypid, atttypmod) AS t FROM information_schema.columns JOIN pg_attribute ON attrelid = 'hvac.owners'::regclass AND attname = column_name
        WHERE table_schema = 'hvac' AND table_name = 'owners' ORDER BY ordinal_position`,
    );
    expect(types.map((r) => r.t)).toEqual([
      'integer',
      'text',
      'text',
      'text',
      'text',
      'boolean',
      'numeric(12,2)',
      'date',
      'timestamp without time zone',
    ]);
  });

  it('creates primary keys, UNIQUE, CHECK and foreign keys, and indexes every foreign-key column', async () => {
    const constraints = await sql<{ c: string }>(
      `SELECT conrelid::regclass || ' ' || contype::text || ' ' || pg_get_constraintdef(oid) AS c FROM pg_constraint WHERE connamespace = 'hvac'::regnamespace ORDER BY 1`,
    );
    expect(constraints.map((r) => r.c)).toEqual([
      "hvac.owners c CHECK ((kind = ANY (ARRAY['residential'::text, 'commercial'::text])))",
      'hvac.owners p PRIMARY KEY (owner_id)',
      'hvac.owners u UNIQUE (email)',
      'hvac.pets f FOREIGN KEY (owner_id) REFERENCES hvac.owners(owner_id)',
      'hvac.pets p PRIMARY KEY (pet_id)',
    ]);
    const indexes = await sql<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'hvac' AND indexname = 'pets_owner_id_idx'`,
    );
    expect(indexes).toHaveLength(1);
    expect(await sql(`SELECT obj_description('hvac.pets'::regclass, 'pg_class') AS note`)).toEqual([
      { note: expect.stringMatching(/^haysim business dataset: test children \(seed 7, scale 1, as of 2025-06-30, haysim \d/) },
    ]);
  });

  it('enforces the constraints on rows inserted later', async () => {
    const violations: [string, string][] = [
      [`INSERT INTO hvac.owners VALUES (1, 'x', 'new@example.com', NULL, 'residential', true, 0, '2024-01-01', NULL)`, '23505'], // primary key
      [`INSERT INTO hvac.owners VALUES (9, 'x', 'jane@example.com', NULL, 'residential', true, 0, '2024-01-01', NULL)`, '23505'], // unique email
      [`INSERT INTO hvac.owners VALUES (9, 'x', 'new@example.com', NULL, 'industrial', true, 0, '2024-01-01', NULL)`, '23514'], // accepted values
      [`INSERT INTO hvac.owners VALUES (9, NULL, 'new@example.com', NULL, 'residential', true, 0, '2024-01-01', NULL)`, '23502'], // not null
      [`INSERT INTO hvac.pets VALUES (9, 99, 1)`, '23503'], // foreign key
    ];
    for (const [statement, code] of violations) {
      const error = await admin.query(statement).then(
        () => undefined,
        (e: { code?: string }) => e,
      );
      expect(error?.code, statement).toBe(code);
    }
  });

  it('replaces its own tables on a re-run, in one transaction', async () => {
    await load({ url, schema: 'rerun' });
    const fewer = await load({ url, schema: 'rerun' }, tinyTables([[1, 2, '1.00']]));
    expect(fewer.tables).toEqual({ owners: 4, pets: 1 });
    expect(await counts('rerun')).toEqual([{ owners: 4, pets: 1 }]);
  });

  it('leaves the previous dataset in place when a foreign key fails at the end', async () => {
    await load({ url, schema: 'fkfail' });
    const error = await failure(load({ url, schema: 'fkfail' }, tinyTables([[1, 99, '1.00']])));
    expect(error.code).toBe('STORE_WRITE_FAILED');
    expect(error.message).toMatch(
      /postgres write failed \(postgres:\/\/.*\): .*violates foreign key constraint "pets_owner_id_fkey" \(table fkfail\.pets/,
    );
    expect(await counts('fkfail')).toEqual([{ owners: 4, pets: 3 }]);
  });

  it('leaves the previous dataset in place when generation or COPY fails in the middle of a table', async () => {
    await load({ url, schema: 'midfail' });
    function* broken(): Generator<Row> {
      yield [1, 1, '1.00'];
      throw new Error('generator broke');
    }
    await expect(load({ url, schema: 'midfail' }, [tinyTables()[0]!, { table: PETS, count: 2, rows: broken() }])).rejects.toThrow(
      'generator broke',
    );
    const bad = await failure(load({ url, schema: 'midfail' }, tinyTables([[1, 1, 'not a number']])));
    expect(bad.message).toMatch(/invalid input syntax for type numeric.*\(table midfail\.pets\)/);
    expect(await counts('midfail')).toEqual([{ owners: 4, pets: 3 }]);
    // the connection that failed was rolled back and released: a later load works
    await load({ url, schema: 'midfail' }, tinyTables([[1, 1, '1.00']]));
    expect(await counts('midfail')).toEqual([{ owners: 4, pets: 1 }]);
  });

  it('never drops a table it did not create, nor a view that depends on its tables', async () => {
    await sql(`CREATE SCHEMA theirs; CREATE TABLE theirs.owners (id int); INSERT INTO theirs.owners VALUES (1)`);
    const error = await failure(load({ url, schema: 'theirs' }));
    expect(error.code).toBe('STORE_CONFLICT');
    expect(error.message).toMatch(/theirs\.owners exist\(s\) and haysim did not create them; choose another --schema/);
    expect(await sql(`SELECT id FROM theirs.owners`)).toEqual([{ id: 1 }]);

    await load({ url, schema: 'viewed' });
    await sql(`CREATE VIEW viewed.pet_count AS SELECT count(*) AS n FROM viewed.pets`);
    const blocked = await failure(load({ url, schema: 'viewed' }));
    expect(blocked.code).toBe('STORE_CONFLICT');
    expect(blocked.message).toMatch(
      /other objects depend on them: view viewed\.pet_count depends on table viewed\.pets; drop or recreate those objects after the load/,
    );
    expect(await sql(`SELECT n::int FROM viewed.pet_count`)).toEqual([{ n: 3 }]);
  });

  it('creates all 19 business tables with their keys (an empty dataset)', async () => {
    const empty = BUSINESS_TABLES.map((table) => ({ table, count: 0, rows: [] }));
    await load({ url, schema: 'empty19', tables: BUSINESS_TABLES }, empty);
    const [{ tables, fks }] = await sql<{ tables: number; fks: number }>(
      `SELECT (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'empty19') AS tables,
              (SELECT count(*)::int FROM pg_constraint WHERE connamespace = 'empty19'::regnamespace AND contype = 'f') AS fks`,
    );
    expect(tables).toBe(19);
    expect(fks).toBe(BUSINESS_TABLES.flatMap((t) => t.columns.filter((c) => c.references)).length);
  });

  it('uses a caller-provided client and leaves it open', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await load({ client, schema: 'injected' });
      expect((await client.query('SELECT count(*)::int AS n FROM injected.pets')).rows).toEqual([{ n: 3 }]);
    } finally {
      await client.end();
    }
  });
});
