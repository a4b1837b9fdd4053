import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BREAKAGES, detailOf, failedIds, ID, SYNC_CURRENT } from '../../test/fixtures/validate-breakages.js';
import { pgliteBuildingSession, type Session, writeFixture } from '../../test/fixtures/validate-building.js';
import { PostgresStore } from '../outputs/postgres/postgres-store.js';
import { formatReport, validateStore } from './validate-store.js';

/*
 * Each breakage of the hand-made building (test/fixtures/validate-breakages.ts)
 * fails exactly the checks it concerns, on PGlite and on PostgreSQL.
 */

describe('validateStore on PGlite', () => {
  const { session } = pgliteBuildingSession();

  it.each(BREAKAGES)('fails on $name', async ({ sql, fails, detail, check }) => {
    await session.exec('BEGIN');
    try {
      for (const s of sql) await session.exec(s);
      await session.exec(SYNC_CURRENT);
      const report = await validateStore(session.store, { org: 'demo' });
      expect(failedIds(report), formatReport(report)).toEqual(fails);
      expect(report.passed).toBe(false);
      expect(detailOf(report, check ?? fails[0]!)).toMatch(detail);
      expect(formatReport(report)).toMatch(new RegExp(`^FAIL: ${fails.length} of \\d+ checks failed`, 'm'));
    } finally {
      await session.exec('ROLLBACK');
    }
  });

  it('fails when the current table is out of date', async () => {
    await session.exec('BEGIN');
    try {
      await session.exec(
        `UPDATE core.values_demo_current SET value_n = value_n + 1 WHERE entity_id = ${ID('meter-main-electric.voltage')}`,
      );
      const report = await validateStore(session.store, { org: 'demo' });
      expect(failedIds(report)).toEqual(['time-series.current']);
      expect(detailOf(report, 'time-series.current')).toBe('0 missing, 1 differ, 0 without history (e.g. meter-main-electric.voltage)');
    } finally {
      await session.exec('ROLLBACK');
    }
  });
});

/**
 * The run's PostgreSQL server from test/helpers/global-setup.ts (src/ cannot import
 * test/helpers under the build's rootDir, so this reads the provided value itself).
 */
const provided = (inject as unknown as (key: string) => { url: string | null; runId: string; skipReason: string } | undefined)(
  'haysimPostgres',
);
if (!provided?.url)
  console.warn(`\n!!! PostgreSQL tests SKIPPED: validateStore on PostgreSQL — ${provided?.skipReason || 'no haysim globalSetup'}\n`);

/** A fresh database named like test/helpers/postgres.ts names them (`_x{runId}_`), so the run's cleanup drops it. */
async function createDatabase(url: string, runId: string): Promise<string> {
  const name = `hsvalidate_x${runId}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

(provided?.url ? describe : describe.skip)('validateStore on PostgreSQL', () => {
  let client: pg.Client;
  let session: Session;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: await createDatabase(provided!.url!, provided!.runId) });
    await client.connect();
    await writeFixture(new PostgresStore({ client, org: 'demo' }));
    session = {
      store: { query: async (sql, params) => (await client.query(sql, params ? [...params] : undefined)).rows },
      exec: async (sql, params) => void (await client.query(sql, params)),
    };
  });
  afterAll(async () => client?.end());

  it('passes the consistent dataset', async () => {
    const report = await validateStore(session.store, { org: 'demo' });
    expect(failedIds(report), formatReport(report)).toEqual([]);
    expect(detailOf(report, 'quality.stale-share')).toBe('1.67% (80 of 4800 rows; expected 0.50%–5.00%)');
  });

  it.each(
    BREAKAGES.filter((b) => ['a gap', 'a zone at 95 °F', 'sub-meters exceeding the main meter', 'a decreasing register'].includes(b.name)),
  )('fails on $name', async ({ sql, fails, detail, check }) => {
    await session.exec('BEGIN');
    try {
      for (const s of sql) await session.exec(s);
      await session.exec(SYNC_CURRENT);
      const report = await validateStore(session.store, { org: 'demo' });
      expect(failedIds(report), formatReport(report)).toEqual(fails);
      expect(detailOf(report, check ?? fails[0]!)).toMatch(detail);
    } finally {
      await session.exec('ROLLBACK');
    }
  });
});
