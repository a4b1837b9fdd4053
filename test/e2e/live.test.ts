import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import mqtt from 'mqtt';
import { describeWithPostgres } from '../helpers/postgres.js';
import { findMosquitto, startMosquitto } from '../helpers/mosquitto.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const SMALL = join(import.meta.dirname, '..', 'fixtures', 'profiles', 'small-office.yaml');
const live = (url: string) =>
  spawn(
    process.execPath,
    [
      BIN,
      'live',
      '--profile',
      SMALL,
      '--db',
      url,
      '--interval',
      '1m',
      '--acceleration',
      '600',
      '--backfill-days',
      '0',
      '--api-port',
      'off',
    ],
    { stdio: 'ignore' },
  );

async function until(client: pg.Client, sql: string, ok: (v: number) => boolean): Promise<number> {
  for (let i = 0; i < 300; i++) {
    const r = await client.query(sql).catch(() => ({ rows: [{ v: null }] }));
    const v = r.rows[0]?.v === null || r.rows[0]?.v === undefined ? NaN : Number(r.rows[0].v);
    if (ok(v)) return v;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for: ${sql}`);
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

describeWithPostgres('haysim live', (server) => {
  it('survives kill -9: the restart fills the gap, nothing is missing or doubled, registers keep rising, and live equals generate', async () => {
    const url = await server.createDatabase('e2e_live');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const ticks = `SELECT count(DISTINCT ts)::int AS v FROM core.values_demo`;
      const first = live(url);
      await until(client, ticks, (n) => n >= 15);
      first.kill('SIGKILL');
      await exited(first);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // ~15 simulated minutes pass while it is down
      const second = live(url);
      await until(client, `SELECT count(*)::int AS v FROM simulator_activity_log WHERE event_type = 'gaps_filled'`, (n) => n >= 1);
      const before = await until(client, ticks, (n) => n >= 40);
      second.kill('SIGTERM');
      expect(await exited(second)).toBe(0);
      const {
        rows: [span],
      } = await client.query(
        `SELECT extract(epoch FROM min(ts))::bigint * 1000 AS lo, extract(epoch FROM max(ts))::bigint * 1000 AS hi, count(*)::int AS n, count(DISTINCT ts)::int AS steps,
                (SELECT count(*)::int FROM core.entity WHERE tags ? 'point' AND value_table_id = 'values_demo') AS points
           FROM core.values_demo`,
      );
      const steps = (Number(span.hi) - Number(span.lo)) / 60_000 + 1;
      expect(span.steps).toBeGreaterThanOrEqual(before);
      expect(span.steps).toBe(steps); // no gap
      expect(span.n).toBe(steps * span.points); // no duplicate, nothing missing
      const {
        rows: [drops],
      } = await client.query(
        `SELECT count(*)::int AS n FROM (SELECT value_n - lag(value_n) OVER (PARTITION BY entity_id ORDER BY ts) AS d FROM core.values_demo
           WHERE entity_id IN (SELECT id FROM core.entity WHERE tags ? 'hisTotalized')) x WHERE d < 0`,
      );
      expect(drops.n).toBe(0);
      const { rows: log } = await client.query(`SELECT event_type, count(*)::int AS n FROM simulator_activity_log GROUP BY 1`);
      const byType = Object.fromEntries(log.map((r) => [r.event_type, r.n]));
      expect(byType).toMatchObject({ initialized: 1, started: 2, gaps_filled: 1, stopped: 1 });
      const {
        rows: [state],
      } = await client.query(`SELECT status, extract(epoch FROM last_run_timestamp)::bigint * 1000 AS last FROM simulator_state`);
      expect(state.status).toBe('stopped');
      expect(Number(state.last)).toBe(Number(span.hi));
      // the same range generated in bulk gives the same rows, byte for byte
      const start = new Date(Number(span.lo)).toISOString();
      const end = new Date(Number(span.hi) + 60_000).toISOString();
      const gen = spawnSync(
        process.execPath,
        [
          BIN,
          'generate',
          '--profile',
          SMALL,
          '--db',
          url,
          '--org',
          'bulk',
          '--interval',
          '1m',
          '--start',
          start,
          '--end',
          end,
          '--quiet',
          '--no-validate',
        ],
        { encoding: 'utf8' },
      );
      expect(gen.status, gen.stderr).toBe(0);
      const sum = async (org: string) =>
        (
          await client.query(`SELECT md5(string_agg(e.haystack_id || '|' || v.ts::text || '|' || coalesce(v.value_n::text, '') || coalesce(v.value_b::text, '') || '|' || v.status, ',' ORDER BY e.haystack_id, v.ts)) AS s
                               FROM core."values_${org}" v JOIN core.entity e ON e.id = v.entity_id`)
        ).rows[0].s;
      expect(await sum('demo')).toBe(await sum('bulk'));
    } finally {
      await client.end();
    }
  });

  it('serves a control API on localhost: health, status, state, metrics, activity, config, stop and start', async () => {
    const TOKEN = 'e2e-token-0123456789abcdef';
    const url = await server.createDatabase('e2e_api');
    const child = spawn(
      process.execPath,
      [
        BIN,
        'live',
        '--profile',
        SMALL,
        '--db',
        url,
        '--interval',
        '1m',
        '--acceleration',
        '600',
        '--backfill-days',
        '0',
        '--api-port',
        '0',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HAYSIM_API_TOKEN: TOKEN } },
    );
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /control API on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', () => reject(new Error(`live exited: ${stderr}`)));
    });
    const api = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: r.status, body: (r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text()) as any };
    };
    try {
      expect(await api('GET', '/health')).toEqual({ status: 200, body: { status: 'ok' } });
      for (let i = 0; i < 100 && (await api('GET', '/status')).body.ticks < 3; i++) await new Promise((r) => setTimeout(r, 100));
      const status = await api('GET', '/status');
      expect(status.body).toMatchObject({ running: true });
      expect(status.body.ticks).toBeGreaterThanOrEqual(3);
      expect((await api('GET', '/state')).body).toMatchObject({ status: 'running' });
      const metrics = await api('GET', '/metrics?format=prometheus');
      expect(metrics.body).toMatch(/^haysim_live_ticks_total \d+$/m);
      const started = await api('GET', '/activity?limit=5&type=started');
      expect(started.body.items).toHaveLength(1);
      expect((await api('GET', '/activity?limit=0')).status).toBe(400);
      expect((await api('PUT', '/config', { acceleration: 0 })).status).toBe(400);
      expect((await api('PUT', '/config', { acceleration: 1200 })).body).toMatchObject({ acceleration: 1200, intervalMs: 60_000 });
      expect((await api('POST', '/stop')).status).toBe(202);
      for (let i = 0; i < 100 && (await api('GET', '/status')).body.running; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await api('GET', '/state')).body).toMatchObject({ status: 'stopped' });
      expect((await api('POST', '/stop')).status).toBe(409);
      expect((await api('POST', '/start')).status).toBe(202);
      for (let i = 0; i < 100 && !(await api('GET', '/status')).body.running; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await api('GET', '/status')).body.running).toBe(true);
      expect((await api('GET', '/openapi.json')).body.openapi).toBe('3.1.0');
      expect((await api('GET', '/nope')).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
    }
  });

  it('streams every tick to MQTT: each reading once, in order per point, with the stored value, unit and status', async () => {
    if (!findMosquitto()) return void console.warn('[haysim tests] WARNING: mosquitto not installed: live → MQTT test SKIPPED');
    const broker = await startMosquitto();
    const url = await server.createDatabase('e2e_live_mqtt');
    const sub = await mqtt.connectAsync(broker.url);
    const got = new Map<string, { ts: string; value: unknown; unit: unknown; status: string }[]>();
    await sub.subscribeAsync('tower/#', { qos: 1 });
    sub.on('message', (_topic, payload) => {
      const r = JSON.parse(payload.toString());
      got.set(r.id, [...(got.get(r.id) ?? []), r]);
    });
    try {
      const child = spawn(
        process.execPath,
        [
          BIN,
          'live',
          '--profile',
          SMALL,
          '--db',
          url,
          '--mqtt',
          broker.url,
          '--topic',
          'tower/{equip}/{point}',
          '--interval',
          '1m',
          '--acceleration',
          '600',
          '--backfill-days',
          '0',
          '--api-port',
          'off',
        ],
        { stdio: 'ignore' },
      );
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await until(client, `SELECT count(DISTINCT ts)::int AS v FROM core.values_demo`, (n) => n >= 10);
        child.kill('SIGTERM');
        expect(await exited(child)).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const { rows } = await client.query(
          `SELECT e.haystack_id AS id, to_char(v.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts, v.value_n::float8 AS n, v.value_b AS b, v.status, e.tags->>'unit' AS unit
             FROM core.values_demo v JOIN core.entity e ON e.id = v.entity_id ORDER BY e.haystack_id, v.ts`,
        );
        expect(rows.length).toBeGreaterThan(0);
        const stored = new Map<string, typeof rows>();
        for (const r of rows) stored.set(r.id, [...(stored.get(r.id) ?? []), r]);
        expect([...got.keys()].sort()).toEqual([...stored.keys()].sort());
        for (const [id, readings] of got) {
          const want = stored.get(id)!;
          expect(
            readings.map((r) => r.ts),
            id,
          ).toEqual(want.map((r) => r.ts)); // once each, in order
          readings.forEach((r, i) => {
            expect(r.value).toEqual(want[i]!.b ?? want[i]!.n);
            expect(r.status).toBe(want[i]!.status);
            expect(r.unit).toBe(want[i]!.unit ?? null);
          });
        }
      } finally {
        await client.end();
      }
    } finally {
      await sub.endAsync();
      await broker.dispose();
    }
  });
});
