import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { buildModel } from '../../model/build-model.js';
import { loadProfile } from '../../profile/load-profile.js';
import { fillFaultWindows, newFaultWindows, RECOVERY_MS } from '../fault-windows.js';
import { qualityEvents } from '../quality-events.js';
import { REGISTER_STEP_MS, registerSampling, registerSpecs } from '../registers.js';
import { BuildingPhysics } from './building-physics.js';

describe("the registers' frames (steady lags, power rows only where that is all a register integrates)", () => {
  it('give every register rate the full frame gives, while the lagged rows themselves differ', async () => {
    const loaded = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
    const { model, topology } = buildModel(loaded.profile, EQUIPMENT_TYPES);
    const seed = loaded.profile.simulation.seed;
    const epochMs = Date.parse(loaded.profile.simulation.epoch);
    // a register day (IST) holding the June grid outage, the DG sets' run and the motors' restarts after it
    const day = Date.parse('2025-06-03T18:30:00Z');
    const ts = Float64Array.from({ length: 97 }, (_, j) => day + j * REGISTER_STEP_MS);
    const P = model.points.length;
    const T = ts.length;
    const specs = registerSpecs(model.points);
    const sampling = registerSampling(specs, model.points, topology.equips);
    const truth = (registerFrame: boolean) => {
      const physics = new BuildingPhysics(topology, model, seed, epochMs);
      const faults = qualityEvents(topology, seed).faultsBetween(ts[0]! - RECOVERY_MS, ts[T - 1]! + 1);
      const out = new Float64Array(P * T);
      physics.run(
        ts,
        fillFaultWindows(faults, ts, newFaultWindows(topology.equips.length * T)),
        out,
        undefined,
        registerFrame ? sampling : undefined,
      );
      return out;
    };
    const lagged = truth(false);
    const steady = truth(true);
    expect(specs.length).toBeGreaterThan(300);
    const sources = new Set(specs.map((s) => s.sourceRow));
    const bad = [...sources].filter((r) => steady.subarray(r * T, (r + 1) * T).some((v, k) => v !== lagged[r * T + k]));
    expect(bad.map((r) => model.points[r]!.id)).toEqual([]);
    // the frame does skip work: most equipment write their power rows only (the run-status registers' do more),
    // a transformer's top oil is not written and a motor's winding reads its steady value, not its lag
    const wanted = sampling.wanted.reduce((n, w) => n + w, 0);
    expect(wanted).toBeGreaterThan(0);
    expect(wanted).toBeLessThan(topology.equips.length / 2);
    for (const id of ['trf_001.oil_temp_c', 'motor_003.winding_temp_c']) {
      const r = model.points.findIndex((p) => p.id === id);
      expect(r, id).toBeGreaterThanOrEqual(0);
      const differs = ts.some((_, k) => Math.abs(steady[r * T + k]! - lagged[r * T + k]!) > 0.01);
      expect(differs, id).toBe(true);
    }
  }, 300_000);
});
