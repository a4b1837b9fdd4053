import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { buildModel } from '../model/build-model.js';
import { loadProfile } from '../profile/load-profile.js';
import { Engine } from './engine.js';
import type { Override } from './override-schedule.js';
import { Status } from './sample.js';

const HOUR = 3_600_000;
const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const STEP = 300_000;
const { profile } = await loadProfile('office-tower', EQUIPMENT_TYPES);
const built = buildModel(profile, EQUIPMENT_TYPES);
const newEngine = (overrides: readonly Override[] = []) =>
  new Engine(built.model, built.topology, { seed: 1, intervalMs: STEP, epochMs: EPOCH, overrides });

const VAV = 'equip-vav-5-north';
const AHU = built.topology.equips.find((e) => e.id === VAV)!.trunk!;
// a Wednesday in July: occupied 07:00-18:00 EDT (11:00-22:00 UTC), the loop holds 72 °F
const DAY0 = Date.parse('2026-07-15T00:00:00Z');

/** One day chunk (UTC day) as a reader: a point's value and status at hour h of the day. */
function dayOf(engine: Engine, day = DAY0) {
  const { batch } = engine.computeChunk(engine.chunkOf(day));
  const T = batch.timestamps.length;
  const row = (id: string) => built.model.points.find((p) => p.id === id)!.index;
  const at = (id: string, h: number) => batch.values[row(id) * T + Math.round((h * HOUR) / STEP)]!;
  return { batch, T, row, at };
}

/** Rows of every point equal (values and status) over steps [from, to). */
function sameSpan(a: ReturnType<typeof dayOf>, b: ReturnType<typeof dayOf>, from: number, to: number, rows: readonly number[]) {
  for (const r of rows) {
    const s = r * a.T;
    expect(Array.from(b.batch.values.subarray(s + from, s + to)), built.model.points[r]!.id).toEqual(
      Array.from(a.batch.values.subarray(s + from, s + to)),
    );
    expect(Array.from(b.batch.status.subarray(s + from, s + to))).toEqual(Array.from(a.batch.status.subarray(s + from, s + to)));
  }
}

const allRows = built.model.points.map((p) => p.index);

describe('a zone setpoint override (pointWrite) feeds the simulation', () => {
  // 68 °F commanded from 10:00 to 14:00 EDT
  const override: Override = { point: `${VAV}.zoneTempSp`, start: DAY0 + 14 * HOUR, end: DAY0 + 18 * HOUR, value: 68 };
  const base = dayOf(newEngine());
  const over = dayOf(newEngine([override]));
  const dev = (h: number) => over.at(`${VAV}.zoneTemp`, h) - base.at(`${VAV}.zoneTemp`, h);

  it('changes nothing before the write', () => {
    sameSpan(base, over, 0, (14 * HOUR) / STEP, allRows);
  });

  it('records the commanded value on the setpoint point while in force, the schedule before and after', () => {
    const sp = over.row(`${VAV}.zoneTempSp`);
    for (let k = 0; k < over.T; k++) {
      if (over.batch.status[sp * over.T + k] === Status.Missing) continue; // logged on change
      const t = DAY0 + k * STEP;
      const expected = t >= override.start && t < override.end ? 68 : base.batch.values[sp * base.T + k];
      expect(over.batch.values[sp * over.T + k], new Date(t).toISOString()).toBe(expected);
    }
    expect(base.at(`${VAV}.zoneTempSp`, 14)).toBeGreaterThan(70);
  });

  it('moves the zone toward the setpoint with the room time constant (0.5-1.5 h), and back after the relinquish', () => {
    const gap = 68 - base.at(`${VAV}.zoneTempSp`, 14);
    // a first-order room: after 15 min at most 1 - e^(-0.25/0.5) = 39 % of the way, after 3 h at least 1 - e^(-2) = 86 %
    expect(dev(14.25) / gap).toBeGreaterThan(0.05);
    expect(dev(14.25) / gap).toBeLessThan(0.45);
    expect(dev(17) / gap).toBeGreaterThan(0.7);
    expect(dev(17) / gap).toBeLessThanOrEqual(1.1);
    // monotone toward the setpoint over the first hour (noise and drift are the same in both runs)
    for (let h = 14; h < 15; h += 0.25) expect(dev(h + 0.25)).toBeLessThan(dev(h) + 0.05);
    // relinquished at 14:00 EDT: 3 h later the room is back under its normal setpoint within 15 % of the step
    expect(Math.abs(dev(21)) / -gap).toBeLessThan(0.15);
  });

  it('opens the box while the room is pulled down (more cold air than without the override)', () => {
    let more = 0;
    for (let h = 14; h < 15; h += 1 / 12) more += over.at(`${VAV}.airFlow`, h) - base.at(`${VAV}.airFlow`, h);
    expect(more / 12).toBeGreaterThan(20);
    let open = 0;
    for (let h = 14; h < 15; h += 1 / 12) open += over.at(`${VAV}.damperPos`, h) - base.at(`${VAV}.damperPos`, h);
    expect(open / 12).toBeGreaterThan(0);
  });

  it('leaves every other zone where it was', () => {
    const zones = built.model.points.filter((p) => p.key === 'zoneTemp' && p.equipId !== VAV).map((p) => p.index);
    expect(zones.length).toBeGreaterThan(10);
    sameSpan(base, over, 0, base.T, zones);
  });

  it('leaves the next day as it was once the room is back (but for the energy registers that counted the extra air)', () => {
    const next = DAY0 + 24 * HOUR;
    const a = dayOf(newEngine(), next);
    const b = dayOf(newEngine([override]), next);
    // 10 h after the relinquish (midnight EDT) the pull back is under 0.01 °F however slow the room
    sameSpan(
      a,
      b,
      (4 * HOUR) / STEP,
      a.T,
      built.model.points.filter((p) => !p.totalized).map((p) => p.index),
    );
  });

  it('runs the AHU after hours for a zone whose setpoint is written at night', () => {
    // 02:00-04:00 EDT: the AHU is off, the zone floats warm; commanded 70 °F it runs and pulls the zone down
    const night: Override = { point: `${VAV}.zoneTempSp`, start: DAY0 + 6 * HOUR, end: DAY0 + 8 * HOUR, value: 70 };
    const n = dayOf(newEngine([night]));
    expect(base.at(`${AHU}.fanStatus`, 7)).toBe(0);
    expect(n.at(`${AHU}.fanStatus`, 7)).toBe(1);
    expect(base.at(`${VAV}.zoneTemp`, 6)).toBeGreaterThan(73);
    expect(n.at(`${VAV}.zoneTemp`, 7.9)).toBeLessThan(base.at(`${VAV}.zoneTemp`, 7.9) - 2);
    expect(n.at(`${VAV}.zoneTempSp`, 7)).toBe(70);
  });

  it('pulls the zone from where it is once an outage of its AHU ends, not as if it had pulled all along', () => {
    // a December night: AHU 1 is out (a maintenance window) until 05:30 UTC, 66 °F is written at 03:45 UTC
    const dec7 = Date.parse('2026-12-07T00:00:00Z');
    const zone = 'equip-vav-1-east';
    const ahu = built.topology.equips.find((e) => e.id === zone)!.trunk!;
    const write: Override = { point: `${zone}.zoneTempSp`, start: dec7 + 3.75 * HOUR, end: Infinity, value: 66 };
    const b = dayOf(newEngine(), dec7);
    const w = dayOf(newEngine([write]), dec7);
    const back = [...Array(b.T).keys()].find((k) => k * STEP >= 3.75 * HOUR && w.at(`${ahu}.fanStatus`, (k * STEP) / HOUR) === 1)!;
    expect((back * STEP) / HOUR).toBeGreaterThan(4); // the AHU was out when the setpoint was written
    const temp = (d: typeof b, k: number) => d.at(`${zone}.zoneTemp`, (k * STEP) / HOUR);
    // no air, no pull: while it is out the room floats as without the write
    for (let k = (3.75 * HOUR) / STEP; k < back; k++) expect(temp(w, k)).toBe(temp(b, k));
    // from the restart it moves with the room's time constant: no more in its first step than without the write
    // (plus a 0.5 °F step of the pull), most of the way within 3 hours
    expect(Math.abs(temp(w, back) - temp(w, back - 1))).toBeLessThanOrEqual(Math.abs(temp(b, back) - temp(b, back - 1)) + 0.5);
    expect(temp(w, back + (3 * HOUR) / STEP)).toBeGreaterThan(64.5);
  });

  it('takes a new schedule on an engine that cached the chunk, and gives the unwritten bytes back when it is cleared', () => {
    const engine = newEngine();
    dayOf(engine);
    engine.setOverrides([override]);
    sameSpan(over, dayOf(engine), 0, over.T, allRows);
    engine.setOverrides([]);
    sameSpan(base, dayOf(engine), 0, base.T, allRows);
  });

  it('refuses an override of a point the simulation does not take', () => {
    expect(() => newEngine([{ ...override, point: `${VAV}.airFlowSp` }])).toThrow(/does not take this point/);
    expect(() => newEngine([override, { ...override, start: override.start + HOUR }])).toThrow(/overlap/);
  });
});
