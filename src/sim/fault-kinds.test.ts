import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { loadProfile } from '../profile/load-profile.js';
import { buildModel } from '../model/build-model.js';
import type { Profile } from '../profile/schema.js';
import { Engine } from './engine.js';
import { DEGRADATIONS, type DegradationKind } from './fault-catalog.js';
import { QualityEvents } from './quality-events.js';
import { Status, type GroundTruthEvent } from './sample.js';

/*
 * Each kind of fault, alone in a building where it is frequent, against the same building without it (same seed:
 * weather, occupancy, noise and stale blocks are identical): its signature is in the readings, and only a failed
 * sensor sets status fault.
 */

const HOUR = 3_600_000;
const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const { profile } = await loadProfile('office-tower', EQUIPMENT_TYPES);
const JULY = [Date.parse('2025-07-01T04:00:00Z'), Date.parse('2025-08-26T04:00:00Z')] as const;

function building(kind: DegradationKind | null) {
  const faults = Object.fromEntries(
    Object.entries(profile.quality.faults).map(([k, r]) => [k, { ...r, perYear: k === kind ? 12 : 0 }]),
  ) as Profile['quality']['faults'];
  // no equipment-off faults: the kind alone
  const p = { ...profile, quality: { ...profile.quality, faultShare: 0, faults } } as Profile;
  return buildModel(p, EQUIPMENT_TYPES);
}

const clean = building(null);

interface Series {
  ts: number[];
  get(id: string): { values: number[]; status: number[] };
}

function run(built: ReturnType<typeof building>, start: number, end: number, intervalMs: number): Series {
  const engine = new Engine(built.model, built.topology, { seed: 1, intervalMs, epochMs: EPOCH });
  const chunks = engine.chunksIn(start, end).map((c) => engine.computeChunk(c, start, end).batch);
  const ts = chunks.flatMap((b) => [...b.timestamps]);
  return {
    ts,
    get(id) {
      const p = built.model.points.find((x) => x.id === id)!;
      const values: number[] = [];
      const status: number[] = [];
      for (const b of chunks) {
        const T = b.timestamps.length;
        for (let k = 0; k < T; k++) {
          values.push(b.values[p.index * T + k]!);
          status.push(b.status[p.index * T + k]!);
        }
      }
      return { values, status };
    },
  };
}

/** The first event of a kind in July–August lasting at least `minHours`, with the building it happens in. */
function firstEvent(kind: DegradationKind, minHours = 6, when: (e: GroundTruthEvent) => boolean = () => true) {
  const built = building(kind);
  const events = new QualityEvents(built.topology, 1)
    .faultsBetween(JULY[0], JULY[1])
    .map((w) => w.event)
    .filter((e) => e.params.kind === kind && e.end - e.start >= minHours * HOUR && e.start > JULY[0] && when(e));
  expect(events.length, `a ${kind} event`).toBeGreaterThan(0);
  return { built, event: events[0]! };
}

/** Indexes of the series inside [from, to). */
const inside = (s: Series, from: number, to: number) => s.ts.flatMap((t, i) => (t >= from && t < to ? [i] : []));

/** Every reading of the equipment's points (or the one sensor's) in the event: never status fault, unless it says so. */
function expectStatusOk(s: Series, built: ReturnType<typeof building>, e: GroundTruthEvent) {
  const equip = String(e.entityId).split('.')[0]!;
  const idx = inside(s, e.start, e.end);
  for (const p of built.model.points.filter((x) => x.equipId === equip)) {
    const st = s.get(p.id).status;
    expect(
      idx.some((i) => st[i] === Status.Fault),
      p.id,
    ).toBe(false);
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

describe('fault kinds', () => {
  it('has a catalog entry for every kind a profile can rate', () => {
    expect(Object.keys(DEGRADATIONS).sort()).toEqual(Object.keys(profile.quality.faults).sort());
  });

  it('stuck damper: the damper reads one position while the fault lasts, status ok', () => {
    const { built, event } = firstEvent('stuck-damper');
    const s = run(built, event.start, Math.min(event.end, event.start + 3 * 24 * HOUR), 900_000);
    const equip = event.entityId;
    const damper = s.get(`${equip}.damperPos`);
    const ok = inside(s, event.start, event.end)
      .filter((i) => damper.status[i] === Status.Ok)
      .map((i) => damper.values[i]!);
    expect(ok.length).toBeGreaterThan(8);
    expect(Math.max(...ok) - Math.min(...ok)).toBeLessThan(1);
    expect(Math.abs(mean(ok) - Number(event.params.stuckAtPercent))).toBeLessThan(1);
    expectStatusOk(s, built, event);
  });

  it('leaking reheat valve: discharge air above the AHU supply with the valve shut, and more reheat', () => {
    const { built, event } = firstEvent('leaking-reheat-valve');
    const from = event.start + 6 * HOUR;
    const to = Math.min(event.end, from + 2 * 24 * HOUR);
    const bad = run(built, from, to, 900_000);
    const good = run(clean, from, to, 900_000);
    const id = `${event.entityId}.supplyTemp`;
    const valve = bad.get(`${event.entityId}.reheatValve`).values;
    const flow = bad.get(`${event.entityId}.airFlow`).values;
    const shut = inside(bad, from, to).filter((i) => valve[i]! < 1 && flow[i]! > 50);
    expect(shut.length).toBeGreaterThan(8);
    const rise = shut.map((i) => bad.get(id).values[i]! - good.get(id).values[i]!);
    expect(mean(rise)).toBeGreaterThan(2);
    expectStatusOk(bad, built, event);
  });

  it('hunting loop: the damper swings with the drawn period (1-min data), status ok', () => {
    const { built, event } = firstEvent('hunting-loop');
    const from = event.start;
    const to = Math.min(event.end, from + 24 * HOUR);
    const bad = run(built, from, to, 60_000);
    const good = run(clean, from, to, 60_000);
    const id = `${event.entityId}.damperPos`;
    const fan = bad.get(`${event.entityId}.enable`).values;
    const on = inside(bad, from, to).filter((i) => i > 0 && fan[i] === 1 && fan[i - 1] === 1);
    expect(on.length).toBeGreaterThan(60);
    const moves = (s: Series) => mean(on.map((i) => Math.abs(s.get(id).values[i]! - s.get(id).values[i - 1]!)));
    expect(moves(bad)).toBeGreaterThan(3 * moves(good) + 1);
    expectStatusOk(bad, built, event);
  });

  it('sensor bias: the loop holds the reading at setpoint, so at the repair the reading steps by the bias', () => {
    const built = building('sensor-bias');
    const events = new QualityEvents(built.topology, 1)
      .faultsBetween(JULY[0], JULY[1])
      .map((w) => w.event)
      .filter((e) => e.params.kind === 'sensor-bias' && e.start > JULY[0])
      // mended in occupied hours (a weekday 10:00–16:00 in New York, UTC−4), when the loop holds the zone
      .filter((e) => {
        const d = new Date(e.end - 4 * HOUR);
        return d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && d.getUTCHours() >= 10 && d.getUTCHours() < 16;
      })
      .slice(0, 4);
    let judged = 0;
    for (const event of events) {
      const bad = run(built, event.end - 2 * HOUR, event.end + 2 * HOUR, 900_000);
      const good = run(clean, event.end - 2 * HOUR, event.end + 2 * HOUR, 900_000);
      const id = event.entityId;
      const sp = good.get(id.replace('zoneTemp', 'zoneTempSp')).values;
      const [b, g] = [bad.get(id), good.get(id)];
      const flow = good.get(id.replace('zoneTemp', 'airFlow')).values;
      const box = built.topology.equips.find((e) => `${e.id}.zoneTemp` === id)!.config as { maxAirflowCfm: number };
      // readings of both runs where the clean loop holds its zone (occupied, at setpoint)
      const held = (from: number, to: number) =>
        inside(bad, from, to).filter(
          (i) =>
            b.status[i] === Status.Ok &&
            g.status[i] === Status.Ok &&
            Math.abs(g.values[i]! - sp[i]!) < 1 &&
            sp[i]! < 76 &&
            sp[i]! > 68 &&
            // with room to move: a box already wide open cannot follow the bias
            flow[i]! < 0.6 * box.maxAirflowCfm,
        );
      const before = held(event.end - HOUR, event.end);
      const after = held(event.end, event.end + 16 * 60_000);
      if (before.length < 3 || after.length === 0) continue;
      judged++;
      const bias = Number(event.params.biasF);
      const diff = (i: number) => b.values[i]! - g.values[i]!;
      // in control the reading sits at setpoint either way (the room is off by the bias); mended, it reads the room
      expect(Math.abs(mean(before.map(diff)))).toBeLessThan(0.5 * Math.abs(bias));
      expect(-mean(after.map(diff)) * Math.sign(bias)).toBeGreaterThan(0.5 * Math.abs(bias));
    }
    expect(judged).toBeGreaterThan(0);
  });

  it('flat-lined sensor: the reading never changes while it lasts, status ok', () => {
    const { built, event } = firstEvent('flat-lined-sensor');
    const s = run(built, event.start, Math.min(event.end, event.start + 2 * 24 * HOUR), 900_000);
    const v = s.get(event.entityId);
    const vals = inside(s, event.start, event.end)
      .filter((i) => v.status[i] === Status.Ok)
      .map((i) => v.values[i]!);
    expect(vals.length).toBeGreaterThan(8);
    expect(new Set(vals).size).toBe(1);
    expectStatusOk(s, built, event);
  });

  it('failed sensor: reads −40 with status fault; the equipment’s other points stay ok', () => {
    const { built, event } = firstEvent('failed-sensor', 2);
    const s = run(built, event.start, Math.min(event.end, event.start + 24 * HOUR), 900_000);
    const v = s.get(event.entityId);
    const idx = inside(s, event.start, event.end).filter((i) => v.status[i] !== Status.Missing && v.status[i] !== Status.Stale);
    expect(idx.length).toBeGreaterThan(4);
    for (const i of idx) {
      expect(v.values[i]).toBe(-40);
      expect(v.status[i]).toBe(Status.Fault);
    }
    const equip = String(event.entityId).split('.')[0]!;
    const other = built.model.points.find((p) => p.equipId === equip && p.id !== event.entityId && p.key !== 'status')!;
    expect(idx.some((i) => s.get(other.id).status[i] === Status.Fault)).toBe(false);
  });

  it('fouled coil: the chilled-water valve opens wider for the same load, status ok', () => {
    const { built, event } = firstEvent('fouled-coil');
    const from = event.start;
    const to = Math.min(event.end, from + 3 * 24 * HOUR);
    const bad = run(built, from, to, 900_000);
    const good = run(clean, from, to, 900_000);
    const id = `${event.entityId}.chwValve`;
    const open = inside(bad, from, to).filter((i) => good.get(id).values[i]! > 5);
    expect(open.length).toBeGreaterThan(8);
    const loss = Number(event.params.capacityLossPercent) / 100;
    const ratio = mean(open.map((i) => Math.min(100, bad.get(id).values[i]!) / good.get(id).values[i]!));
    expect(ratio).toBeGreaterThan(Math.min(1.2, 0.8 / (1 - loss)));
    expectStatusOk(bad, built, event);
  });

  it('broken fan belt: fan kW and static collapse while the fan status still says running, status ok', () => {
    const { built, event } = firstEvent('broken-fan-belt', 4);
    const from = event.start;
    const to = Math.min(event.end, from + 2 * 24 * HOUR);
    const bad = run(built, from, to, 900_000);
    const good = run(clean, from, to, 900_000);
    const e = event.entityId;
    const running = inside(bad, from, to).filter((i) => good.get(`${e}.fanPower`).values[i]! > 1);
    if (running.length === 0) return; // a belt that broke over a weekend: nothing ran
    const kw = mean(running.map((i) => bad.get(`${e}.fanPower`).values[i]! / good.get(`${e}.fanPower`).values[i]!));
    expect(kw).toBeLessThan(0.45);
    expect(mean(running.map((i) => bad.get(`${e}.staticPressure`).values[i]!))).toBeLessThan(
      0.3 * mean(running.map((i) => good.get(`${e}.staticPressure`).values[i]!)),
    );
    expect(running.every((i) => bad.get(`${e}.fanStatus`).values[i] === 1)).toBe(true);
    expectStatusOk(bad, built, event);
  });

  it('low refrigerant charge: the chiller’s COP falls, status ok', () => {
    const { built, event } = firstEvent('low-refrigerant-charge');
    const from = event.start;
    const to = Math.min(event.end, from + 3 * 24 * HOUR);
    const bad = run(built, from, to, 900_000);
    const good = run(clean, from, to, 900_000);
    const id = `${event.entityId}.cop`;
    const both = inside(bad, from, to).filter((i) => bad.get(id).values[i]! > 0 && good.get(id).values[i]! > 0);
    if (both.length === 0) return; // the machine never ran in the window (the standby)
    const loss = Number(event.params.chargeLossPercent) / 100;
    expect(mean(both.map((i) => bad.get(id).values[i]! / good.get(id).values[i]!))).toBeLessThan(1 - 0.3 * loss);
    expectStatusOk(bad, built, event);
  });

  it('short-cycling: the chiller starts and stops every few minutes (1-min data), status ok', () => {
    const { built, event } = firstEvent('short-cycling');
    const from = event.start;
    const to = Math.min(event.end, from + 24 * HOUR);
    const bad = run(built, from, to, 60_000);
    const good = run(clean, from, to, 60_000);
    const id = `${event.entityId}.status`;
    const changes = (s: Series) => inside(s, from, to).filter((i) => i > 0 && s.get(id).values[i] !== s.get(id).values[i - 1]).length;
    const ranHours = inside(good, from, to).filter((i) => good.get(id).values[i] === 1).length / 60;
    if (ranHours < 1) return; // never ran in the window
    expect(changes(bad)).toBeGreaterThan(changes(good) + ranHours * 2);
    expectStatusOk(bad, built, event);
  });
});
