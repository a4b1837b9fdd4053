/**
 * The alerts table against the series it is derived from: every crossing of a bound rule (with its gate, command and
 * start-up delay), counted here in JavaScript from the wide tables read back, is one alert row and there are no others; re-runs and a range
 * split into runs (the later part first) give the same rows; the haystack layout and the embedded store
 * give the same rows as the wide layout in PostgreSQL; a labelled fault covering an alert is referenced.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../src/equipment/index.js';
import { buildModel } from '../../src/model/build-model.js';
import type { SiteModel } from '../../src/model/site-model.js';
import { ALERT_RULES, bindAlertRules } from '../../src/outputs/alerts/alert-rules.js';
import type { RunDescriptor, Store } from '../../src/outputs/output.js';
import { PgliteStore } from '../../src/outputs/pglite/pglite-store.js';
import { PostgresStore } from '../../src/outputs/postgres/postgres-store.js';
import { planWideTables } from '../../src/outputs/wide/wide-names.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import { runFingerprint } from '../../src/runner/fingerprint.js';
import { Engine } from '../../src/sim/engine.js';
import { describeWithPostgres } from '../helpers/postgres.js';

const INTERVAL = 60_000;
/** 2025-06-04 05:30–11:30 IST: the morning shift starting, and a utility outage (08:27 IST, about 6 minutes) */
const START = Date.UTC(2025, 5, 4, 0, 0);
const END = START + 6 * 3_600_000;
const MIDDLE = START + 150 * 60_000; // not on a chunk boundary

interface Campus {
  model: SiteModel;
  engine: Engine;
  run: (start: number, end: number) => RunDescriptor;
}

async function campus(): Promise<Campus> {
  const loaded = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
  const { model, topology } = buildModel(loaded.profile, EQUIPMENT_TYPES);
  const seed = loaded.profile.simulation.seed;
  const engine = new Engine(model, topology, { seed, intervalMs: INTERVAL, epochMs: Date.parse(loaded.profile.simulation.epoch) });
  const run = (start: number, end: number): RunDescriptor => ({
    org: 'demo',
    profile: 'industrial-campus',
    seed,
    intervalMs: INTERVAL,
    fingerprint: runFingerprint(loaded.text, seed, INTERVAL),
    start,
    end,
  });
  return { model, engine, run };
}

async function load(store: Store, c: Campus, start: number, end: number) {
  await store.open();
  const done = await store.begin(c.model, c.run(start, end), { reset: false });
  for (const chunk of c.engine.chunksIn(start, end)) if (!done.has(chunk)) await store.writeChunk(c.engine.computeChunk(chunk, start, end));
  return store.finish();
}

/** A reading as the message shows it: rounded half away from zero at its decimal digits (SQL's numeric round). */
const twoDecimals = (v: number) => ((Math.sign(v) * Math.round(Math.abs(v) * 100 + 1e-7)) / 100).toFixed(2);

type Sql = <R>(text: string, params?: unknown[]) => Promise<R[]>;

const ALERT_ROWS = `SELECT equipment_id || '|' || rule || '|' || to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') || '|' || severity || '|' || metric
                          || '|' || threshold || '|' || value || '|' || message AS k
                     FROM %s ORDER BY 1`;
const alertRows = async (sql: Sql, table: string) => (await sql<{ k: string }>(ALERT_ROWS.replace('%s', table))).map((r) => r.k);

/** Crossings of every bound rule, computed here from the wide tables: beyond, and the previous reading was not. */
async function expectedCrossings(sql: Sql, c: Campus): Promise<string[]> {
  const rules = bindAlertRules(c.model);
  const keys: string[] = [];
  for (const table of planWideTables(c.model)) {
    const mine = rules.filter((b) => b.equipId === table.equipId);
    if (mine.length === 0) continue;
    const rows = await sql<Record<string, unknown>>(
      `SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS t, * FROM public.${table.name} ORDER BY ts`,
    );
    for (const b of mine) {
      const column = table.columns.find((col) => col.pointId === b.point.id)!.name;
      const gate = b.gate ? table.columns.find((col) => col.pointId === b.gate!.id)!.name : undefined;
      const command = b.command ? table.columns.find((col) => col.pointId === b.command!.id)!.name : undefined;
      // a start-up delay: the gate read true that many minutes before too (no row then: not running)
      const delayMs = (b.rule.startDelayMin ?? 0) * 60_000;
      const gateAt = new Map(rows.map((row) => [(row.ts as Date).getTime(), gate === undefined ? true : row[gate]]));
      let before: boolean | undefined;
      for (const row of rows) {
        const raw = row[column];
        if (raw === null || raw === undefined) continue;
        // an enum point stores its state's name: the rule compares its code, the name's place in the point's enum
        const v = typeof raw === 'string' && b.labels ? b.labels.indexOf(raw) : Number(raw);
        const beyond = b.rule.op === '>' ? v > b.rule.threshold : b.rule.op === '<' ? v < b.rule.threshold : v === b.rule.threshold;
        const ranBefore = delayMs === 0 || gateAt.get((row.ts as Date).getTime() - delayMs) === true;
        const commanded = command === undefined || row[command] === true;
        const hit = beyond && (gate === undefined || row[gate] === true) && commanded && ranBefore;
        if (hit && before !== true) keys.push(`${b.equipId}|${b.rule.id}|${row.t}`);
        before = hit;
      }
    }
  }
  return keys.sort();
}

describeWithPostgres('alerts (postgres)', (server) => {
  const clients: pg.Client[] = [];
  let c: Campus;
  beforeAll(async () => {
    c = await campus();
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
  });
  async function database() {
    const url = await server.createDatabase('hsalerts');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    clients.push(admin);
    const sql: Sql = async (text, params) => (await admin.query(text, params)).rows;
    return { url, sql };
  }

  let whole: string[] = [];

  it('has one alert per crossing of a rule in the wide layout, the same after a re-run and after a split of the range', async () => {
    const { url, sql } = await database();
    await load(new PostgresStore({ url, layout: 'wide' }), c, START, END);
    whole = await alertRows(sql, 'public.alerts');
    const expected = await expectedCrossings(sql, c);
    expect(whole.map((k) => k.split('|').slice(0, 3).join('|'))).toEqual(expected);
    const rules = new Set(whole.map((k) => k.split('|')[1]));
    // the process buses go dead in the outage (their meters read 0 Hz: no voltage to count cycles of), and the
    // chilled water runs warm while the plant restarts after it
    expect(rules).toContain('elec.frequency_low.high');
    expect(rules).toContain('chiller.chw_supply_high.medium');
    expect(rules.size).toBeGreaterThan(3);
    expect(whole.length).toBeGreaterThan(10);
    // each row says what its rule says: severity, threshold, and the message with the reading filled in
    for (const k of whole) {
      const [equipment, id, , severity, , threshold, value, message] = k.split('|');
      const rule = ALERT_RULES.find((r) => r.id === id)!;
      expect(rule, id).toBeDefined();
      expect(severity).toBe(rule.severity);
      expect(Number(threshold)).toBe(rule.threshold);
      const text = rule.message.replace('{threshold}', String(rule.threshold)).replace('{equipment}', equipment!);
      expect(message).toBe(text.replace('{value}', twoDecimals(Number(value))));
    }

    await load(new PostgresStore({ url, layout: 'wide' }), c, START, END);
    expect(await alertRows(sql, 'public.alerts')).toEqual(whole);

    // the later part first: its first reading's previous one arrives with the second run
    const split = await database();
    await load(new PostgresStore({ url: split.url, layout: 'wide' }), c, MIDDLE, END);
    await load(new PostgresStore({ url: split.url, layout: 'wide' }), c, START, MIDDLE);
    expect(await alertRows(split.sql, 'public.alerts')).toEqual(whole);
  }, 600_000);

  it('gives the same alerts in the haystack layout (core.alerts_{org}), and references a labelled fault covering one', async () => {
    expect(whole.length).toBeGreaterThan(0);
    const { url, sql } = await database();
    await load(new PostgresStore({ url, layout: 'haystack' }), c, START, END);
    expect(await alertRows(sql, 'core.alerts_demo')).toEqual(whole);
    // the range's labelled campus faults (e.g. overheating) cause crossings: each reference is a fault of that
    // equipment covering the alert
    const linkedAlerts = `SELECT a.fault_event, a.ts, a.equipment_id, e.start_ts, e.end_ts, e.haystack_id FROM core.alerts_demo a
                            JOIN core.haysim_event e ON e.event_key = a.fault_event WHERE a.fault_event IS NOT NULL`;
    type Linked = { fault_event: string; ts: Date; equipment_id: string; start_ts: Date; end_ts: Date; haystack_id: string };
    const expectCovered = (links: Linked[]) => {
      for (const l of links) {
        expect(l.haystack_id === l.equipment_id || l.haystack_id.startsWith(`${l.equipment_id}.`), l.fault_event).toBe(true);
        expect(l.start_ts.getTime()).toBeLessThanOrEqual(l.ts.getTime());
        expect(l.ts.getTime()).toBeLessThan(l.end_ts.getTime());
      }
    };
    expectCovered(await sql<Linked>(linkedAlerts));

    // a fault labelled by hand on the point of an alert no fault covers: a re-run references it
    const [first] = await sql<{ ts: Date; equipment_id: string; metric: string }>(
      `SELECT ts, equipment_id, metric FROM core.alerts_demo WHERE fault_event IS NULL ORDER BY ts, equipment_id, rule LIMIT 1`,
    );
    await sql(
      `INSERT INTO core.haysim_event (org_id, event_key, type, entity_id, haystack_id, start_ts, end_ts, params)
       SELECT e.org_id, 'fault:test:' || e.haystack_id, 'fault', e.id, e.haystack_id, $2::timestamptz - interval '5 minutes', $2::timestamptz + interval '1 minute', '{}'
         FROM core.entity e WHERE e.haystack_id = $1`,
      [`${first!.equipment_id}.${first!.metric}`, first!.ts],
    );
    await load(new PostgresStore({ url, layout: 'haystack' }), c, START, END);
    const after = await sql<Linked>(linkedAlerts);
    expectCovered(after);
    expect(after.map((l) => l.fault_event)).toContain(`fault:test:${first!.equipment_id}.${first!.metric}`);
    expect(await alertRows(sql, 'core.alerts_demo')).toEqual(whole);
  }, 600_000);

  it('gives the same alerts in the embedded store', async () => {
    expect(whole.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'haysim-alerts-'));
    try {
      const store = new PgliteStore({ dataDir: dir, layout: 'wide' });
      await load(store, c, START, END);
      try {
        const sql: Sql = async <R>(text: string, params?: unknown[]) => (await store.query(text, params)) as R[];
        await sql(`SET TIME ZONE 'UTC'`);
        expect(await alertRows(sql, 'public.alerts')).toEqual(whole);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});

describe('alert rules', () => {
  it('bind to the equipment that has the column: not voltage on the 11 kV incomer, not winding temperature of motors', async () => {
    const { model } = await campus();
    const bound = bindAlertRules(model);
    const on = (id: string) => new Set(bound.filter((b) => b.equipId === id).map((b) => b.rule.id));
    expect(on('em_001').has('panel.voltage_low.high')).toBe(false);
    expect(on('lt_pcc_001')).toContain('panel.voltage_low.high');
    expect(on('lt_pcc_001')).toContain('bus.power_factor.medium');
    expect(on('motor_001').has('trf.winding_temp.high')).toBe(false);
    expect(on('motor_001')).toContain('machine.vibration.critical');
    expect(on('pump_001').has('compressor.discharge_pressure.medium')).toBe(false);
    expect(on('compressor_001')).toContain('compressor.discharge_pressure.medium');
    expect(on('ups_001')).toContain('ups.on_battery.medium');
    expect(on('chiller_001')).toContain('chiller.kw_per_tr.medium');
  });
});
