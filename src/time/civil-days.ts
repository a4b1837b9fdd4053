// Calendar arithmetic on day numbers (whole days since 1970-01-01, no zone): what a dataset that
// counts in local calendar days needs beyond the civil conversions in holidays.ts.
import { civilFromDays, daysFromCivil, daysInMonth, packedDay, packedMonth, packedYear, weekdayOfDays } from './holidays.js';

export function isWeekend(day: number): boolean {
  const w = weekdayOfDays(day);
  return w === 0 || w === 6;
}

export function yearOf(day: number): number {
  return packedYear(civilFromDays(day));
}

/** Day of the year, 0-based. */
export function dayOfYear(day: number): number {
  return day - daysFromCivil(yearOf(day), 1, 1);
}

/**
 * day + n calendar months, clamped to the end of a shorter month, exactly as
 * PostgreSQL's `date + n * interval '1 month'` (Jan 31 + 1 month = Feb 28/29).
 */
export function addMonths(day: number, months: number): number {
  const civil = civilFromDays(day);
  const m = packedMonth(civil) - 1 + months;
  const year = packedYear(civil) + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  return daysFromCivil(year, month, Math.min(packedDay(civil), daysInMonth(year, month)));
}
