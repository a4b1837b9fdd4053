import { isValidTimeZone } from './clock.js';

/**
 * Haystack's `tz` tag is the IANA city (`New_York`, `Kolkata`); the full zone name, or UTC when unknown or absent.
 * The city is tried under each region Intl lists: Intl lists only canonical names (`Asia/Calcutta`) but accepts
 * the current ones (`Asia/Kolkata`), which are what PostgreSQL and the tz database call them.
 */
export function ianaTimeZone(tz: string | undefined): string {
  if (!tz) return 'UTC';
  const zones = Intl.supportedValuesOf('timeZone');
  if (zones.includes(tz) || (tz.includes('/') && isValidTimeZone(tz))) return tz;
  const regions = [...new Set(zones.map((z) => z.split('/')[0]))];
  return regions.map((r) => `${r}/${tz}`).find(isValidTimeZone) ?? zones.find((z) => z.endsWith(`/${tz}`)) ?? 'UTC';
}
