import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { buildModel } from '../../model/build-model.js';
import { loadProfile } from '../../profile/load-profile.js';
import { fillFaultWindows, newFaultWindows, RECOVERY_MS } from '../fault-windows.js';
import { qualityEvents } from '../quality-events.js';
import { REGISTER_STEP_MS, registerSpecs } from '../registers.js';
import { BuildingPhysics } from './building-physics.js';

describe('register samples with steady lags', () => {
  it('give every register rate the lagged run gives, while the lagged rows themselves differ', async () => {
    const loaded = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
    const { model, topology } = buildModel(loaded.profile, EQUIPMENT_TYPES);
    const seed = loaded.profile.simulation.seed;
    const epochMs = Date.parse(loaded.profile.simulation.epoch);
    // a register day (IST) holding the June grid outage, the DG sets' run and the motors' restarts after it
    const day = Date.parse('2025-06-03T18:30:00Z');
    const ts = Float64Array.from({ length: 97 }, (_, j) => day + j * REGISTER_STEP_MS);
    const P = model.points.length;
    const T = ts.length;
    const truth = (steadyLags: boolean) => {
      const physics = new BuildingPhysics(topology, model, seed, epochMs);
      const faults = qualityEvents(topology, seed).faultsBetween(ts[0]! - RECOVERY_MS, ts[T - 1]! + 1);
      const out = new Float64Array(P * T);
      physics.run(ts, fillFaultWindows(faults, ts, newFaultWindows(topology.equips.length * T)), out, undefined, steadyLags);
      return out;
    };
    const lagged = truth(false);
    const steady = truth(true);
    const specs = registerSpecs(model.points);
    expect(specs.length).toBeGreaterThan(300);
    const sources = new Set(specs.map((s) => s.sourceRow));
    for (const r of sources) {
      const id = model.points[r]!.id;
      expect(Array.from(steady.subarray(r * T, (r + 1) * T)), id).toEqual(Array.from(lagged.subarray(r * T, (r + 1) * T)));
    }
    // the flag does skip the lags: a transformer's top oil and a motor's winding read their steady values
    for (const id of ['trf_001.oil_temp_c', 'motor_003.winding_temp_c']) {
      const r = model.points.findIndex((p) => p.id === id);
      expect(r, id).toBeGreaterThanOrEqual(0);
      const differs = ts.some((_, k) => Math.abs(steady[r * T + k]! - lagged[r * T + k]!) > 0.01);
      expect(differs, id).toBe(true);
    }
  }, 300_000);
});
