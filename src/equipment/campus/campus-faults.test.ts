import { describe, expect, it } from 'vitest';
import type { DegradationKind } from '../../profile/schema.js';
import { GridOutages } from '../../sim/physics/campus-grid.js';
import { type GroundTruthEvent, Status } from '../../sim/sample.js';
import {
  CAMPUS_PROFILE as profile,
  type CampusRun,
  campusWith,
  faultEventsOf,
  firstTripOf,
  seriesOf,
} from '../../../test/helpers/campus-fault-runs.js';

/*
 * Each campus fault kind, alone on a campus where it is frequent, against the same campus without it (same seed:
 * weather, shifts, outages and noise identical): its signature shows on the points its ground truth names, and the
 * readings' status stays ok.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const SPAN = [Date.parse('2025-03-01T00:00:00Z'), Date.parse('2025-12-01T00:00:00Z')] as const;

const campus = campusWith;
const clean = campus(null);

/** One equipment's column over [from, to) at `intervalMs`. */
function column(built: CampusRun, equip: string, key: string, from: number, to: number, intervalMs: number) {
  const s = seriesOf(built, equip, [key], from, to, intervalMs);
  return { values: s.values[key]!, status: s.status[key]!, ts: s.ts };
}

function events(kind: DegradationKind, built = campus(kind), when: (e: GroundTruthEvent) => boolean = () => true) {
  const found = faultEventsOf(kind, built, SPAN[0], SPAN[1], when);
  expect(found.length, `a ${kind} event`).toBeGreaterThan(0);
  return { built, found };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

describe('campus fault kinds', () => {
  it('bearing wear: vibration climbs into ISO 10816-3 zone C and the bearing runs hotter by the end', () => {
    const { built, found } = events('bearing-wear', undefined, (e) => Number(e.params.finalWearPercent) >= 70);
    const e = found[0]!;
    // its last running hours: the last 4 it stands while the bearing is replaced
    const from = e.end - 16 * HOUR;
    const to = e.end - 4 * HOUR;
    const bad = column(built, e.entityId, 'vibration_mm_s', from, to, 15 * MINUTE);
    const good = column(clean, e.entityId, 'vibration_mm_s', from, to, 15 * MINUTE);
    const running = bad.values.map((_, i) => (good.values[i]! > 0.2 ? i : -1)).filter((i) => i >= 0);
    expect(running.length).toBeGreaterThan(4);
    expect(mean(running.map((i) => bad.values[i]!))).toBeGreaterThan(4.5);
    expect(mean(running.map((i) => good.values[i]!))).toBeLessThan(2.8);
    const hot = column(built, e.entityId, 'bearing_temp_c', from, to, 15 * MINUTE).values;
    const cool = column(clean, e.entityId, 'bearing_temp_c', from, to, 15 * MINUTE).values;
    expect(mean(running.map((i) => hot[i]! - cool[i]!))).toBeGreaterThan(5);
    expect(bad.status.every((s) => s === Status.Ok)).toBe(true);
    const replaced = column(built, e.entityId, 'run_status', to, e.end, 15 * MINUTE).values;
    expect(replaced.every((r) => r === 0)).toBe(true);
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

  it('transformer overheating: at the same load the oil builds hotter over hours and cools back over hours after the repair', () => {
    const { built, found } = events('transformer-overheating');
    const e = found[0]!;
    const to = e.end + 6 * HOUR;
    const load = column(built, e.entityId, 'active_power_kw', e.start, e.end, 15 * MINUTE).values;
    const loadGood = column(clean, e.entityId, 'active_power_kw', e.start, e.end, 15 * MINUTE).values;
    expect(mean(load)).toBeCloseTo(mean(loadGood), -1);
    const oil = column(built, e.entityId, 'oil_temp_c', e.start, to, 15 * MINUTE);
    const oilGood = column(clean, e.entityId, 'oil_temp_c', e.start, to, 15 * MINUTE).values;
    const excessAt = (t: number) => {
      const i = oil.ts.findIndex((x) => x >= t);
      return oil.values[i]! - oilGood[i]!;
    };
    const extra = Number(e.params.extraRiseK);
    // τo 180 min: no jump at the start; over a tenth of the extra rise within three hours (a part-load oil rise of
    // 20 K gives 20/55 of it as the steady excess, 63 % of that by τo)
    expect(Math.abs(excessAt(e.start + 15 * MINUTE))).toBeLessThan(0.08 * extra);
    expect(excessAt(e.start + 3 * HOUR)).toBeGreaterThan(0.1 * extra);
    expect(excessAt(e.start + 3 * HOUR)).toBeGreaterThan(excessAt(e.start + HOUR));
    // after the repair it decays with τo: lower three hours on, but not gone (e^−1 of it)
    const atEnd = excessAt(e.end - 15 * MINUTE);
    expect(atEnd).toBeGreaterThan(0.1 * extra);
    expect(excessAt(e.end + 3 * HOUR)).toBeLessThan(0.6 * atEnd);
    expect(excessAt(e.end + 3 * HOUR)).toBeGreaterThan(0.2 * atEnd);
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
    // the controller cranks in the first minute, then its fail-to-start alarm stands until the hand start
    const first = run.ts.findIndex((t) => t >= outage.start);
    expect(column(built, e.entityId, 'engine_speed_rpm', from, to, MINUTE).values[first]).toBeCloseTo(140, 0);
    const alarm = column(built, e.entityId, 'alarm_status', from, to, MINUTE).values;
    expect(idx.every((i) => alarm[i] === 1)).toBe(true);
    expect(alarm[first - 1]).toBe(0);
    const started = run.values.findIndex((v, i) => i > first && v === 1);
    if (started > 0) expect(alarm[started]).toBe(0);
  });

  it('UPS battery degradation: the runtime it reports shrinks with the capacity its last weekly test found', () => {
    const { built, found } = events('ups-battery-degradation');
    const e = found[0]!;
    // the capacity is lost through the window; the UPS learns it at its weekly test (Tuesdays 10:00 IST, 04:30 UTC,
    // 15 minutes apart by UPS), so its last 6 hours show what the last test before them found
    const from = Math.max(e.start, e.end - 6 * HOUR);
    let test = Math.floor(from / DAY) * DAY + 4.5 * HOUR + (Number(e.entityId.slice(4)) - 1) * 15 * MINUTE;
    while (new Date(test).getUTCDay() !== 2 || test + 3 * MINUTE > from) test -= DAY;
    const health = 1 - (Number(e.params.capacityLossPercent) / 100) * Math.max(0, (test - e.start) / (e.end - e.start));
    const bad = column(built, e.entityId, 'battery_runtime_min', from, e.end, 15 * MINUTE).values;
    const good = column(clean, e.entityId, 'battery_runtime_min', from, e.end, 15 * MINUTE).values;
    expect(mean(bad) / mean(good)).toBeCloseTo(health, 1);
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

  it('campus chiller short of charge (a growing leak): higher suction superheat, colder evaporating, wider EXV, lower COP, less subcooling', () => {
    const { built, found } = events(
      'low-refrigerant-charge',
      undefined,
      (e) => e.entityId.startsWith('chiller_') && Number(e.params.chargeLossPercent) >= 25,
    );
    const pick = found.find((x) => mean(column(clean, x.entityId, 'run_status', x.start, x.end, HOUR).values) > 0.3);
    expect(pick).toBeDefined();
    const e = pick!;
    // the leak grows through the window: its last third, before the machine stops for the repair
    const from = e.end - (e.end - e.start) / 3;
    const to = e.end - 8 * HOUR;
    const get = (b: CampusRun, key: string) => column(b, e.entityId, key, from, to, HOUR).values;
    const run = get(clean, 'run_status');
    const runBad = get(built, 'run_status');
    const on = run.map((v, i) => (v === 1 && runBad[i] === 1 ? i : -1)).filter((i) => i >= 0);
    expect(on.length).toBeGreaterThan(5);
    const avg = (b: CampusRun, key: string) => {
      const v = get(b, key);
      return mean(on.map((i) => v[i]!));
    };
    expect(avg(built, 'suction_superheat_c')).toBeGreaterThan(avg(clean, 'suction_superheat_c') + 1.5);
    expect(avg(built, 'evap_approach_c')).toBeGreaterThan(avg(clean, 'evap_approach_c') + 0.3);
    expect(avg(built, 'exv_position_percent')).toBeGreaterThan(avg(clean, 'exv_position_percent') + 10);
    expect(avg(built, 'subcooling_c')).toBeLessThan(avg(clean, 'subcooling_c') - 0.5);
    expect(avg(built, 'cop')).toBeLessThan(avg(clean, 'cop') * 0.97);
    expect(column(built, e.entityId, 'cop', e.start, e.end, HOUR).status.every((x) => x === Status.Ok)).toBe(true);
    // repaired and recharged: the last hours of the window it stands still while the plan would run it
    const service = column(built, e.entityId, 'run_status', to, e.end, 15 * MINUTE).values;
    expect(service.every((x) => x === 0)).toBe(true);
  }, 300_000);

  it('campus chiller short-cycling: run status toggles every few minutes, the starts register climbs, CHW saws below setpoint', () => {
    const { built, found } = events('short-cycling', undefined, (e) => e.entityId.startsWith('chiller_'));
    const pick = found.find((x) => mean(column(clean, x.entityId, 'run_status', x.start, x.start + 6 * HOUR, 15 * MINUTE).values) > 0.8);
    expect(pick).toBeDefined();
    const e = pick!;
    const to = Math.min(e.end, e.start + 6 * HOUR);
    const starts = (b: CampusRun) => {
      const v = column(b, e.entityId, 'compressor_starts', e.start, to, 15 * MINUTE).values;
      return v.at(-1)! - v[0]!;
    };
    const rises = (b: CampusRun) => {
      const v = column(b, e.entityId, 'run_status', e.start, to, MINUTE).values;
      return v.slice(1).filter((x, i) => x === 1 && v[i] === 0).length;
    };
    // a 6–20 min cycle for 6 h: 18–60 starts where the healthy machine makes 0–2
    expect(rises(built)).toBeGreaterThan(rises(clean) + 15);
    // the register integrates on a 15-minute grid: it catches the starts that grid sees, not all
    expect(starts(built)).toBeGreaterThan(starts(clean) + 3);
    const chws = column(built, e.entityId, 'chw_supply_temp_c', e.start, to, MINUTE).values;
    expect(Math.min(...chws)).toBeLessThan(6.2);
  }, 300_000);

  it('campus chiller condenser fouling: approach and head pressure climb, COP falls, the HP cut-out trips it at 12.4 bar g', () => {
    const { built, found } = events(
      'condenser-fouling',
      undefined,
      (e) => e.entityId.startsWith('chiller_') && Number(e.params.finalApproachRiseK) > 18,
    );
    // a severe one that reaches the cut-out on a hot afternoon
    const e = found.find((x) => firstTripOf(built, x) !== undefined)!;
    expect(e).toBeDefined();
    const id = e.entityId;

    // through the window, while both machines run: the extra condenser approach and head pressure grow, COP falls
    const keys = ['run_status', 'cond_approach_c', 'condenser_pressure_bar', 'cop', 'alarm_status'];
    const bad = seriesOf(built, id, keys, e.start, e.end, 15 * MINUTE);
    const good = seriesOf(clean, id, keys, e.start, e.end, 15 * MINUTE);
    const both = (from: number, to: number) =>
      bad.ts
        .map((t, i) => (t >= from && t < to && bad.values.run_status![i] === 1 && good.values.run_status![i] === 1 ? i : -1))
        .filter((i) => i >= 0);
    const firstDay = both(e.start, e.start + 24 * HOUR);
    const lastDays = both(e.end - 56 * HOUR, e.end - 8 * HOUR);
    expect(firstDay.length).toBeGreaterThan(8);
    expect(lastDays.length).toBeGreaterThan(16);
    const gap = (key: string, idx: number[]) => mean(idx.map((i) => bad.values[key]![i]! - good.values[key]![i]!));
    const ratio = (key: string, idx: number[]) => mean(idx.map((i) => bad.values[key]![i]! / good.values[key]![i]!));
    expect(gap('cond_approach_c', firstDay)).toBeLessThan(2);
    expect(gap('cond_approach_c', lastDays)).toBeGreaterThan(8);
    expect(gap('condenser_pressure_bar', lastDays)).toBeGreaterThan(gap('condenser_pressure_bar', firstDay) + 1.5);
    expect(ratio('cop', firstDay)).toBeGreaterThan(0.93);
    expect(ratio('cop', lastDays)).toBeLessThan(0.8);
    // the machine without the fault never comes near its cut-out and never trips
    expect(Math.max(...good.values.condenser_pressure_bar!)).toBeLessThan(10.5);
    expect(good.values.alarm_status!.every((v) => v === 0)).toBe(true);

    // the trip at 1 minute: running up to the minute the head pressure passes the cut-out
    const trip15 = firstTripOf(built, e)!;
    const from = trip15 - 2 * HOUR;
    const to = trip15 + 24 * HOUR;
    const minute = ['run_status', 'alarm_status', 'condenser_pressure_bar', 'cond_sat_temp_c', 'active_power_kw'];
    const m = seriesOf(built, id, minute, from, to, MINUTE);
    const plan = seriesOf(clean, id, ['run_status'], from, to, MINUTE).values.run_status!;
    const v = m.values;
    const k = v.alarm_status!.findIndex((x, j) => x === 1 && v.alarm_status![j - 1] === 0);
    expect(k).toBeGreaterThan(0);
    expect(v.run_status![k - 1]).toBe(1);
    expect(v.run_status![k]).toBe(0);
    expect(v.active_power_kw![k]).toBe(0);
    // the last running reading shows the head past 12.4 bar g, condensing at R-134a's saturation there (NIST: 13.18
    // bar abs at 50 °C, 13.89 at 52 °C: 12.4 bar g = 13.41 bar abs is 50.65 °C); the one before was under it, as far
    // as the transmitter tells (its noise, 0.01 bar fast and 0.005 slow, within 3 σ, and its 0.01 bar resolution)
    const satBarAbs = (c: number) => 13.18 + ((13.89 - 13.18) * (c - 50)) / 2;
    expect(v.condenser_pressure_bar![k - 1]).toBeGreaterThan(12.38);
    expect(v.condenser_pressure_bar![k - 2]).toBeLessThan(12.4 + 3 * Math.hypot(0.01, 0.005) + 0.005);
    expect(v.cond_sat_temp_c![k - 1]).toBeGreaterThan(50.4);
    // climbed to it, not thrown there by a staging step (it was 9.7 → 12.4 bar g in one minute when the other machines
    // unloaded at once): under 0.4 bar a minute through the half hour before, what a tube this scaled gives as the
    // machine loads by a few percent a minute while another unloads
    for (let j = k - 30; j < k; j++)
      if (v.run_status![j - 1] === 1) expect(Math.abs(v.condenser_pressure_bar![j]! - v.condenser_pressure_bar![j - 1]!)).toBeLessThan(0.4);
    // (the temperature logs to 0.1 K, 0.035 bar here)
    expect(Math.abs(satBarAbs(v.cond_sat_temp_c![k - 1]!) - 1.013 - v.condenser_pressure_bar![k - 1]!)).toBeLessThan(0.08);
    // locked out (alarm on, stopped) while the plan would have run it, until the morning shift resets it at 06:00 IST
    // or the crew isolates it for the tube cleaning
    const reset = Math.floor((m.ts[k]! + 5.5 * HOUR - 6 * HOUR) / (24 * HOUR)) * 24 * HOUR + 6 * HOUR - 5.5 * HOUR + 24 * HOUR;
    const until = Math.min(reset, e.end - 8 * HOUR);
    const locked = m.ts.map((t, j) => (t >= m.ts[k]! && t < until ? j : -1)).filter((j) => j >= 0);
    expect(locked.length).toBeGreaterThan(30);
    expect(locked.every((j) => v.alarm_status![j] === 1 && v.run_status![j] === 0)).toBe(true);
    expect(locked.some((j) => plan[j] === 1)).toBe(true);
    const after = m.ts.findIndex((t) => t >= until);
    expect(v.alarm_status![after]).toBe(0);
    // the ground truth names the fault over the trip, with the alarm among its signature
    const truth = m.events.find((x) => x.type === 'fault' && x.params.kind === 'condenser-fouling' && x.entityId === id)!;
    expect(truth).toBeDefined();
    expect(truth.start).toBeLessThanOrEqual(m.ts[k]!);
    expect(truth.end).toBeGreaterThan(m.ts[k]!);
    expect(String(truth.params.points)).toContain(`${id}.alarm_status`);
  }, 300_000);
});
