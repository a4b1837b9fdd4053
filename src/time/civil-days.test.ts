import { describe, expect, it } from 'vitest';
import { addMonths, dayOfYear, isWeekend, yearOf } from './civil-days.js';

/** `YYYY-MM-DD` ↔ day number through Date, independently of the code under test. */
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

describe('civil days', () => {
  it('knows weekends, years and the day of the year', () => {
    expect(['2025-11-14', '2025-11-15', '2025-11-16', '2025-11-17'].map((d) => isWeekend(day(d)))).toEqual([false, true, true, false]);
    expect([yearOf(day('1969-12-31')), yearOf(day('1970-01-01')), yearOf(day('2024-12-31'))]).toEqual([1969, 1970, 2024]);
    expect([dayOfYear(day('2025-01-01')), dayOfYear(day('2024-12-31')), dayOfYear(day('2025-12-31'))]).toEqual([0, 365, 364]);
  });

  it('adds calendar months as PostgreSQL does, clamping to the end of a shorter month', () => {
    expect(iso(addMonths(day('2024-01-31'), 1))).toBe('2024-02-29');
    expect(iso(addMonths(day('2025-01-31'), 1))).toBe('2025-02-28');
    expect(iso(addMonths(day('2025-03-31'), -1))).toBe('2025-02-28');
    expect(iso(addMonths(day('2025-11-15'), 14))).toBe('2027-01-15');
    expect(iso(addMonths(day('2025-01-15'), -13))).toBe('2023-12-15');
  });
});
