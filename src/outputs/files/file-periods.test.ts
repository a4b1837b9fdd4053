import { describe, expect, it } from 'vitest';
import { LocalClock } from '../../time/clock.js';
import { periodOf, periodsIn, splitByPeriod } from './file-periods.js';

const HOUR = 3_600_000;

/** The local calendar date of an instant, by Intl (independent of LocalClock). */
const localDate = (t: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);

describe('file periods on the site’s local calendar', () => {
  for (const [timeZone, from] of [
    ['America/New_York', Date.UTC(2025, 2, 7)], // spring forward on 2025-03-09
    ['America/New_York', Date.UTC(2025, 9, 31)], // fall back on 2025-11-02, across a month's end
    ['Asia/Kolkata', Date.UTC(2025, 4, 30)], // +05:30 across a month's end
  ] as const) {
    it(`every instant's ${timeZone} date and month are its periods' keys, from ${new Date(from).toISOString()}`, () => {
      const clock = new LocalClock(timeZone);
      const timestamps = Float64Array.from({ length: 4 * 24 * 5 }, (_, i) => from + i * 15 * 60_000);
      for (const kind of ['date', 'month'] as const) {
        for (const { period, k0, k1 } of splitByPeriod(kind, timestamps, clock)) {
          for (let k = k0; k < k1; k++) expect(localDate(timestamps[k]!, timeZone).slice(0, kind === 'date' ? 10 : 7)).toBe(period.key);
          // a period starts at its local midnight: the instant before is another day
          expect(localDate(period.start, timeZone).slice(0, kind === 'date' ? 10 : 7)).toBe(period.key);
          expect(localDate(period.start - 1, timeZone).slice(0, kind === 'date' ? 10 : 7)).not.toBe(period.key);
        }
      }
    });
  }

  it('New York days around the DST changes last 23 and 25 hours; a Pune day starts at 18:30 UTC', () => {
    const ny = new LocalClock('America/New_York');
    const hours = (t: number) => {
      const p = periodOf('date', t, ny);
      return (p.end - p.start) / HOUR;
    };
    expect(hours(Date.UTC(2025, 2, 9, 12))).toBe(23);
    expect(hours(Date.UTC(2025, 10, 2, 12))).toBe(25);
    expect(periodsIn('date', Date.UTC(2025, 2, 8, 12), Date.UTC(2025, 2, 10, 12), ny).map((p) => p.key)).toEqual([
      '2025-03-08',
      '2025-03-09',
      '2025-03-10',
    ]);
    const pune = periodOf('month', Date.UTC(2025, 4, 31, 19), new LocalClock('Asia/Kolkata'));
    expect(pune).toEqual({ key: '2025-06', start: Date.UTC(2025, 4, 31, 18, 30), end: Date.UTC(2025, 5, 30, 18, 30) });
  });
});
