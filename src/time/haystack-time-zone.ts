/** Haystack's `tz` tag is the IANA city (`New_York`, `Kolkata`); the full zone name, or UTC when unknown or absent. */
export function ianaTimeZone(tz: string | undefined): string {
  if (!tz) return 'UTC';
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.find((z) => z === tz) ?? zones.find((z) => z.endsWith(`/${tz}`)) ?? 'UTC';
}
