import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { loadProfile } from '../../profile/load-profile.js';
import { buildModel } from '../../model/build-model.js';
import { Engine } from '../../sim/engine.js';
import { LocalClock } from '../../time/clock.js';
import { Status } from '../../sim/sample.js';
import { linkBuilding } from './building-link.js';

const DAY = 86_400_000;
const { profile } = await loadProfile('office-tower', EQUIPMENT_TYPES);
const clock = new LocalClock(profile.site.timeZone);
const window = { from: Date.UTC(2025, 0, 1), to: Date.UTC(2026, 0, 1) };
const site = linkBuilding(profile, 1, window);

describe('building link', () => {
  it('lists the HVAC equipment of the model as devices, with their nameplates', () => {
    const built = buildModel(profile, EQUIPMENT_TYPES);
    const equips = built.topology.equips.filter((e) => ['vav', 'ahu', 'chiller', 'coolingTower', 'boiler'].includes(e.type));
    expect(site.devices.map((d) => d.equipRef)).toEqual(equips.map((e) => e.id));
    const first = (profile.plant as { chillers: { id: string; manufacturer: string; model: string; capacityTons: number }[] }).chillers[0]!;
    const chiller = site.devices.find((d) => d.equipRef === first.id)!;
    expect([chiller.brand, chiller.model]).toEqual([first.manufacturer, first.model]);
    expect(chiller.capacityBtuh).toBe(first.capacityTons * 12_000);
    expect(site.createdAt).toBeLessThan(Math.min(...site.devices.map((d) => d.installDay)) * DAY);
  });

  it('turns long simulated faults into repair calls in time order, inside the window', () => {
    // ~35 fault/maintenance windows per equipment a year, half faults; only the long ones reach the contractor
    expect(site.repairs.length).toBeGreaterThan(10);
    expect(site.repairs.length).toBeLessThan(150);
    for (let i = 1; i < site.repairs.length; i++)
      expect(site.repairs[i]!.requestedAt).toBeGreaterThanOrEqual(site.repairs[i - 1]!.requestedAt);
    for (const r of site.repairs) {
      expect(r.requestedAt).toBeGreaterThanOrEqual(window.from);
      expect(r.requestedAt).toBeLessThan(window.to);
      expect(r.faultStart).toBeLessThan(r.requestedAt);
      expect(r.requestedAt).toBeLessThan(r.startedAt);
      expect(r.startedAt).toBeLessThan(r.completedAt);
    }
  });

  it('times each call to a fault the engine really writes: the equipment reads fault until the repair completes', () => {
    const built = buildModel(profile, EQUIPMENT_TYPES);
    const engine = new Engine(built.model, built.topology, { seed: 1, intervalMs: 900_000, epochMs: Date.parse(profile.simulation.epoch) });
    for (const r of site.repairs.slice(0, 3)) {
      const device = site.devices[r.device]!;
      const from = clock.fromLocalMs(r.faultStart) - DAY / 4;
      const to = clock.fromLocalMs(r.completedAt) + DAY / 4;
      const chunks = engine.chunksIn(from, to).map((c) => engine.computeChunk(c, from, to));
      const event = chunks.flatMap((c) => c.events).find((e) => e.id === r.eventRef);
      expect(event, r.eventRef).toBeDefined();
      expect([event!.type, event!.entityId]).toEqual(['fault', device.equipRef]);
      expect([clock.toLocalMs(event!.start), clock.toLocalMs(event!.end)]).toEqual([r.faultStart, r.completedAt]);
      // and the data shows it: the equipment's points carry fault status inside that window
      const point = built.model.points.findIndex((p) => p.equipId === device.equipRef);
      let during = 0;
      for (const { batch } of chunks) {
        const T = batch.timestamps.length;
        for (let k = 0; k < T; k++) {
          const t = batch.timestamps[k]!;
          if (t >= event!.start && t < event!.end && batch.status[point * T + k] === Status.Fault) during++;
        }
      }
      expect(during).toBeGreaterThan(0);
    }
  });

  it('is a pure function of (profile, seed, window)', () => {
    expect(linkBuilding(profile, 1, window)).toEqual(site);
    expect(linkBuilding(profile, 2, window).repairs).not.toEqual(site.repairs);
  });
});
