import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { detailOf, failedIds, V } from '../../test/fixtures/validate-breakages.js';
import { EPOCH, pgliteBuildingSession, STEP, T } from '../../test/fixtures/validate-building.js';
import { ArgsError } from '../errors.js';
import { PgliteStore } from '../outputs/pglite/pglite-store.js';
import { formatReport, validateStore } from './validate-store.js';

/*
 * validateStore on the hand-made building (test/fixtures/validate-building.ts)
 * as written: every check passes, with the figures the formulas give, whatever
 * run parameters are given or inferred. Its breakages are in
 * validate-breakages.test.ts.
 */

describe('validateStore on PGlite', () => {
  const building = pgliteBuildingSession();
  const { session } = building;
  let db: PGlite;
  beforeAll(() => {
    db = building.db();
  });

  it('passes a physically consistent dataset, through the Store interface', async () => {
    const store = new PgliteStore({ instance: db, org: 'demo' });
    const report = await validateStore(store, { org: 'demo' });
    expect(failedIds(report), formatReport(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(new Set(report.checks.map((c) => c.category))).toEqual(
      new Set(['haystack', 'relationships', 'time-series', 'physics', 'quality']),
    );
    // measured figures, from the formulas above
    expect(detailOf(report, 'time-series.complete')).toMatch(
      /^25 points × 192 timestamps, all present; 2025-01-06T05:00:00\.000Z … 2025-01-08T05:00:00\.000Z \(haysim run #\d+\)$/,
    );
    expect(detailOf(report, 'physics.occupied-zone-temp')).toMatch(
      /^avg 72\.\d\d °F over \d+ readings, weekdays 8:00–18:00 America\/New_York/,
    );
    expect(detailOf(report, 'quality.stale-share')).toBe('1.67% (80 of 4800 rows; expected 0.50%–5.00%)');
    expect(detailOf(report, 'quality.fault-share')).toBe('0.83% (40 of 4800 rows; expected 0.25%–4.00%)');
    expect(detailOf(report, 'quality.ground-truth')).toBe('100.0% covered (fault 100.0% of 40, stale 100.0% of 80)');
    expect(detailOf(report, 'relationships.submeters')).toBe('2 sub-meters under 1 meter(s)');
    expect(detailOf(report, 'physics.chiller-cop')).toMatch(/^80 running readings, COP 5\.\d\d–5\.\d\d/);
    expect(formatReport(report).split('\n').at(-1)).toBe(`PASS: ${report.checks.length}/${report.checks.length} checks passed`);
  });

  it('gives the same verdict with the run parameters passed explicitly', async () => {
    const report = await validateStore(session.store, {
      org: 'demo',
      timeZone: 'America/New_York',
      intervalMs: STEP,
      range: { start: EPOCH, end: EPOCH + T * STEP },
    });
    expect(failedIds(report), formatReport(report)).toEqual([]);
    expect(detailOf(report, 'time-series.complete')).toContain('(given range)');
  });

  it('counts missing rows when the range reaches past the data', async () => {
    const report = await validateStore(session.store, { org: 'demo', range: { start: EPOCH, end: EPOCH + (T + 4) * STEP } });
    expect(detailOf(report, 'time-series.complete')).toMatch(
      /^25 of 25 points differ from the grid outside ground-truth gaps, 100 rows missing or extra/,
    );
  });

  it('treats running-only relations as not applicable in a night-only range', async () => {
    const report = await validateStore(session.store, { org: 'demo', range: { start: EPOCH, end: EPOCH + 24 * STEP } });
    // six hours hold none of the injected stale and fault blocks: too short a span to judge shares, not a failure
    expect(failedIds(report), formatReport(report)).toEqual([]);
    for (const id of ['quality.ok-share', 'quality.stale-share', 'quality.fault-share']) {
      expect(detailOf(report, id)).toBe('n/a: 0.25 days is too short for event shares (needs a full day)');
    }
    for (const id of [
      'physics.chiller-cop',
      'physics.chiller-power',
      'physics.chw-delta-t',
      'physics.ahu-airflow',
      'physics.occupied-zone-temp',
    ]) {
      expect(detailOf(report, id)).toMatch(/^n\/a: no /);
    }
    expect(detailOf(report, 'physics.register-integral')).toMatch(/^4 registers, 4 register-days, all within 5%/);
  });

  it('infers interval and range from the data when no haysim run is recorded', async () => {
    await session.exec('BEGIN');
    try {
      await session.exec('DELETE FROM core.haysim_run');
      const report = await validateStore(session.store, { org: 'demo' });
      expect(failedIds(report), formatReport(report)).toEqual([]);
      expect(detailOf(report, 'time-series.complete')).toBe(
        '25 points × 192 timestamps, all present; 2025-01-06T05:00:00.000Z … 2025-01-08T05:00:00.000Z (extent of the data)',
      );
    } finally {
      await session.exec('ROLLBACK');
    }
  });

  it('reads an older install whose ts columns are timestamp without time zone (UTC wall time)', async () => {
    await session.exec('BEGIN');
    try {
      // a session zone far from UTC: any place that compared wall time with instants would now be off by hours
      await session.exec(`SET LOCAL TimeZone = 'Asia/Kolkata'`);
      // the store's convenience views pin the column type; they are not needed here
      const views = await session.store.query<{ name: string }>(`SELECT viewname AS name FROM pg_views WHERE schemaname = 'core'`);
      for (const { name } of views) await session.exec(`DROP VIEW IF EXISTS core."${name}" CASCADE`);
      for (const t of [V, 'core.values_demo_current'])
        await session.exec(`ALTER TABLE ${t} ALTER COLUMN ts TYPE timestamp USING ts AT TIME ZONE 'UTC'`);
      const report = await validateStore(session.store, { org: 'demo' });
      expect(failedIds(report), formatReport(report)).toEqual([]);
      expect(detailOf(report, 'quality.ground-truth')).toBe('100.0% covered (fault 100.0% of 40, stale 100.0% of 80)');
      expect(detailOf(report, 'physics.occupied-zone-temp')).toMatch(/over 128 readings/);
    } finally {
      await session.exec('ROLLBACK');
    }
  });

  it('rejects a malformed or unknown org and a bad time zone', async () => {
    await expect(validateStore(session.store, { org: 'Demo; DROP' })).rejects.toThrow(ArgsError);
    await expect(validateStore(session.store, { org: 'nosuch' })).rejects.toThrow(
      /--org "nosuch": no organization with this key in the store \(found: demo\)/,
    );
    await expect(validateStore(session.store, { org: 'demo', timeZone: 'Mars/Olympus' })).rejects.toThrow(/not an IANA time zone/);
  });
});
