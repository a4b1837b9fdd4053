/**
 * The chiller alert rules on campus windows with a chiller fault, loaded into the embedded store through the real
 * alert writer, against the same windows without the fault: the condenser-pressure pre-alarm and the trip alarm of a
 * fouled condenser, the CHW-supply-high alarm of a short-cycling machine, each at the reading that crosses (found
 * here from the engine's own series), naming the fault; none of them without it. A clean May day: no running alarm
 * in a start's delay nor while a staged stop's unloading runs with the enable off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PgliteStore } from '../../src/outputs/pglite/pglite-store.js';
import { runFingerprint } from '../../src/runner/fingerprint.js';
import { Engine } from '../../src/sim/engine.js';
import type { GroundTruthEvent } from '../../src/sim/sample.js';
import { CAMPUS_TEXT, type CampusRun, campusWith, faultEventsOf, firstTripOf, seriesOf } from '../helpers/campus-fault-runs.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SPAN = [Date.parse('2025-03-01T00:00:00Z'), Date.parse('2025-12-01T00:00:00Z')] as const;
const clean = campusWith(null);
/** the rules under test */
const RULES = ['chiller.chw_supply_high.medium', 'chiller.condenser_pressure_high.high', 'chiller.trip.high'];

interface Alert {
  ts: number;
  rule: string;
  value: number;
  fault_event: string | null;
}

/** The campus over [start, end) at 1 minute in a fresh embedded store (wide layout); the alerts of one equipment. */
async function alertsOf(run: CampusRun, equip: string, start: number, end: number, rules = RULES): Promise<Alert[]> {
  const dir = mkdtempSync(join(tmpdir(), 'haysim-chiller-alerts-'));
  const store = new PgliteStore({ dataDir: dir, layout: 'wide' });
  try {
    // registers count from the day before (as the fault series do)
    const epochMs = Math.floor(start / 86_400_000) * 86_400_000 - 86_400_000;
    const engine = new Engine(run.model, run.topology, { seed: 1, intervalMs: MINUTE, epochMs });
    await store.open();
    const descriptor = {
      org: 'demo',
      profile: 'industrial-campus',
      seed: 1,
      intervalMs: MINUTE,
      fingerprint: runFingerprint(CAMPUS_TEXT, 1, MINUTE),
      start,
      end,
    };
    const done = await store.begin(run.model, descriptor, { reset: false });
    for (const chunk of engine.chunksIn(start, end)) if (!done.has(chunk)) await store.writeChunk(engine.computeChunk(chunk, start, end));
    await store.finish();
    const rows = (await store.query(
      `SELECT (extract(epoch FROM ts) * 1000)::float8 AS ts, rule, value, fault_event FROM public.alerts
        WHERE equipment_id = $1 AND rule = ANY($2::text[]) ORDER BY ts, rule`,
      [equip, rules],
    )) as unknown as Alert[];
    return rows.map((r) => ({ ...r, ts: Number(r.ts), value: Number(r.value) }));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const first = (alerts: Alert[], rule: string) => alerts.find((a) => a.rule === rule);
const faultOf = (e: GroundTruthEvent) => e.id;

describe('chiller alerts', () => {
  it('a fouled condenser: the pressure pre-alarm as the head climbs past 11.5 bar g, then the trip, none without it', async () => {
    const fouled = campusWith('condenser-fouling');
    const e = faultEventsOf('condenser-fouling', fouled, SPAN[0], SPAN[1], (x) => x.entityId.startsWith('chiller_')).find(
      (x) => Number(x.params.finalApproachRiseK) > 18 && firstTripOf(fouled, x) !== undefined,
    )!;
    expect(e).toBeDefined();
    const trip15 = firstTripOf(fouled, e)!;
    // half a day before the trip: the fouled head has been above the pre-alarm for the last hours of it
    const start = trip15 - 12 * HOUR;
    const end = trip15 + 30 * MINUTE;
    // the crossings, from the engine's series: the first running minute over 11.5 bar g, the minute the alarm rises
    const s = seriesOf(fouled, e.entityId, ['run_status', 'condenser_pressure_bar', 'alarm_status'], start, end, MINUTE);
    const v = s.values;
    const pre = v.condenser_pressure_bar!.findIndex((p, i) => p > 11.5 && v.run_status![i] === 1);
    const trip = v.alarm_status!.findIndex((a, i) => a === 1 && v.alarm_status![i - 1] === 0);
    expect(pre).toBeGreaterThan(0);
    expect(trip).toBeGreaterThan(pre);

    const alerts = await alertsOf(fouled, e.entityId, start, end);
    const pressure = first(alerts, 'chiller.condenser_pressure_high.high')!;
    expect(pressure.ts).toBe(s.ts[pre]);
    expect(pressure.value).toBeGreaterThan(11.5);
    expect(pressure.value).toBeLessThan(12.4);
    expect(pressure.fault_event).toBe(faultOf(e));
    const tripped = first(alerts, 'chiller.trip.high')!;
    expect(tripped.ts).toBe(s.ts[trip]);
    expect(tripped.fault_event).toBe(faultOf(e));
    expect(alerts.filter((a) => a.rule === 'chiller.trip.high')).toHaveLength(1);

    expect(await alertsOf(clean, e.entityId, start, end)).toEqual([]);
  }, 600_000);

  it('a short-cycling chiller: CHW supply high where a run outlasts the start-up delay, none without it', async () => {
    const cycling = campusWith('short-cycling');
    const e = faultEventsOf('short-cycling', cycling, SPAN[0], SPAN[1], (x) => x.entityId.startsWith('chiller_')).find((x) => {
      const run = seriesOf(clean, x.entityId, ['run_status'], x.start - HOUR, x.start + 2 * HOUR, 15 * MINUTE).values.run_status!;
      return run.every((r) => r === 1);
    })!;
    expect(e).toBeDefined();
    const start = e.start - HOUR;
    const end = Math.min(e.end, e.start + 2 * HOUR);
    const s = seriesOf(cycling, e.entityId, ['enable_cmd', 'run_status', 'chw_supply_temp_c'], start, end, MINUTE);
    const v = s.values;
    // while enabled and running, and ran 5 minutes before (the rule's start-up delay; before the store's first reading:
    // not running)
    const hit = (i: number) =>
      i >= 5 && v.chw_supply_temp_c![i]! > 9 && v.enable_cmd![i] === 1 && v.run_status![i] === 1 && v.run_status![i - 5] === 1;
    const edges = s.ts.filter((_, i) => hit(i) && !hit(i - 1));
    expect(edges.length).toBeGreaterThan(0);
    expect(edges[0]).toBeGreaterThanOrEqual(e.start);

    // one per excursion that outlasts the delay, each covered by the fault
    const alerts = (await alertsOf(cycling, e.entityId, start, end)).filter((a) => a.rule === 'chiller.chw_supply_high.medium');
    expect(alerts.map((a) => a.ts)).toEqual(edges);
    expect(alerts.every((a) => a.value > 9 && a.fault_event === faultOf(e))).toBe(true);

    expect(await alertsOf(clean, e.entityId, start, end)).toEqual([]);
  }, 600_000);

  it('a clean May day: the running alarms wait out a start (kW/TR 15 min, CHW supply 5 min) and keep quiet through a staged stop (enable off), then follow the series', async () => {
    // a day with both (since the plant's load is its AHUs' coil duties: 05-10 no longer has a start that crosses)
    const equip = 'chiller_001';
    const start = Date.parse('2025-05-11T00:00:00Z');
    const end = start + 24 * HOUR;
    const s = seriesOf(clean, equip, ['enable_cmd', 'run_status', 'chw_supply_temp_c', 'kw_per_tr'], start - HOUR, end, MINUTE);
    const v = s.values;
    const lead = 60; // the hour before the day, for the delay's look-back
    const rules = [
      { id: 'chiller.kw_per_tr.medium', key: 'kw_per_tr', threshold: 0.9, delay: 15 },
      { id: 'chiller.chw_supply_high.medium', key: 'chw_supply_temp_c', threshold: 9, delay: 5 },
    ] as const;
    const alerts = await alertsOf(
      clean,
      equip,
      start,
      end,
      rules.map((r) => r.id),
    );
    let inDelay = 0;
    let stopping = 0;
    for (const r of rules) {
      const x = v[r.key]!;
      const over = (i: number) => x[i]! > r.threshold && v.run_status![i] === 1;
      // the store holds the day only: before it, the gate reads as not running
      const ranBefore = (i: number) => i - r.delay >= lead && v.run_status![i - r.delay] === 1;
      const hit = (i: number) => over(i) && ranBefore(i) && v.enable_cmd![i] === 1;
      // the rising edges of the delayed condition: where the alerts must be, and only there
      const expected = s.ts.filter((_, i) => i >= lead && hit(i) && !hit(i - 1));
      expect(alerts.filter((a) => a.rule === r.id).map((a) => a.ts)).toEqual(expected);
      inDelay += s.ts.filter((_, i) => i >= lead + r.delay && over(i) && !ranBefore(i)).length;
      stopping += s.ts.filter((_, i) => i >= lead && over(i) && ranBefore(i) && v.enable_cmd![i] === 0).length;
    }
    // the day has starts whose first minutes cross, and staged stops whose unloading does (its enable off): without
    // the delay and the command they would have raised alerts
    expect(inDelay).toBeGreaterThan(0);
    expect(stopping).toBeGreaterThan(0);
  }, 600_000);
});
