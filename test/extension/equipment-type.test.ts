import { join } from 'node:path';
import { type HRef, Kind, type HDict } from 'haystack-core';
import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../src/equipment/index.js';
import { buildModel } from '../../src/model/build-model.js';
import { entityId } from '../../src/model/site-model.js';
import { loadProfile, parseProfile } from '../../src/profile/load-profile.js';
import { Engine } from '../../src/sim/engine.js';
import { Status } from '../../src/sim/sample.js';
import { exhaustFan } from './exhaust-fan.js';

// one new module and one registry line
const TYPES = [...EQUIPMENT_TYPES, exhaustFan];
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'profiles', 'exhaust-fans.yaml');

const { profile, text } = await loadProfile(FIXTURE, TYPES);
const { model, topology } = buildModel(profile, TYPES);
const byId = new Map(model.entities.map((e) => [entityId(e), e]));
const isMarker = (e: HDict | undefined, tag: string) => e?.get(tag)?.getKind() === Kind.Marker;
const refOf = (e: HDict | undefined, tag: string) => (e?.get(tag) as HRef | undefined)?.value;

/** Local hour and weekday in the profile's time zone, worked out apart from the engine's clock. */
function localTime(t: number): { hour: number; weekday: string } {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: profile.site.timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' });
  const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  return { hour: Number(parts.hour), weekday: parts.weekday! };
}

describe('an equipment type added with one module and one registry line', () => {
  it('reads its section of the profile, which the built-in registry rejects', () => {
    expect(() => parseProfile(text, 'exhaust-fans.yaml', EQUIPMENT_TYPES)).toThrow(/exhaustFans: unknown key "exhaustFans"/);
    const typo = text.replace('ratedKw: 3.5', 'ratedKW: 3.5');
    expect(() => parseProfile(typo, 'typo.yaml', TYPES)).toThrow(
      /typo\.yaml:\d+:\d+: exhaustFans\[0\]\.ratedKW: unknown key .*did you mean "ratedKw"/,
    );
  });

  it('gives each fan an equip entity and two points with Haystack tags and refs', () => {
    for (const id of ['equip-exhaust-fan-1', 'equip-exhaust-fan-2']) {
      const equip = byId.get(id);
      expect(['exhaust', 'fan', 'equip'].every((m) => isMarker(equip, m))).toBe(true);
      expect([refOf(equip, 'siteRef'), refOf(equip, 'spaceRef')]).toEqual([profile.site.id, 'space-floor-1']);
      for (const key of ['run', 'power']) {
        const point = byId.get(`${id}.${key}`);
        expect(['point', 'his', 'sensor', 'exhaust', 'fan'].every((m) => isMarker(point, m))).toBe(true);
        expect([refOf(point, 'equipRef'), refOf(point, 'siteRef')]).toEqual([id, profile.site.id]);
      }
    }
    expect(byId.get('equip-exhaust-fan-2')?.get('manufacturer')?.toString()).toBe('Greenheck');
    expect(byId.get('equip-exhaust-fan-1.power')?.get('unit')?.toString()).toBe('kW');
  });

  it('generates values that follow the occupancy schedule: off when unoccupied, power only while running', () => {
    const engine = new Engine(model, topology, { seed: 1, intervalMs: 900_000, epochMs: Date.parse(profile.simulation.epoch) });
    // a week in March with no holiday, Monday to Monday
    const start = Date.parse('2025-03-10T04:00:00Z');
    const end = start + 7 * 86_400_000;
    let running = 0;
    let off = 0;
    for (const chunk of engine.chunksIn(start, end).map((c) => engine.computeChunk(c, start, end))) {
      const { timestamps, values, status, points } = chunk.batch;
      const T = timestamps.length;
      for (const fan of ['equip-exhaust-fan-1', 'equip-exhaust-fan-2']) {
        const run = points.find((p) => p.id === `${fan}.run`)!.index;
        const power = points.find((p) => p.id === `${fan}.power`)!.index;
        for (let k = 0; k < T; k++) {
          if (status[run * T + k] !== Status.Ok || status[power * T + k] !== Status.Ok) continue;
          const on = values[run * T + k]!;
          const kw = values[power * T + k]!;
          const { hour, weekday } = localTime(timestamps[k]!);
          const unoccupied =
            weekday === 'Sat' || weekday === 'Sun' || hour < profile.zoneControl.occupiedStart || hour >= profile.zoneControl.occupiedEnd;
          if (unoccupied) expect(on, `${fan} at ${new Date(timestamps[k]!).toISOString()}`).toBe(0);
          if (on === 1) expect(kw).toBeGreaterThan(0);
          else expect(kw).toBe(0);
          if (on === 1) running++;
          else off++;
        }
      }
    }
    // 11 occupied hours on 5 days: about a third of the week's readings run
    expect(running).toBeGreaterThan(300);
    expect(off).toBeGreaterThan(running);
  });

  it('leaves the rest of the building as the built-in registry simulates it', async () => {
    const plain = buildModel((await loadProfile(join(FIXTURE, '..', 'small-office.yaml'), EQUIPMENT_TYPES)).profile, EQUIPMENT_TYPES);
    const ids = new Set(plain.model.points.map((p) => p.id));
    expect(model.points.filter((p) => !ids.has(p.id)).map((p) => p.id)).toEqual([
      'equip-exhaust-fan-1.power',
      'equip-exhaust-fan-1.run',
      'equip-exhaust-fan-2.power',
      'equip-exhaust-fan-2.run',
    ]);
  });
});
