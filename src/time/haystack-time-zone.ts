/** Where Haystack's city names live in the IANA database, for a city the runtime lists under an older name. */
const REGIONS = ['America', 'Europe', 'Asia', 'Africa', 'Australia', 'Pacific', 'Atlantic', 'Indian', 'Antarctica'];

/** Haystack's `tz` tag is the IANA city (`New_York`, `Kolkata`); the full zone name, or UTC when unknown or absent. */
export function ianaTimeZone(tz: string | undefined): string {
  if (!tz) return 'UTC';
  const zones = Intl.supportedValuesOf('timeZone');
  // ICU lists some zones by their old canonical name (Asia/Calcutta, not Asia/Kolkata) but accepts the new one
  return (
    zones.find((z) => z === tz) ?? zones.find((z) => z.endsWith(`/${tz}`)) ?? REGIONS.map((r) => `${r}/${tz}`).find(isTimeZone) ?? 'UTC'
  );
}

/** A zone name the runtime's Intl accepts (an alias such as Asia/Kolkata included). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
