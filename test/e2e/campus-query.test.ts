import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueryClient } from '../../src/query/query-client.js';
import { describeWithPostgres } from '../helpers/postgres.js';
import { expectSameRows } from '../helpers/same-rows.js';

/*
 * The query layer on the industrial campus (357 equipment, Asia/Kolkata) as users run it: `haysim generate`
 * writes two days at 15 minutes in each layout, and `haysim context …` and `haysim ml …` must print the same
 * bytes from both. Buckets are IST days and hours (checked against raw readings grouped here), the anomaly
 * context names exactly the labelled events its runs overlap, and ML labels agree with the raw ground truth.
 */

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const IST = 5.5 * 3_600_000;
const DAY = 86_400_000;

function haysim(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface RawEvent {
  key: string;
  type: string;
  target: string;
  start: number;
  end: number;
}

describeWithPostgres('query, context and ml on the industrial campus, wide and Haystack layouts', (server) => {
  const urls: Record<'wide' | 'haystack', string> = { wide: '', haystack: '' };
  let wide: QueryClient;
  let hay: QueryClient;
  let events: RawEvent[];
  const both = (args: string[]) => {
    const [w, h] = [haysim([...args, '--db', urls.wide]), haysim([...args, '--db', urls.haystack])];
    expect(w.code, `${args.join(' ')}: ${w.stderr}`).toBe(0);
    expect(h.code, `${args.join(' ')}: ${h.stderr}`).toBe(0);
    expect(h.stdout, args.join(' ')).toBe(w.stdout);
    return w.stdout;
  };

  beforeAll(async () => {
    for (const layout of ['wide', 'haystack'] as const) {
      urls[layout] = await server.createDatabase(`campus_${layout}`);
      const g = haysim([
        'generate',
        '--profile',
        'industrial-campus',
        '--db',
        urls[layout],
        '--layout',
        layout,
        '--start',
        '2023-02-01',
        '--end',
        '2023-02-03',
        '--interval',
        '15m',
        '--quiet',
        '--no-validate',
      ]);
      expect(g.code, g.stderr).toBe(0);
    }
    [wide, hay] = await Promise.all([QueryClient.open({ url: urls.wide }), QueryClient.open({ url: urls.haystack })]);
    const c = new pg.Client(urls.haystack);
    await c.connect();
    try {
      const { rows } = await c.query(
        `SELECT event_key AS key, type, haystack_id AS target, (extract(epoch FROM start_ts) * 1000)::float8 AS start,
                (extract(epoch FROM end_ts) * 1000)::float8 AS end FROM core.haysim_event`,
      );
      events = rows.map((r) => ({ ...r, start: Number(r.start), end: Number(r.end) }));
    } finally {
      await c.end();
    }
  }, 900_000);
  afterAll(async () => {
    await Promise.all([wide?.close(), hay?.close()]);
  });

  /** The raw events on an equipment or one of its points (by Haystack id) overlapping [from, to]. */
  const eventsOn = (equip: string, pointIds: readonly string[], from: number, to: number) =>
    events.filter((e) => (e.target === equip || pointIds.includes(e.target)) && e.start <= to && from < e.end);

  it('buckets in IST: days from 18:30 UTC, hours at half past, counts as the raw readings grouped by IST day; both layouts alike', async () => {
    expect([wide.layout, hay.layout, wide.timeZone]).toEqual(['wide', 'haystack', 'Asia/Kolkata']);
    const period = { from: '2023-02-01', to: '2023-02-03', columns: ['active_power_kw'] };
    const raw = (await wide.range('chiller_001', { ...period, limit: 10_000 })).rows;
    expect(raw[0]!.ts).toBe('2023-01-31T18:30:00.000Z');
    const perDay = new Map<number, number>();
    for (const r of raw) {
      if (r.active_power_kw === null) continue;
      const day = Math.floor((Date.parse(r.ts) + IST) / DAY) * DAY - IST;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const daily = await wide.range('chiller_001', { ...period, agg: 'count', every: '1d' });
    expect(daily.rows.map((r) => r.ts)).toEqual(['2023-01-31T18:30:00.000Z', '2023-02-01T18:30:00.000Z']);
    expect(daily.rows.map((r) => [Date.parse(r.ts), r.active_power_kw])).toEqual([...perDay]);
    const hourly = await wide.range('chiller_001', { ...period, agg: 'avg', every: '1h' });
    expect(hourly.rowCount).toBe(48);
    expect(hourly.rows.every((r) => r.ts.slice(13) === ':30:00.000Z')).toBe(true);
    for (const o of [
      { ...period, agg: 'count', every: '1d' },
      { ...period, agg: 'avg', every: '1h' },
      { ...period, agg: 'max', every: '6h' },
    ] as const)
      expectSameRows(await wide.range('chiller_001', o), await hay.range('chiller_001', o), `${o.agg} per ${o.every}`);
  });

  it('prints the same context summary, trend, anomalies, compare and alerts from both layouts', () => {
    const cases = [
      ['summary', 'chiller_002'],
      ['trend', 'chiller_002', '--column', 'active_power_kw', '--hours', '48'],
      ['anomalies', 'chiller_002', '--hours', '48'],
      ['compare', 'chiller_001', 'chiller_002', '--columns', 'active_power_kw,cop'],
      ['alerts', '--hours', '48'],
    ];
    for (const args of cases) {
      const text = both(['context', ...args]);
      expect(text, args.join(' ')).not.toMatch(/No data/);
      expect(text.length, args.join(' ')).toBeGreaterThan(80);
    }
  });

  it('anomaly context names exactly the labelled events each run overlaps in the raw ground truth', async () => {
    const text = both(['context', 'anomalies', 'chiller_002', '--hours', '48']);
    const columns = (await wide.columns('chiller_002')).rows;
    const runs = text.split('\n').filter((l) => l.startsWith('- '));
    expect(runs.length).toBeGreaterThan(0);
    let labelled = 0;
    for (const line of runs) {
      const m = /^- (\w+) \(.*?\): (\S+?)(?: to (\S+?))?, \d+ readings?, .* — (.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const [, column, from, to, truth] = m!;
      const pointId = columns.find((c) => c.name === column)!.pointId;
      const expected = eventsOn('chiller_002', [pointId], Date.parse(from!), Date.parse(to ?? from!)).map((e) => `${e.type} ${e.key}`);
      const named = truth === 'no labelled event' ? [] : [...truth!.matchAll(/(\w+) (\S+) \(/g)].map(([, t, k]) => `${t} ${k}`);
      expect(named.sort(), line).toEqual(expected.sort());
      if (named.length) labelled++;
    }
    // the low-charge fault chiller_002 carries into the period shows in its readings
    expect(labelled).toBeGreaterThan(0);
    expect(text).toMatch(/labelled: fault \S+/);
  });

  it('samples the same ML records from both layouts, each label as the raw ground truth has it', async () => {
    const batch = both(['ml', 'batch', '--size', '32', '--types', 'chiller,ahu,pump', '--anomaly-ratio', '0.2', '--seed', '1'])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(batch.filter((r) => r.label === 'anomaly')).toHaveLength(6);
    expect(batch.filter((r) => r.label === 'normal')).toHaveLength(26);
    const points = new Map<string, string[]>();
    for (const id of new Set(batch.map((r) => r.equipment as string)))
      points.set(
        id,
        (await wide.columns(id)).rows.map((c) => c.pointId),
      );
    for (const r of batch) {
      const t = Date.parse(r.ts);
      const faults = eventsOn(r.equipment, points.get(r.equipment)!, t, t).filter((e) => e.type === 'fault' && t < e.end);
      if (r.label === 'normal') expect(faults, `${r.equipment} ${r.ts}`).toEqual([]);
      if (r.label_source === 'ground_truth' && r.label === 'anomaly') {
        expect(r.faults.length, `${r.equipment} ${r.ts}`).toBeGreaterThan(0);
        for (const f of r.faults)
          expect(
            faults.map((e) => e.key),
            `${r.equipment} ${r.ts}`,
          ).toContain(f.event);
      }
    }
    const pairs = both(['ml', 'pairs', '--type', 'chiller', '--metric', 'active_power_kw', '--hours', '2', '--count', '20', '--seed', '1'])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(pairs).toHaveLength(20);
    for (const p of pairs) expect(p.chosen_window.mean).toBeLessThan(p.rejected_window.mean);
    const states = both(['ml', 'states', '--types', 'chiller', '--count', '20', '--seed', '2']).trim().split('\n');
    expect(states).toHaveLength(20);
  });
});
