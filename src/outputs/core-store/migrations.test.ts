import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPgliteClient } from '../pglite/pglite-client.js';
import { MIGRATIONS, migrate } from './migrations.js';
import type { SqlClient } from './sql-client.js';

describe('migrate', () => {
  let db: PGlite;
  let client: SqlClient;
  beforeEach(async () => {
    db = new PGlite();
    client = await openPgliteClient({ dataDir: '', instance: db, target: 'memory' });
  });
  afterEach(async () => {
    await db.close();
  });

  const applied = async () =>
    (await client.query<{ version: number }>('SELECT version FROM core.haysim_migration ORDER BY version')).map((r) => r.version);

  it('applies every step once and records it; a second run does nothing', async () => {
    expect(await migrate(client)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await applied()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(client)).toEqual([]);
    const columns = await client.query<{ c: string }>(
      `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
        WHERE table_schema = 'core' AND column_name IN ('org_id', 'haystack_id', 'tags', 'current_table', 'kind') ORDER BY 1`,
    );
    expect(columns.map((r) => r.c)).toEqual(
      expect.arrayContaining(['entity.haystack_id', 'entity.org_id', 'entity.tags', 'org.current_table', 'tag_def.kind']),
    );
  });

  it('brings an older haysim database up to date, and rolls back a failing step entirely', async () => {
    await migrate(client, MIGRATIONS.slice(0, 1));
    expect(await applied()).toEqual([1]);
    const failing = {
      version: 99,
      name: 'fails halfway',
      async up(tx: SqlClient) {
        await tx.exec('CREATE TABLE core.half_done (x int)');
        await tx.exec('SELECT no_such_function()');
      },
    };
    await expect(migrate(client, [...MIGRATIONS, failing])).rejects.toThrow(/no_such_function/);
    expect(await applied()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await client.query(`SELECT to_regclass('core.half_done') AS t`)).toEqual([{ t: null }]);
  });
});
