import { describe, expect, it } from 'vitest';
import { campusWith, faultEventsOf, seriesOf } from '../../../test/helpers/campus-fault-runs.js';
import { equipsOf, type Topology } from '../../model/topology.js';
import type { CampusEquip } from '../../model/campus-plan.js';
import { PointRows } from '../../sim/point-rows.js';
import type { PhysicsKind } from '../../sim/physics/physics-stage.js';
import type { GroundTruthEvent } from '../../sim/sample.js';
import { TEST_PASS_V_PER_CELL, END_V_PER_CELL } from '../../sim/relations/elec-ups.js';
import { UPS_CELLS } from '../../sim/physics/ups-supply.js';
import { campusUps } from './campus-ups.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const FROM = Date.parse('2025-01-01T00:00:00Z');
const TO = Date.parse('2026-01-01T00:00:00Z');
const worn = campusWith('ups-battery-degradation');
const clean = campusWith(null);

/** The UPS stage's ground truth of dropped loads over [from, to), without stepping the physics. */
function loadDrops(from: number, to: number): GroundTruthEvent[] {
  const topology = worn.topology as Topology<PhysicsKind>;
  const kind = topology.types.find((t) => t.name === campusUps.name)!;
  const equips = equipsOf<CampusEquip>(topology, kind);
  const stage = kind.physics!({ equips, topology, rows: new PointRows(worn.model), seed: 1 });
  return stage.eventsBetween!(from, to);
}

describe('campus UPS battery', () => {
  it('its weekly test sags further on a worn string, the runtime estimate falls with the capacity, a failed test alarms', () => {
    // a test in the second half of a degradation's window, where the string has lost most of what it will
    const tuesday10 = (e: GroundTruthEvent) => {
      const index = Number(e.entityId.slice(4)) - 1;
      // Tuesdays 10:00 IST (04:30 UTC) plus 15 min per UPS
      for (let t = Math.floor(e.start / (24 * HOUR)) * 24 * HOUR; t < e.end; t += 24 * HOUR) {
        const at = t + 4.5 * HOUR + index * 15 * MINUTE;
        if (new Date(at).getUTCDay() === 2 && at > (e.start + e.end) / 2 && at + HOUR < e.end) return at;
      }
      return undefined;
    };
    const healthAt = (e: GroundTruthEvent, at: number) =>
      1 - (Number(e.params.capacityLossPercent) / 100) * ((at - e.start) / (e.end - e.start));
    const events = faultEventsOf('ups-battery-degradation', worn, FROM, TO, (e) => tuesday10(e) !== undefined).sort(
      (a, b) => healthAt(a, tuesday10(a)!) - healthAt(b, tuesday10(b)!),
    );
    expect(events.length).toBeGreaterThan(3);
    let alarms = 0;
    // the two most worn at their test and the two least
    for (const e of [...events.slice(0, 2), ...events.slice(-2)]) {
      const at = tuesday10(e)!;
      const keys = ['mode', 'battery_voltage_v', 'battery_runtime_min', 'battery_charge_percent', 'alarm_status'];
      const a = seriesOf(worn, e.entityId, keys, at - 10 * MINUTE, at + 20 * MINUTE, MINUTE).values;
      const b = seriesOf(clean, e.entityId, keys, at - 10 * MINUTE, at + 20 * MINUTE, MINUTE).values;
      const k = 10;
      expect(a.mode![k]).toBe(2);
      expect(b.mode![k]).toBe(2);
      // under the same load the worn string sags further
      expect(a.battery_voltage_v![k]!).toBeLessThan(b.battery_voltage_v![k]! - 1);
      // after the test, on mains: the estimate is Peukert's runtime at the same load scaled by the capacity the
      // test found and by the charge (the worn string refills from a deeper discharge)
      const health = healthAt(e, at);
      const after = k + 10;
      expect(a.mode![after]).toBe(0);
      const charge = a.battery_charge_percent![after]! / b.battery_charge_percent![after]!;
      expect(a.battery_runtime_min![after]! / b.battery_runtime_min![after]! / charge).toBeCloseTo(health, 1);
      // the alarm agrees with the sag the test measured: below the pass band, replace the battery
      const failed = a.battery_voltage_v![k]! < UPS_CELLS * TEST_PASS_V_PER_CELL;
      expect(a.alarm_status![after]).toBe(failed ? 1 : 0);
      expect(b.alarm_status![after]).toBe(0);
      if (failed) alarms++;
    }
    expect(alarms).toBeGreaterThan(0);
    expect(alarms).toBeLessThan(4);
  }, 300_000);

  it('a string too worn for its load drops the PLC panels for the transfer gap and their boot; the ground truth says so', () => {
    const drops = loadDrops(FROM, TO);
    const onUps = drops.filter((e) => e.entityId.startsWith('ups_'));
    expect(onUps.length).toBeGreaterThan(0);
    const e = onUps[0]!;
    const plcs = drops.filter((p) => p.entityId.startsWith('lt_plc_') && p.params.outage === e.params.outage);
    expect(plcs.length).toBeGreaterThan(0);
    const from = e.start - 5 * MINUTE;
    const to = plcs[0]!.end + 10 * MINUTE;
    const ups = seriesOf(worn, e.entityId, ['mode', 'output_power_kw', 'ups_load_percent'], from, to, MINUTE);
    // the string's first sag under its load passes the cut-off: 2.06 − 0.1·load/h² < 1.75 V/cell
    const load = ups.values.ups_load_percent![0]! / 100;
    const health = Number(e.params.capacityPercent) / 100;
    if (e.params.cause === 'battery too worn to take the load')
      expect(2.06 - (0.1 * load) / health ** 2).toBeLessThan(END_V_PER_CELL + 0.01);
    for (const [i, t] of ups.ts.entries()) {
      if (t >= e.start && t < e.end) {
        expect(ups.values.mode![i]).toBe(3);
        expect(ups.values.output_power_kw![i]).toBe(0);
      }
    }
    for (const p of plcs) {
      const a = seriesOf(worn, p.entityId, ['active_power_kw', 'comm_status'], from, to, MINUTE);
      const b = seriesOf(clean, p.entityId, ['active_power_kw', 'comm_status'], from, to, MINUTE);
      // powered, a panel draws at least its controllers: over half its size
      const size = (clean.topology.equips.find((x) => x.id === p.entityId)!.config as CampusEquip).rating;
      // dark for the gap (15 s when the DG set starts: often between two readings), then booting
      a.ts.forEach((t, i) => {
        const inside = t >= p.start && t < p.end;
        expect(a.values.comm_status![i]).toBe(inside ? 0 : 1);
        expect(b.values.comm_status![i]).toBe(1);
        expect(b.values.active_power_kw![i]!).toBeGreaterThan(0.5 * size);
        if (inside && t < e.end) expect(a.values.active_power_kw![i]).toBe(0);
      });
      expect(a.values.comm_status!.filter((v) => v === 0).length).toBeGreaterThanOrEqual(2);
    }
  }, 300_000);
});
