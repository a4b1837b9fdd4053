// Every output writes these strings as they are, so CSV and PostgreSQL hold the same text.
import { MS_PER_DAY } from '../../time/clock.js';

/** integer cents → `1234.50` (money is computed in cents so sums are exact) */
export function money(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`money needs whole cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** a decimal with a fixed number of places, e.g. decimal(0.0825, 4) → `0.0825` */
export function decimal(value: number, places: number): string {
  return value.toFixed(places);
}

/** days since 1970-01-01 → `2024-03-05` */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** epoch ms of the business's local wall-clock time → `2024-03-05 14:30:00` (timestamp without time zone) */
export function isoTimestamp(ms: number): string {
  const s = new Date(Math.floor(ms / 1000) * 1000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}
