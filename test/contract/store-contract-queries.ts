/**
 * Store contract, reading back: the users' three validation queries verbatim,
 * haysim's views over them, and the hourly rollup.
 */
import { expect, it } from 'vitest';
import * as f from './store-contract-fixture.js';
import type { StoreContractSession } from './store-contract-session.js';

export function storeQueriesContract(session: StoreContractSession): void {
  const { h, store, load, ids, stepsOf } = session;

  it("runs the users' three queries verbatim, and haysim's views give the correct answers", async () => {
    await load([0, 1, 2]);
    const s = store();
    const [q1] = await s.query<{ avg_temp: string }>(`SELECT AVG(value_n) as avg_temp FROM core.values_demo
WHERE entity_id IN (SELECT id FROM core.entity WHERE tags->'zoneTemp' = 'true')
AND EXTRACT(hour FROM ts) BETWEEN 8 AND 18;`);
    expect(Number(q1.avg_temp)).toBeCloseTo(f.naiveOccupiedAvg([0, 1, 2]), 9);
    const q2 = await s.query<{ ts: Date; cop: string }>(`SELECT ts, value_n as cop FROM core.values_demo
WHERE entity_id IN (SELECT id FROM core.entity WHERE tags->'cop' = 'true') ORDER BY ts;`);
    expect(q2.map((r) => [new Date(r.ts).getTime(), Number(r.cop)])).toEqual(
      stepsOf(0, 1, 2).map((g) => [f.tsOf(g), f.pointValueAt(2, g)]),
    );
    const q3 = await s.query<{
      date: unknown;
      daily_kwh: string;
    }>(`SELECT DATE(ts) as date, SUM(value_n) as daily_kwh FROM core.values_demo
WHERE entity_id IN (SELECT id FROM core.entity WHERE tags->'energy' = 'true')
GROUP BY DATE(ts) ORDER BY date;`);
    expect(q3.map((r) => Number(r.daily_kwh))).toEqual([...f.naiveDailyKwh([0, 1, 2]).values()].map((v) => Number(v.toFixed(2))));

    const [occupied] = await h.sql<{ avg: number; n: number }>(
      'SELECT avg_temp::float8 AS avg, readings::int AS n FROM core.demo_occupied_zone_temp',
    );
    const want = f.occupiedAvg([0, 1, 2]);
    expect(want.readings).toBeGreaterThan(20); // Friday 08:00-18:00 New York lies in the data
    expect(occupied.n).toBe(want.readings);
    expect(occupied.avg).toBeCloseTo(want.avg, 9);
    const cop = await h.sql<{ ms: number; chiller: string; cop: string }>(
      'SELECT (extract(epoch FROM ts) * 1000)::float8 AS ms, chiller, cop::text AS cop FROM core.demo_chiller_cop',
    );
    expect(cop.map((r) => [Number(r.ms), r.chiller, Number(r.cop)])).toEqual(
      f.copSeries([0, 1, 2]).map((r) => [r.ts, 'equip-chiller-1', r.cop]),
    );
    const daily = await h.sql<{ date: string; kwh: string }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, daily_kwh::text AS kwh FROM core.demo_daily_energy`,
    );
    expect(daily.map((r) => [r.date, Number(r.kwh)])).toEqual([...f.dailyKwh([0, 1, 2])].map(([d, v]) => [d, Number(v.toFixed(2))]));
    expect(daily.map((r) => r.date)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
  });

  it('keeps an hourly rollup (entity_id, bucket, avg, min, max, count, sum) equal to the raw history', async () => {
    await load([0]);
    const id = (await ids()).get(f.ZONE_TEMP.id);
    const rows = await h.sql<{ ms: number; avg: number; min: string; max: string; count: number; sum: number }>(
      `SELECT (extract(epoch FROM bucket) * 1000)::float8 AS ms, avg::float8 AS avg, min::text AS min, max::text AS max, count::int AS count,
              sum::float8 AS sum
         FROM core.values_demo_hourly WHERE entity_id = $1 ORDER BY bucket`,
      [id],
    );
    const hours = Array.from({ length: 24 }, (_, hr) => {
      const xs = [0, 1, 2, 3].map((q) => f.pointValueAt(0, hr * 4 + q)).filter((v): v is number => v !== null);
      return {
        ms: f.EPOCH + hr * 3_600_000,
        avg: xs.reduce((a, b) => a + b, 0) / xs.length,
        min: Math.min(...xs).toFixed(1),
        max: Math.max(...xs).toFixed(1),
        count: xs.length,
        sum: xs.reduce((a, b) => a + b, 0),
      };
    });
    const rounded = (x: number) => Number(Number(x).toFixed(9));
    expect(rows.map((r) => ({ ...r, ms: Number(r.ms), avg: rounded(r.avg), sum: rounded(r.sum) }))).toEqual(
      hours.map((x) => ({ ...x, avg: rounded(x.avg), sum: rounded(x.sum) })),
    );
  });
}
