import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { buildModel } from '../../model/build-model.js';
import { loadProfile } from '../../profile/load-profile.js';
import { newScheduleState } from './schedule.js';
import { ZonePresence } from './zone-presence.js';

const { profile } = await loadProfile('office-tower', EQUIPMENT_TYPES);
const { topology } = buildModel(profile, EQUIPMENT_TYPES);
const zones = topology.zones.length;
// 2025-07-14 (a Monday) and 2025-07-20 (a Sunday), as days since 1970-01-01; local hours stand in for time
const MONDAY = 20283;
const SUNDAY = MONDAY + 6;

/** Sensor states and people of every zone through one local day at 1-minute steps. */
function day(dayIndex: number, workday: boolean) {
  const presence = new ZonePresence(topology, 1);
  const s = newScheduleState();
  s.workday = workday;
  const on: number[][] = [];
  const people: number[][] = [];
  for (let m = 0; m < 1440; m++) {
    s.hour = m / 60;
    presence.fill(dayIndex * 86_400_000 + m * 60_000, dayIndex, s);
    on.push(Array.from(presence.sensorOn));
    people.push(Array.from(presence.people));
  }
  return { on, people };
}

const share = (rows: number[][], from: number, to: number) => {
  let n = 0;
  let sum = 0;
  for (let m = from * 60; m < to * 60; m++) for (const v of rows[m]!) n++, (sum += v);
  return sum / n;
};

describe('zone presence and occupancy sensors', () => {
  it('sees nobody at night but guards and cleaners, and changes state rarely', () => {
    const { on, people } = day(MONDAY, true);
    // three rounds a night, a few minutes per floor plus the sensors' 15-minute hold
    expect(share(on, 1, 5)).toBeLessThan(0.15);
    // the earliest tenants arrive from 04:00
    expect(share(people, 1, 4)).toBe(0);
    let changes = 0;
    for (let m = 60; m < 300; m++) for (let z = 0; z < zones; z++) changes += Number(on[m]![z] !== on[m - 1]![z]);
    // each guard pass switches a sensor on once and off once
    expect(changes / zones).toBeLessThanOrEqual(4);
  });

  it('cleans every zone once on a working evening, in a block of 15–35 minutes', () => {
    const { people } = day(MONDAY, true);
    for (let z = 0; z < zones; z++) {
      let minutes = 0;
      for (let m = 18.5 * 60; m < 23 * 60; m++) if (people[m]![z]! >= 1 && people[m - 1]![z]! >= 1) minutes++;
      expect(minutes).toBeGreaterThanOrEqual(14);
    }
  });

  it('keeps most zones empty on a Sunday', () => {
    const { on } = day(SUNDAY, false);
    expect(share(on, 0, 24)).toBeLessThan(0.15);
    expect(share(on, 10, 16)).toBeLessThan(0.3);
  });

  it('reads occupied in almost every zone at mid-morning on a working day', () => {
    const { on } = day(MONDAY, true);
    expect(share(on, 10, 12)).toBeGreaterThan(0.9);
  });

  it('gives the same state at an instant whatever came before (pure in time)', () => {
    const a = new ZonePresence(topology, 1);
    const b = new ZonePresence(topology, 1);
    const s = newScheduleState();
    s.workday = true;
    s.hour = 20.25;
    b.fill(MONDAY * 86_400_000, MONDAY - 3, { ...s, hour: 3 });
    a.fill(MONDAY * 86_400_000 + 20.25 * 3_600_000, MONDAY, s);
    b.fill(MONDAY * 86_400_000 + 20.25 * 3_600_000, MONDAY, s);
    expect(Array.from(b.sensorOn)).toEqual(Array.from(a.sensorOn));
    expect(Array.from(b.litShare)).toEqual(Array.from(a.litShare));
  });
});
