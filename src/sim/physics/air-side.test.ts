import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { buildModel } from '../../model/build-model.js';
import { loadProfile } from '../../profile/load-profile.js';
import { hashString } from '../../random/rng.js';
import { driftCycle, driftOffsetAt } from '../relations/sensor-drift.js';
import { BuildingPhysics } from './building-physics.js';

const { profile } = await loadProfile('office-tower', EQUIPMENT_TYPES);
const { model, topology } = buildModel(profile, EQUIPMENT_TYPES);
const EPOCH = Date.parse(profile.simulation.epoch);

/** True values over [start, start + days) at 15 minutes, no faults. */
function run(start: string, days: number) {
  const t0 = Date.parse(start);
  const T = days * 96;
  const ts = Float64Array.from({ length: T }, (_, i) => t0 + i * 900_000);
  const E = topology.equips.length;
  const truth = new Float64Array(model.points.length * T);
  new BuildingPhysics(topology, model, 1, EPOCH).run(
    ts,
    {
      faulted: new Uint8Array(E * T),
      faultStart: new Float64Array(E * T).fill(NaN),
      recoveredFrom: new Float64Array(E * T).fill(NaN),
      recoveredHours: new Float64Array(E * T),
      degraded: new Uint8Array(E * T),
      degradedStart: new Float64Array(E * T),
      degradedEnd: new Float64Array(E * T),
      degradedValue: new Float64Array(E * T),
    },
    truth,
  );
  const row = (id: string) => model.points.find((p) => p.id === id)!.index;
  const get = (id: string) => truth.subarray(row(id) * T, (row(id) + 1) * T);
  return { ts, T, get };
}

describe('air side', () => {
  it('closes the zone loop on the drifted reading: reading ≈ setpoint, the room carries the drift', () => {
    // Tuesday 2025-07-15, 12:00–16:00 New York (16:00–20:00 UTC)
    const { ts, get } = run('2025-07-15T16:00:00Z', 1);
    let drifted = 0;
    for (const v of topology.equips.filter((e) => e.id.startsWith('equip-vav-'))) {
      const id = `${v.id}.zoneTemp`;
      const cycle = driftCycle(1, hashString(id), true, profile.quality);
      const room = get(id);
      const sp = get(`${v.id}.zoneTempSp`);
      const flow = get(`${v.id}.airFlow`);
      for (let k = 0; k < 16; k++) {
        if (flow[k]! >= 2999) continue; // wide open and short: the zone warms past setpoint
        const drift = driftOffsetAt(1, cycle, profile.quality, EPOCH, ts[k]!);
        if (Math.abs(drift) > 0.5) drifted++;
        expect(Math.abs(room[k]! + drift - sp[k]!)).toBeLessThan(1.6); // bias and the loop's slow hunting
      }
    }
    expect(drifted).toBeGreaterThan(0);
  });

  it('in July: zones float up overnight, the morning pull-down runs without reheat', () => {
    // Tuesday 2025-07-15 from 00:00 New York
    const { ts, get } = run('2025-07-15T04:00:00Z', 1);
    for (const v of topology.equips.filter((e) => e.id.startsWith('equip-vav-'))) {
      const temp = get(`${v.id}.zoneTemp`);
      const reheat = get(`${v.id}.reheatValve`);
      const cycle = driftCycle(1, hashString(`${v.id}.zoneTemp`), true, profile.quality);
      expect(temp[20]!).toBeGreaterThan(75); // 05:00
      // the loop sees the reading (room + sensor drift), so that is what reheat must not run above
      for (let k = 16; k < 32; k++) {
        const reading = temp[k]! + driftOffsetAt(1, cycle, profile.quality, EPOCH, ts[k]!);
        if (reading > get(`${v.id}.zoneTempSp`)[k]! + 0.5) expect(reheat[k]).toBe(0);
      }
    }
  });

  it('in January: outside air shut at night and in warm-up, fans cycle, reheat reaches 100 %, the boiler fires ≥ its minimum or not at all', () => {
    // Sat 2026-01-10 00:00 → Tue 00:00 New York
    const { T, get } = run('2026-01-10T05:00:00Z', 3);
    let fanOn = 0;
    for (const a of topology.equips.filter((e) => e.id.startsWith('equip-ahu-'))) {
      const fan = get(`${a.id}.fanStatus`);
      const oa = get(`${a.id}.outsideDamper`);
      for (let k = 0; k < 2 * 96; k++) {
        fanOn += fan[k]!;
        expect(oa[k]).toBe(0); // the weekend
      }
    }
    expect(fanOn / (4 * 2 * 96)).toBeLessThan(0.6);
    let fullReheat = 0;
    for (const v of topology.equips.filter((e) => e.id.startsWith('equip-vav-'))) {
      const reheat = get(`${v.id}.reheatValve`);
      for (let k = 2 * 96; k < T; k++) if (reheat[k]! >= 99.9) fullReheat++;
    }
    expect(fullReheat).toBeGreaterThan(0);
    const boiler = topology.equips.find((e) => e.id === 'equip-boiler-1')!;
    const minFire = (boiler.config as { minFiringPercent: number }).minFiringPercent;
    for (const f of get('equip-boiler-1.firingRate')) expect(f === 0 || f >= minFire - 1e-9).toBe(true);
  });
});
