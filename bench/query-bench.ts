import { PostgresStore } from '../src/outputs/postgres/postgres-store.js';
import { QueryClient } from '../src/query/query-client.js';
import type { Report } from './bench-report.js';
import { campusDay } from './campus-day.js';

const DAY = 86_400_000;
/** the users' reference horizon: 3 years at 1 minute */
const YEARS_DAYS = 1096;
const RUNS = 200;

/**
 * The query library's latency on one campus equipment with the users' 1.58 M rows (3 years at 1 minute),
 * wide layout on PostgreSQL, next to the users' own figures. One campus day is generated (the engine
 * computes the whole site) and chiller_001's day is then repeated, shifted a day at a time, to 1,578,240
 * rows: the table, its ts index and its row width are what three generated years give, the values repeat.
 * Each query runs RUNS times on the newest data after 10 warm-up runs; the time is the library call's
 * (read-only transaction, statement, decoding), p50 and p99.
 */
export async function queryFigures(report: Report, database: (name: string) => Promise<string>): Promise<void> {
  const { epochMs, generate } = await campusDay();
  const url = await database(`haysim_bench_query_${process.pid}`);
  const store = new PostgresStore({ url, org: 'campus', layout: 'wide' });
  await store.open();
  await generate([store]);
  await store.query(`INSERT INTO public.chiller_001 SELECT (c.ts + k * interval '1 day') AS ts, ${await otherColumns(store)}
                       FROM public.chiller_001 c CROSS JOIN generate_series(1, ${YEARS_DAYS - 1}) k`);
  await store.query('ANALYZE public.chiller_001');
  const [{ n }] = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM public.chiller_001');
  await store.close();

  const q = await QueryClient.open({ url, org: 'campus' });
  try {
    const end = epochMs + YEARS_DAYS * DAY;
    const at = (days: number) => ({ from: new Date(end - days * DAY).toISOString(), to: new Date(end).toISOString() });
    const columns = (await q.columns('chiller_001')).rowCount;
    const cases: [string, () => Promise<unknown>, string][] = [
      [`latest reading (${columns} columns)`, () => q.latest('chiller_001'), 'theirs < 5 ms; target < 0.5 ms'],
      [
        '1-day hourly aggregate, avg of active_power_kw',
        () => q.range('chiller_001', { ...at(1), columns: ['active_power_kw'], agg: 'avg', every: '1h' }),
        'theirs 50–150 ms; target < 15 ms',
      ],
      [
        '30-day hourly aggregate, avg of active_power_kw',
        () => q.range('chiller_001', { ...at(30), columns: ['active_power_kw'], agg: 'avg', every: '1h' }),
        'theirs 500–1,500 ms; target < 50 ms',
      ],
      [`30-day hourly aggregate, avg of all ${columns} columns`, () => q.range('chiller_001', { ...at(30), agg: 'avg', every: '1h' }), ''],
      [
        '24-hour anomaly scan, active_power_kw > 100',
        () => q.anomalies('chiller_001', { ...at(1), column: 'active_power_kw', op: '>', value: 100 }),
        'theirs 100–300 ms; target < 10 ms',
      ],
    ];
    for (const [what, call, note] of cases) {
      const ms = await timings(call);
      report(`query, wide, ${n.toLocaleString('en-US')} rows: ${what}`, `p50 ${ms.p50.toFixed(2)} / p99 ${ms.p99.toFixed(2)} ms`, note);
    }
  } finally {
    await q.close();
  }
}

/** `ts`'s siblings of chiller_001 as a select list, in table order. */
async function otherColumns(store: PostgresStore): Promise<string> {
  const rows = await store.query<{ c: string }>(
    `SELECT quote_ident(attname) AS c FROM pg_attribute WHERE attrelid = 'public.chiller_001'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'ts' ORDER BY attnum`,
  );
  return rows.map((r) => `c.${r.c}`).join(', ');
}

async function timings(call: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 10; i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await call();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(RUNS * 0.5)]!, p99: ms[Math.floor(RUNS * 0.99)]! };
}
