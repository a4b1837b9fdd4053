import { describe, expect, it } from 'vitest';
import { buildModel } from '../../model/build-model.js';
import type { CampusEquip } from '../../model/campus-plan.js';
import type { Topology } from '../../model/topology.js';
import { loadProfile } from '../../profile/load-profile.js';
import { fillFaultWindows, newFaultWindows, RECOVERY_MS } from '../../sim/fault-windows.js';
import { BuildingPhysics } from '../../sim/physics/building-physics.js';
import type { PhysicsKind } from '../../sim/physics/physics-stage.js';
import { qualityEvents } from '../../sim/quality-events.js';
import { PointRows } from '../../sim/point-rows.js';
import { RELAY_HIGH_PF, RELAY_LOW_PF } from '../../sim/relations/elec-power-quality.js';
import { EQUIPMENT_TYPES } from '../index.js';
import { apfcRelayHistory } from './apfc-relay-history.js';
import { apfcBank } from './campus-apfc.js';

// The APFC relays over a campus day at 1 minute (2025-06-05 IST), from the physics's true values: how often they
// switch, that they switch only when the bus leaves their band, and that the state at a minute is the same
// whatever frame computes it; over a week, that equal steps share the work.
const { profile } = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
const { model, topology } = buildModel(profile, EQUIPMENT_TYPES);
const MINUTE = 60_000;
const DAY_START = Date.parse('2025-06-04T18:30:00Z');
const epochMs = Date.parse(profile.simulation.epoch);
const apfcs = topology.equips.filter((e) => e.id.startsWith('lt_apfc_'));
const keys = ['capacitor_kvar', 'steps_on', 'power_factor', 'bus_active_power_kw', 'reactive_power_demand_kvar'] as const;
const rowOf = new Map(model.points.map((p) => [p.id, p.index]));
const rows = apfcs.flatMap((e) => keys.map((k) => rowOf.get(`${e.id}.${k}`)!));
const P = model.points.length;
const events = qualityEvents(topology, 1);

/** The APFC rows (apfc × key × minute) over `minutes` from `from`, computed in frames of `frame` minutes by `physics`. */
function apfcRows(physics: BuildingPhysics, from: number, minutes: number, frame: number): Float64Array {
  const out = new Float64Array(rows.length * minutes);
  for (let k0 = 0; k0 < minutes; k0 += frame) {
    const T = Math.min(frame, minutes - k0);
    const ts = Float64Array.from({ length: T }, (_, k) => from + (k0 + k) * MINUTE);
    const faults = fillFaultWindows(
      events.faultsBetween(ts[0]! - RECOVERY_MS, ts[T - 1]! + 1),
      ts,
      newFaultWindows(topology.equips.length * T),
    );
    const truth = new Float64Array(P * T);
    physics.run(ts, faults, truth);
    rows.forEach((r, j) => {
      for (let k = 0; k < T; k++) out[j * minutes + k0 + k] = truth[r * T + k]!;
    });
  }
  return out;
}
const newPhysics = () => new BuildingPhysics(topology as Topology<PhysicsKind>, model, 1, epochMs);
const day = apfcRows(newPhysics(), DAY_START, 1440, 360);
const col = (a: number, key: (typeof keys)[number]) => {
  const j = a * keys.length + keys.indexOf(key);
  return day.subarray(j * 1440, (j + 1) * 1440);
};
/** minutes an APFC panel is down or a step has failed (labelled faults: the relay is not judged there) */
const faulted = (a: number, t: number) =>
  events
    .faultsBetween(t - MINUTE, t + MINUTE)
    .some((w) => w.equips.includes(topology.equips.indexOf(apfcs[a]!)) && t >= w.event.start - MINUTE && t < w.event.end + MINUTE);

describe('APFC relay over a campus day', () => {
  it('switches tens of times a day, not every minute, and between grid instants only when its bus leaves the PF band', () => {
    const counts: number[] = [];
    let judged = 0;
    // switchings with the bus inside the band: where the minute run meets the next grid instant's reference
    // (apfc-relay-history.ts), between grid instants onto what the next quarter hour reads, or on one
    let onGrid = 0;
    let meets = 0;
    for (let a = 0; a < apfcs.length; a++) {
      const kvar = col(a, 'capacitor_kvar');
      const on = col(a, 'steps_on');
      const kw = col(a, 'bus_active_power_kw');
      const demand = col(a, 'reactive_power_demand_kvar');
      let n = 0;
      for (let k = 1; k < 1440; k++) {
        if (kvar[k] === kvar[k - 1] && on[k] === on[k - 1]) continue;
        n++;
        const t = DAY_START + k * MINUTE;
        if (faulted(a, t) || !(kw[k]! > 0) || !(demand[k]! > 0)) continue;
        judged++;
        // what the bus would read had the relay held its steps: outside the band (losses aside, 0.5 W per kVAr)
        const held = kw[k]! / Math.hypot(kw[k]!, demand[k]! - kvar[k - 1]!);
        const inside = held > RELAY_LOW_PF + 1e-4 && held < RELAY_HIGH_PF - 1e-4;
        const quarter = k + 15 - ((t / MINUTE) % 15);
        const ontoNext = quarter < 1440 && kvar[k] === kvar[quarter] && on[k] === on[quarter];
        if (inside && t % (15 * MINUTE) === 0) onGrid++;
        else if (inside && ontoNext) meets++;
        else expect(inside, `${apfcs[a]!.id} switched at ${new Date(t).toISOString()} with PF ${held.toFixed(4)} in its band`).toBe(false);
      }
      counts.push(n);
    }
    counts.sort((x, y) => x - y);
    expect(judged).toBeGreaterThan(40);
    expect(onGrid + meets).toBeLessThan(0.25 * judged);
    expect(onGrid).toBeLessThan(0.1 * judged);
    // tens a day: a steady bus a handful (the median), the busiest quarter with cycling compressors ten or more;
    // never the old hundreds
    expect(counts[Math.floor(counts.length / 2)]).toBeGreaterThanOrEqual(4);
    expect(counts[Math.floor((3 * counts.length) / 4)]).toBeGreaterThanOrEqual(10);
    expect(counts.at(-1)).toBeLessThan(100);
  });

  it('holds PF 0.95–0.99 on every loaded minute outside labelled APFC faults', () => {
    for (let a = 0; a < apfcs.length; a++) {
      const pf = col(a, 'power_factor');
      const kw = col(a, 'bus_active_power_kw');
      for (let k = 0; k < 1440; k++) {
        if (kw[k]! < 5 || faulted(a, DAY_START + k * MINUTE)) continue;
        expect(pf[k]).toBeGreaterThanOrEqual(0.95);
        expect(pf[k]).toBeLessThanOrEqual(RELAY_HIGH_PF + 1e-9);
      }
    }
  });

  it('is the same at a minute whatever frame computes it: other frame lengths, a minute alone', () => {
    // 97-minute frames start off the 15-minute grid and cut the relay's runs between grid instants
    expect(apfcRows(newPhysics(), DAY_START, 1440, 97)).toEqual(day);
    // minutes alone, each in a fresh physics (nothing memoized): on a grid instant, just after, mid-way, at 8-h block starts
    for (const k of [0, 1, 7, 14, 15, 451, 452, 1079, 1439]) {
      const alone = apfcRows(newPhysics(), DAY_START + k * MINUTE, 1, 1);
      const expected = Float64Array.from(rows, (_, j) => day[j * 1440 + k]!);
      expect(alone, `minute ${k}`).toEqual(expected);
    }
  });
});

describe('APFC relay rotating its equal steps', () => {
  it('over a week at 1 minute, shares the work of its two 150-kVAr steps, at minutes of its own', () => {
    const rowsOfPhysics = new PointRows(model);
    const physics = new BuildingPhysics(topology as Topology<PhysicsKind>, rowsOfPhysics, 1, epochMs);
    const banks = apfcs.map((e) => apfcBank(e.config as CampusEquip).steps);
    const history = apfcRelayHistory(
      { equips: [], topology, rows: rowsOfPhysics, seed: 1, epochMs },
      apfcs.map((e) => e.id),
      banks,
    );
    const big = Math.max(...banks[0]!);
    const [x, y] = banks[0]!.flatMap((s, i) => (s === big ? [i] : []));
    const ops = apfcs.map(() => [0, 0]);
    const hours = apfcs.map(() => [0, 0]);
    const prev = apfcs.map(() => 0);
    let switchings = 0;
    let onQuarter = 0;
    const frame = 360;
    for (let k0 = 0; k0 < 7 * 1440; k0 += frame) {
      // the frame records the buses' demand; the history's masks at its minutes then need no replay
      apfcRows(physics, DAY_START + k0 * MINUTE, frame, frame);
      for (let k = k0; k < k0 + frame; k++) {
        for (let i = 0; i < apfcs.length; i++) {
          const mask = history.maskAt(i, DAY_START + k * MINUTE);
          if (k > 0 && mask !== prev[i]) {
            switchings++;
            if (k % 15 === 0) onQuarter++;
          }
          [x!, y!].forEach((s, j) => {
            if (k > 0 && (mask ^ prev[i]!) & (1 << s)) ops[i]![j]!++;
            if (mask & (1 << s)) hours[i]![j]! += 1 / 60;
          });
          prev[i] = mask;
        }
      }
    }
    // a relay answers its bus at any minute: a fifteenth of its switchings fall on a quarter hour by chance, not the
    // quarter or so where the minute runs met the 15-minute references there (apfc-relay-history.ts)
    expect(switchings).toBeGreaterThan(500);
    expect(onQuarter / switchings).toBeLessThan(0.12);
    const busy = apfcs.map((_, i) => i).filter((i) => ops[i]![0]! + ops[i]![1]! >= 10);
    expect(busy.length).toBeGreaterThanOrEqual(5);
    // first in, first out: each takes every other switching in and out, so their counts differ by a few (a grid
    // instant's reference, folded from a start 48 h before, can swap them: on a relay switching a dozen times a
    // week that is a third of them, give or take one); unrotated, the first of the two took them all
    for (const i of busy) {
      const [a, b] = ops[i]!;
      expect(Math.min(a!, b!) + 1, `${apfcs[i]!.id}: ${a} and ${b} operations`).toBeGreaterThanOrEqual((a! + b!) / 3);
    }
    // hours in follow the load's lulls, which the rotation hands out in turn: a week holds few, so summed over the
    // busy relays, within half again (unrotated, the second was never in)
    const [ha, hb] = busy.reduce(([p, q], i) => [p + hours[i]![0]!, q + hours[i]![1]!], [0, 0]);
    expect(Math.max(ha, hb) / Math.min(ha, hb), `${ha.toFixed(0)} and ${hb.toFixed(0)} h`).toBeLessThan(1.5);
  }, 300_000);
});
