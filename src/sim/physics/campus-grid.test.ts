import { describe, expect, it } from 'vitest';
import { campusSchema } from '../../profile/campus-schema.js';
import { daysFromCivil, holidayCalendar } from '../../time/holidays.js';
import { GridOutages, ShiftPattern } from './campus-grid.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const IST = 5.5 * 3_600_000;
const spec = {
  starts: [6, 14, 22],
  weekday: [1, 0.95, 0.7],
  saturday: [0.9, 0.8, 0.4],
  sunday: [0.3, 0.2, 0.1],
  shutdownsPerYear: 0,
  shutdownDays: 3,
};
const shifts = new ShiftPattern(spec, 1, holidayCalendar('india-maharashtra'));

/** Production at local wall-clock time `hour` of local day `day`. */
const at = (day: number, hour: number) => shifts.level(hour, day, day * DAY - IST + hour * 3_600_000);

describe('campus shift pattern', () => {
  it('never moves more than a tenth of full output in a minute: lines start and stop over the handover', () => {
    const first = daysFromCivil(2025, 1, 1);
    let worst = 0;
    for (let m = 1; m < 70 * 1440; m++) {
      const d0 = first + Math.floor((m - 1) / 1440);
      const d1 = first + Math.floor(m / 1440);
      const step = Math.abs(at(d1, (m % 1440) / 60) - at(d0, ((m - 1) % 1440) / 60));
      worst = Math.max(worst, step);
    }
    // a 0.6 step from Sunday's night shift to Monday's, or from the night before a holiday, would be caught here
    expect(worst).toBeLessThan(0.1);
    expect(worst).toBeGreaterThan(0.01);
  });

  it('runs a night shift at the level of the day it started on, through midnight', () => {
    // 2025-05-11 is a Sunday: its 22:00 shift runs at Sunday's 0.1 until Monday's 06:00 shift takes over
    const sunday = daysFromCivil(2025, 5, 11);
    expect(at(sunday + 1, 2)).toBeLessThan(0.15);
    expect(at(sunday + 1, 10)).toBeGreaterThan(0.75);
    // Friday's night shift (0.7) runs into Saturday morning, whose own night shift is 0.4
    expect(at(sunday - 1, 2)).toBeGreaterThan(0.55);
    expect(at(sunday, 2)).toBeLessThan(0.5);
  });

  it('stops for a holiday from its first shift to the next working day’s first shift', () => {
    const republicDay = daysFromCivil(2025, 1, 26);
    // the eve's night shift runs into the holiday's early hours; nothing runs on its shifts, its night included
    expect(at(republicDay, 2)).toBeGreaterThan(0);
    for (const h of [7, 12, 18, 23]) expect(at(republicDay, h)).toBe(0);
    expect(at(republicDay + 1, 2)).toBe(0);
    expect(at(republicDay + 1, 10)).toBeGreaterThan(0.75);
  });
});

describe('campus grid outages', () => {
  it("count an ATS's transfers: one at each outage's start, one back once the grid has held for the retransfer delay", () => {
    const spec = campusSchema.shape.grid.parse(undefined);
    const grid = new GridOutages(spec, 7);
    const back = spec.retransferMinutes * MINUTE;
    expect(back).toBeGreaterThan(0);
    const installed = daysFromCivil(2016, 3, 9);
    const from = daysFromCivil(2025, 6, 1) * DAY - IST;
    // every outage from the install day to the month's start, counted one by one
    let before = 0;
    for (let d = installed; d * DAY - IST < from; d++)
      for (const o of grid.onDay(d)) before += (o.start <= from ? 1 : 0) + (o.end + back <= from ? 1 : 0);
    expect(grid.transfersSince(installed, from)).toBe(before);
    expect(before).toBeGreaterThan(100);
    // through June minute by minute: the count moves by one exactly where the bus goes to the DG set or returns
    const onDg = (t: number) => {
      const last = grid.lastBefore(t);
      return grid.at(t) !== undefined || (last !== undefined && t < last.end + back);
    };
    let count = before;
    let dg = onDg(from);
    for (let t = from + MINUTE; t < from + 30 * DAY; t += MINUTE) {
      const nowDg = onDg(t);
      const n = grid.transfersSince(installed, t);
      expect(n - count).toBe(nowDg === dg ? 0 : 1);
      count = n;
      dg = nowDg;
    }
    expect(count - before).toBeGreaterThan(4);
  });
});
