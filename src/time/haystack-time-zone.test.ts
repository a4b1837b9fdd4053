import { expect, it } from 'vitest';
import { ianaTimeZone } from './haystack-time-zone.js';

it('maps Haystack tz cities to the zone names PostgreSQL knows, Kolkata included (Intl lists it as Calcutta)', () => {
  expect(['New_York', 'Kolkata', 'Asia/Kolkata', 'London', 'UTC'].map(ianaTimeZone)).toEqual([
    'America/New_York',
    'Asia/Kolkata',
    'Asia/Kolkata',
    'Europe/London',
    'UTC',
  ]);
  // the offsets agree: IST is UTC+05:30 all year
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: ianaTimeZone('Kolkata'), hour: '2-digit', minute: '2-digit' });
  expect(hour.format(Date.UTC(2023, 1, 1, 0, 0))).toBe('05:30');
  expect([undefined, '', 'Atlantis'].map(ianaTimeZone)).toEqual(['UTC', 'UTC', 'UTC']);
});
