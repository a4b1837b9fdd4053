import { describe, expect, it } from 'vitest';
import { campusWith } from '../../../test/helpers/campus-fault-runs.js';
import { Engine } from '../../sim/engine.js';
import { GridOutages } from '../../sim/physics/campus-grid.js';
import { CHW_SETPOINT_C } from './chiller-operation.js';

// The chiller plant at 1 minute around its stage changes and after a grid outage, as an engineer reads the trend:
// machines load and unload over minutes, never in one step, and the loop that warmed while the plant stood is
// pulled down over a quarter of an hour or more; the sequencer's enable leads a start and drops at a stage-down; the
// condenser water warms over minutes after a start; a stopped machine's water drifts toward the plant room over
// hours. The campus without faults or stale blocks, the chillers only.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const IST = 5.5 * HOUR;
const run = campusWith(null);
const CHILLERS = run.topology.equips.filter((e) => e.id.startsWith('chiller_')).map((e) => e.id);
const KEYS = [
  'enable_cmd',
  'run_status',
  'active_power_kw',
  'condenser_pressure_bar',
  'chw_supply_temp_c',
  'cw_return_temp_c',
  'compressor_load_percent',
] as const;
type Key = (typeof KEYS)[number];

const engineFrom = (from: number) =>
  new Engine(run.model, run.topology, { seed: 1, intervalMs: MINUTE, epochMs: Math.floor(from / DAY) * DAY - DAY, equipIds: CHILLERS });

/** Each chiller's columns over [from, to) at 1 minute. */
function plant(from: number, to: number, engine = engineFrom(from)) {
  const chunks = engine.chunksIn(from, to).map((c) => engine.computeChunk(c, from, to).batch);
  const ts = chunks.flatMap((b) => [...b.timestamps]);
  const col = (id: string, key: Key) => {
    const r = run.model.points.find((p) => p.id === `${id}.${key}`)!.index;
    return chunks.flatMap((b) => [...b.values.subarray(r * b.timestamps.length, (r + 1) * b.timestamps.length)]);
  };
  const cache = new Map<string, Record<Key, number[]>>();
  const of = (id: string) => {
    if (!cache.has(id)) cache.set(id, Object.fromEntries(KEYS.map((k) => [k, col(id, k)])) as Record<Key, number[]>);
    return cache.get(id)!;
  };
  return { ts, of };
}

/** rated full-load kW: the design 0.62 kW/TR (COP 5.6) plus the panel's 6 W per TR */
const ratedKw = (id: string) => {
  const rating = (run.topology.equips.find((e) => e.id === id)!.config as { rating: number }).rating;
  return (rating * 3.517) / 5.6 + 0.006 * rating;
};

describe('campus chiller plant dynamics', () => {
  // a hot May week: the afternoon's comfort load stages chillers in, the night's out, the shifts move the process load
  const from = Date.parse('2025-05-12T00:00:00Z') - IST;
  const week = plant(from, from + 4 * DAY);

  it('stages: a running machine moves by at most a tenth of its full-load kW and 0.25 bar of head a minute', () => {
    let starts = 0;
    let stops = 0;
    for (const id of CHILLERS) {
      const c = week.of(id);
      const kw = ratedKw(id);
      for (let k = 1; k < week.ts.length; k++) {
        if (c.run_status[k] !== c.run_status[k - 1]) c.run_status[k] ? starts++ : stops++;
        if (!c.run_status[k] || !c.run_status[k - 1]) continue;
        expect(Math.abs(c.active_power_kw[k]! - c.active_power_kw[k - 1]!), `${id} kW at ${week.ts[k]}`).toBeLessThan(0.1 * kw);
        expect(Math.abs(c.condenser_pressure_bar[k]! - c.condenser_pressure_bar[k - 1]!), `${id} head at ${week.ts[k]}`).toBeLessThan(0.25);
      }
    }
    // the week has its stage changes
    expect(starts).toBeGreaterThan(6);
    expect(stops).toBeGreaterThan(6);
  });

  it('a starting machine soft-loads over 10–20 minutes; one staged off unloads before it stops', () => {
    let ramps = 0;
    for (const id of CHILLERS) {
      const c = week.of(id);
      for (let k = 1; k + 20 < week.ts.length; k++) {
        if (c.run_status[k] && !c.run_status[k - 1]) {
          // well under its later load at first, rising without a step
          expect(c.compressor_load_percent[k]!, `${id} start at ${week.ts[k]}`).toBeLessThan(10);
          const later = c.compressor_load_percent[k + 20]!;
          const reach = c.compressor_load_percent.slice(k, k + 21).findIndex((v) => v >= 0.95 * later);
          if (later > 50) {
            expect(reach, `${id} start at ${week.ts[k]}`).toBeGreaterThanOrEqual(8);
            ramps++;
          }
        }
        if (!c.run_status[k] && c.run_status[k - 1] && k > 10) {
          // staged off (the clean campus has no trips; an outage stops a machine as it runs)
          const outage = grid.at(week.ts[k]!) !== undefined;
          if (!outage) expect(c.compressor_load_percent[k - 1]!, `${id} stop at ${week.ts[k]}`).toBeLessThanOrEqual(10.5);
        }
      }
    }
    expect(ramps).toBeGreaterThan(3);
  });

  const grid = new GridOutages(run.topology.site.campus!.grid, 1);

  it('the enable: on a few minutes before a start (pumps ahead), off from the start of a staged stop, which follows within 15 min', () => {
    let staged = 0;
    for (const id of CHILLERS) {
      const c = week.of(id);
      for (let k = 16; k < week.ts.length; k++) {
        const t = week.ts[k]!;
        // enabled and not running: only in the minutes before a start (the clean campus: no trips)
        if (c.enable_cmd[k] === 1 && c.run_status[k] === 0 && !grid.at(t)) {
          const startsIn = c.run_status.slice(k, k + 5).indexOf(1);
          expect(startsIn, `${id} enabled, stopped at ${t}`).toBeGreaterThan(0);
        }
        // running without the enable: soft-stopping, stopped within the unloading's 15 minutes, its load falling (a
        // soft stop the week's end cuts off aside)
        if (c.run_status[k] === 1 && c.enable_cmd[k] === 0 && k + 16 <= week.ts.length) {
          const stopsIn = c.run_status.slice(k, k + 16).indexOf(0);
          expect(stopsIn, `${id} running, not enabled at ${t}`).toBeGreaterThan(0);
          if (c.enable_cmd[k - 1] === 1) staged++;
        }
        if (c.run_status[k] === 1 && c.run_status[k - 1] === 0 && !grid.lastBefore(t)) {
          expect(c.enable_cmd[k - 3], `${id} start at ${t}`).toBe(1);
          expect(c.enable_cmd[k - 4], `${id} start at ${t}`).toBe(0);
        }
      }
    }
    expect(staged).toBeGreaterThan(6);
  });

  it('a start: the head pressure never falls below its last stopped reading and the condenser water warms over minutes', () => {
    let starts = 0;
    for (const id of CHILLERS) {
      const c = week.of(id);
      for (let k = 1; k + 30 < week.ts.length; k++) {
        if (!(c.run_status[k] === 1 && c.run_status[k - 1] === 0)) continue;
        starts++;
        // the transducer's noise: σ 0.01 bar
        for (let j = k; j < k + 15 && c.run_status[j]; j++)
          expect(c.condenser_pressure_bar[j]!, `${id} ${j - k} min after the start at ${week.ts[k]}`).toBeGreaterThan(
            c.condenser_pressure_bar[k - 1]! - 0.04,
          );
        // the leaving condenser water has not reached its level of 30 minutes on within the first 3
        const later = c.cw_return_temp_c[k + 30]!;
        if (c.run_status[k + 30] && later - c.cw_return_temp_c[k]! > 1)
          expect(later - c.cw_return_temp_c[k + 3]!, `${id} start at ${week.ts[k]}`).toBeGreaterThan(0.3);
      }
    }
    expect(starts).toBeGreaterThan(6);
  });

  it("a stopped machine's chilled water drifts toward the plant room over half a day, not hours", () => {
    let hours = 0;
    for (const id of CHILLERS) {
      const c = week.of(id);
      for (let k = 120; k + 60 < week.ts.length; k += 60) {
        if (c.run_status.slice(k - 120, k + 61).some((r) => r === 1)) continue;
        hours++;
        // a first-order drift toward a room no warmer than 40 °C with τ ≥ 10 h rises at most (40 − T) / 10 in an hour
        const rise = c.chw_supply_temp_c[k + 60]! - c.chw_supply_temp_c[k]!;
        expect(rise, `${id} at ${week.ts[k]}`).toBeLessThan((40 - c.chw_supply_temp_c[k]!) / 10 + 0.2);
      }
    }
    expect(hours).toBeGreaterThan(10);
  });

  it('after a long outage the loop is pulled down over 10 minutes or more, and reaches its setpoint', () => {
    // the longest outage of April–June: the loop warms toward the plant room while the plant stands
    let o = { start: 0, end: 0 };
    const first = Math.floor((Date.parse('2025-04-01T00:00:00Z') + IST) / DAY);
    for (let d = first; d < first + 91; d++) for (const x of grid.onDay(d)) if (x.end - x.start > o.end - o.start) o = x;
    expect(o.end - o.start).toBeGreaterThan(HOUR);
    const restart = o.end + 8 * MINUTE;
    const p = plant(o.start - HOUR, restart + 2 * HOUR);
    const at = (t: number) => p.ts.findIndex((x) => x >= t);
    // the plant's supply: the running machines' leaving water, flow (rating) weighted as the header mixes it
    const supply = (k: number) => {
      let s = 0;
      let w = 0;
      for (const id of CHILLERS) {
        const c = p.of(id);
        if (!c.run_status[k]) continue;
        const r = (run.topology.equips.find((e) => e.id === id)!.config as { rating: number }).rating;
        s += c.chw_supply_temp_c[k]! * r;
        w += r;
      }
      return w > 0 ? s / w : Number.NaN;
    };
    const k0 = at(restart);
    expect(Number.isNaN(supply(k0 - 1))).toBe(true);
    // pulling down: above setpoint + 1 K for the first 10 minutes, falling over them
    for (let k = k0 + 1; k < k0 + 10; k++) expect(supply(k), `minute ${k - k0}`).toBeGreaterThan(CHW_SETPOINT_C + 1);
    expect(supply(k0 + 9)).toBeLessThan(supply(k0 + 2));
    // at setpoint within the hour, and held there
    const settled = Array.from({ length: 60 }, (_, j) => supply(k0 + 60 + j));
    expect(Math.max(...settled)).toBeLessThan(CHW_SETPOINT_C + 0.6);
  });

  it('is the same computed minute by minute (live) as in the backfill, through a pull-down and a stage change', () => {
    const engine = engineFrom(from);
    const live = (t: number) => engine.computeChunk(engine.chunkOf(t), t, t + MINUTE).batch;
    const c = week.of(CHILLERS[0]!);
    const start = c.run_status.findIndex((v, k) => k > 0 && v === 1 && c.run_status[k - 1] === 0);
    expect(start).toBeGreaterThan(0);
    // and 5 and 12 minutes into the week's first restart after an outage
    const outage = grid.at(week.ts[week.ts.findIndex((t) => grid.at(t) !== undefined)]!)!;
    const restart = week.ts.indexOf(outage.end - (outage.end % MINUTE) + 8 * MINUTE + (outage.end % MINUTE ? MINUTE : 0));
    expect(restart).toBeGreaterThan(0);
    const minutes = [start - 1, start + 3, start + 12, restart - 1, restart + 5, restart + 12];
    for (const k of minutes) {
      const t = week.ts[k]!;
      const b = live(t);
      for (const id of CHILLERS)
        for (const key of KEYS) {
          const r = run.model.points.find((x) => x.id === `${id}.${key}`)!.index;
          expect(Object.is(b.values[r], week.of(id)[key][k]), `${id}.${key} at ${t}`).toBe(true);
        }
    }
  });
});
