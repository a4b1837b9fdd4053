import { describe, expect, it } from 'vitest';
import { buildModel } from '../../model/build-model.js';
import { loadProfile } from '../../profile/load-profile.js';
import type { DegradationKind, Profile } from '../../profile/schema.js';
import { Engine } from '../../sim/engine.js';
import { GridOutages } from '../../sim/physics/campus-grid.js';
import { QualityEvents } from '../../sim/quality-events.js';
import { type GroundTruthEvent, Status } from '../../sim/sample.js';
import { EQUIPMENT_TYPES } from '../index.js';

/*
 * Each campus fault kind, alone on a campus where it is frequent, against the same campus without it (same seed:
 * weather, shifts, outages and noise identical): its signature shows on the points its ground truth names, and the
 * readings' status stays ok.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const { profile } = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
const SPAN = [Date.parse('2025-03-01T00:00:00Z'), Date.parse('2025-12-01T00:00:00Z')] as const;

function campus(kind: DegradationKind | null) {
  const faults = Object.fromEntries(
    Object.entries(profile.quality.faults).map(([k, r]) => [k, { ...r, perYear: k === kind ? 12 : 0 }]),
  ) as Profile['quality']['faults'];
  const p = { ...profile, quality: { ...profile.quality, faultShare: 0, staleShare: 0, faults } } as Profile;
  return buildModel(p, EQUIPMENT_TYPES);
}
const clean = campus(null);

/** One equipment's column over [from, to) at `intervalMs`; the registers count from the start of the day before. */
function column(built: ReturnType<typeof campus>, equip: string, key: string, from: number, to: number, intervalMs: number) {
  const engine = new Engine(built.model, built.topology, {
    seed: 1,
    intervalMs,
    epochMs: Math.floor(from / 86_400_000) * 86_400_000 - 86_400_000,
  });
  const p = built.model.points.find((x) => x.id === `${equip}.${key}`)!;
  const values: number[] = [];
  const status: number[] = [];
  const ts: number[] = [];
  for (const c of engine.chunksIn(from, to)) {
    const b = engine.computeChunk(c, from, to).batch;
    const T = b.timestamps.length;
    for (let k = 0; k < T; k++) {
      values.push(b.values[p.index * T + k]!);
      status.push(b.status[p.index * T + k]!);
      ts.push(b.timestamps[k]!);
    }
  }
  return { values, status, ts };
}

function events(kind: DegradationKind, built = campus(kind), when: (e: GroundTruthEvent) => boolean = () => true) {
  const found = new QualityEvents(built.topology, 1)
    .faultsBetween(SPAN[0], SPAN[1])
    .map((w) => w.event)
    .filter((e) => e.params.kind === kind && e.start > SPAN[0] && when(e));
  expect(found.length, `a ${kind} event`).toBeGreaterThan(0);
  return { built, found };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

describe('campus fault kinds', () => {
  it('bearing wear: vibration climbs into ISO 10816-3 zone C and the bearing runs hotter by the end', () => {
    const { built, found } = events('bearing-wear', undefined, (e) => Number(e.params.finalWearPercent) >= 70);
    const e = found[0]!;
    const from = e.end - 12 * HOUR;
    const bad = column(built, e.entityId, 'vibration_mm_s', from, e.end, 15 * MINUTE);
    const good = column(clean, e.entityId, 'vibration_mm_s', from, e.end, 15 * MINUTE);
    const running = bad.values.map((_, i) => (good.values[i]! > 0.2 ? i : -1)).filter((i) => i >= 0);
    expect(running.length).toBeGreaterThan(4);
    expect(mean(running.map((i) => bad.values[i]!))).toBeGreaterThan(4.5);
    expect(mean(running.map((i) => good.values[i]!))).toBeLessThan(2.8);
    const hot = column(built, e.entityId, 'bearing_temp_c', from, e.end, 15 * MINUTE).values;
    const cool = column(clean, e.entityId, 'bearing_temp_c', from, e.end, 15 * MINUTE).values;
    expect(mean(running.map((i) => hot[i]! - cool[i]!))).toBeGreaterThan(5);
    expect(bad.status.every((s) => s === Status.Ok)).toBe(true);
  });

  it('capacitor step failure: less kVAr switched in and the bus power factor sags', () => {
    const { built, found } = events('capacitor-step-failure');
    const e = found[0]!;
    const to = Math.min(e.end, e.start + 24 * HOUR);
    const bad = column(built, e.entityId, 'power_factor', e.start, to, 15 * MINUTE).values;
    const good = column(clean, e.entityId, 'power_factor', e.start, to, 15 * MINUTE).values;
    const kvar = column(built, e.entityId, 'capacitor_kvar', e.start, to, 15 * MINUTE).values;
    const kvarGood = column(clean, e.entityId, 'capacitor_kvar', e.start, to, 15 * MINUTE).values;
    expect(mean(kvar)).toBeLessThan(mean(kvarGood) - 20);
    expect(mean(bad)).toBeLessThan(mean(good) - 0.01);
  });

  it('transformer overheating: oil and winding run hotter at the same load', () => {
    const { built, found } = events('transformer-overheating');
    const e = found[0]!;
    const to = Math.min(e.end, e.start + 12 * HOUR);
    const load = column(built, e.entityId, 'active_power_kw', e.start, to, 15 * MINUTE).values;
    const loadGood = column(clean, e.entityId, 'active_power_kw', e.start, to, 15 * MINUTE).values;
    expect(mean(load)).toBeCloseTo(mean(loadGood), -1);
    const oil = column(built, e.entityId, 'oil_temp_c', e.start, to, 15 * MINUTE).values;
    const oilGood = column(clean, e.entityId, 'oil_temp_c', e.start, to, 15 * MINUTE).values;
    expect(mean(oil) - mean(oilGood)).toBeGreaterThan(0.4 * Number(e.params.extraRiseK));
  });

  it('DG fail to start: in an outage inside the window the set stays still until its hand start', () => {
    const grid = new GridOutages(profile.campus!.grid, 1);
    const outageIn = (e: GroundTruthEvent) => {
      const days = Array.from(
        { length: Math.ceil((e.end - e.start) / 86_400_000) + 1 },
        (_, i) => Math.floor((e.start + 19_800_000) / 86_400_000) + i,
      );
      return days.flatMap((d) => grid.onDay(d)).find((o) => o.start > e.start && o.end < e.end && o.end - o.start > 20 * MINUTE);
    };
    const { built, found } = events('dg-fail-to-start', undefined, (e) => outageIn(e) !== undefined);
    const e = found[0]!;
    const outage = outageIn(e)!;
    const from = outage.start - 10 * MINUTE;
    const to = outage.end + 10 * MINUTE;
    const run = column(built, e.entityId, 'run_status', from, to, MINUTE);
    const runGood = column(clean, e.entityId, 'run_status', from, to, MINUTE);
    const manual = Number(e.params.manualStartMinutes);
    const idx = run.ts
      .map((t, i) => (t >= outage.start + MINUTE && t < Math.min(outage.end, outage.start + manual * MINUTE) ? i : -1))
      .filter((i) => i >= 0);
    expect(idx.length).toBeGreaterThan(3);
    expect(idx.every((i) => run.values[i] === 0)).toBe(true);
    expect(idx.every((i) => runGood.values[i] === 1)).toBe(true);
    // the essential bus behind it is dark until then
    const ats = built.topology.equips.find(
      (q) => (q.config as { backupDg?: string }).backupDg === e.entityId && q.id.startsWith('lt_ats_'),
    )!;
    const kw = column(built, ats.id, 'active_power_kw', from, to, MINUTE).values;
    expect(idx.every((i) => kw[i] === 0)).toBe(true);
  });

  it('UPS battery degradation: the runtime it reports shrinks with the lost capacity', () => {
    const { built, found } = events('ups-battery-degradation');
    const e = found[0]!;
    const to = Math.min(e.end, e.start + 6 * HOUR);
    const bad = column(built, e.entityId, 'battery_runtime_min', e.start, to, 15 * MINUTE).values;
    const good = column(clean, e.entityId, 'battery_runtime_min', e.start, to, 15 * MINUTE).values;
    expect(mean(bad)).toBeLessThan(mean(good) * (1 - 0.5 * (Number(e.params.capacityLossPercent) / 100)));
  });

  it('compressor short cycling: it loads and unloads several times as often', () => {
    const { built, found } = events('compressor-short-cycling');
    // one that runs in its window (a trim machine may be stopped all day)
    const e = found.find(
      (x) => mean(column(clean, x.entityId, 'run_status', x.start, Math.min(x.end, x.start + 6 * HOUR), MINUTE).values) > 0.8,
    )!;
    expect(e).toBeDefined();
    const to = Math.min(e.end, e.start + 6 * HOUR);
    const switches = (values: number[]) => values.slice(1).filter((v, i) => v !== values[i]).length;
    const bad = column(built, e.entityId, 'load_status', e.start, to, MINUTE).values;
    const good = column(clean, e.entityId, 'load_status', e.start, to, MINUTE).values;
    expect(switches(bad)).toBeGreaterThan(2 * switches(good) + 10);
  });

  it('campus chiller short of charge: higher suction superheat, colder evaporating, wider EXV, lower COP, less subcooling', () => {
    const { built, found } = events('low-refrigerant-charge', undefined, (e) => e.entityId.startsWith('chiller_'));
    const pick = found.find((x) => mean(column(clean, x.entityId, 'run_status', x.start, x.end, HOUR).values) > 0.3);
    expect(pick).toBeDefined();
    const e = pick!;
    const get = (b: ReturnType<typeof campus>, key: string) => column(b, e.entityId, key, e.start, e.end, HOUR).values;
    const run = get(clean, 'run_status');
    const runBad = get(built, 'run_status');
    const on = run.map((v, i) => (v === 1 && runBad[i] === 1 ? i : -1)).filter((i) => i >= 0);
    expect(on.length).toBeGreaterThan(5);
    const avg = (b: ReturnType<typeof campus>, key: string) => {
      const v = get(b, key);
      return mean(on.map((i) => v[i]!));
    };
    expect(avg(built, 'suction_superheat_c')).toBeGreaterThan(avg(clean, 'suction_superheat_c') + 1.5);
    expect(avg(built, 'evap_approach_c')).toBeGreaterThan(avg(clean, 'evap_approach_c') + 0.3);
    expect(avg(built, 'exv_position_percent')).toBeGreaterThan(avg(clean, 'exv_position_percent') + 10);
    expect(avg(built, 'subcooling_c')).toBeLessThan(avg(clean, 'subcooling_c') - 0.5);
    expect(avg(built, 'cop')).toBeLessThan(avg(clean, 'cop') * 0.97);
    expect(column(built, e.entityId, 'cop', e.start, e.end, HOUR).status.every((x) => x === Status.Ok)).toBe(true);
  }, 120_000);

  it('campus chiller short-cycling: run status toggles every few minutes, the starts register climbs, CHW saws below setpoint', () => {
    const { built, found } = events('short-cycling', undefined, (e) => e.entityId.startsWith('chiller_'));
    const pick = found.find((x) => mean(column(clean, x.entityId, 'run_status', x.start, x.start + 6 * HOUR, 15 * MINUTE).values) > 0.8);
    expect(pick).toBeDefined();
    const e = pick!;
    const to = Math.min(e.end, e.start + 6 * HOUR);
    const starts = (b: ReturnType<typeof campus>) => {
      const v = column(b, e.entityId, 'compressor_starts', e.start, to, 15 * MINUTE).values;
      return v.at(-1)! - v[0]!;
    };
    const rises = (b: ReturnType<typeof campus>) => {
      const v = column(b, e.entityId, 'run_status', e.start, to, MINUTE).values;
      return v.slice(1).filter((x, i) => x === 1 && v[i] === 0).length;
    };
    // a 6–20 min cycle for 6 h: 18–60 starts where the healthy machine makes 0–2
    expect(rises(built)).toBeGreaterThan(rises(clean) + 15);
    // the register integrates on a 15-minute grid: it catches the starts that grid sees, not all
    expect(starts(built)).toBeGreaterThan(starts(clean) + 3);
    const chws = column(built, e.entityId, 'chw_supply_temp_c', e.start, to, MINUTE).values;
    expect(Math.min(...chws)).toBeLessThan(6.2);
  }, 120_000);
});
