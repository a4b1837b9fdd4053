import { describe, expect, it } from 'vitest';
import { CAMPUS_PROFILE, seriesOf } from '../../../test/helpers/campus-fault-runs.js';
import type { CampusEquip } from '../../model/campus-plan.js';
import { buildModel } from '../../model/build-model.js';
import { registerSpecs } from '../../sim/registers.js';
import { EQUIPMENT_TYPES } from '../index.js';

const run = buildModel(CAMPUS_PROFILE, EQUIPMENT_TYPES);
const epoch = Date.parse(CAMPUS_PROFILE.simulation.epoch);
const registers = registerSpecs(run.model.points).map((s) => {
  const point = run.model.points[s.row]!;
  const equip = run.topology.equips.find((e) => e.id === point.equipId)!.config as CampusEquip;
  const hours = (epoch - Date.parse(`${equip.nameplate.installed}T00:00:00Z`)) / 3_600_000;
  return { point, equip, hours, reading: s.initial };
});
const of = (unit: string) => registers.filter((r) => r.point.unit === unit);

describe('campus registers at the epoch: what each machine counted since its install date', () => {
  it('run hours fit the hours since installation: machines on shift work most of them, a standby DG set 50–300 a year', () => {
    const hours = of('h');
    expect(hours.length).toBeGreaterThan(40);
    for (const r of hours) {
      expect(r.reading, r.point.id).toBeLessThan(r.hours);
      const perYear = (r.reading / r.hours) * 8766;
      if (r.equip.role === 'dg') expect(perYear, r.point.id).toBeGreaterThan(50);
      if (r.equip.role === 'dg') expect(perYear, r.point.id).toBeLessThan(300);
      else expect(r.reading / r.hours, r.point.id).toBeGreaterThan(0.2);
    }
  });

  it('energy never passes the rating over the hours in service', () => {
    const rated: Partial<Record<string, number>> = { motor: 1.1, pump: 1.15, compressor: 1.1, dg: 1, trf: 1, ups: 1 };
    const kwh = of('kWh').filter((r) => rated[r.equip.role] !== undefined);
    expect(kwh.length).toBeGreaterThan(50);
    for (const r of kwh) expect(r.reading, r.point.id).toBeLessThan(r.equip.rating * rated[r.equip.role]! * r.hours);
  });

  it('reactive energy is a power factor of 0.7–0.99 of the active', () => {
    for (const r of of('kVARh')) {
      const active = registers.find((a) => a.point.equipId === r.point.equipId && a.point.unit === 'kWh')!;
      const tanPhi = r.reading / active.reading;
      expect(tanPhi, r.point.id).toBeGreaterThan(Math.tan(Math.acos(0.99)));
      expect(tanPhi, r.point.id).toBeLessThan(Math.tan(Math.acos(0.7)));
    }
  });

  it("the HT incomer's reading is its simulated draw over the years in service, within the seasons' spread", () => {
    const ht = registers.find((r) => r.point.id === 'em_001.energy_kwh')!;
    const from = Date.parse('2025-05-05T00:00:00+05:30');
    const week = seriesOf(run, 'em_001', ['active_power_kw'], from, from + 7 * 86_400_000, 3_600_000).values.active_power_kw!;
    const mean = week.reduce((a, b) => a + b, 0) / week.length;
    expect(ht.reading / ht.hours / mean).toBeGreaterThan(0.5);
    expect(ht.reading / ht.hours / mean).toBeLessThan(1.5);
  });
});
