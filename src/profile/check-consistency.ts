import { isPresent, type ProfileContributor, type ProfileFragment, readFragment } from './profile-fragments.js';
import type { Profile } from './schema.js';
import { isValidTimeZone } from '../time/clock.js';

export interface RawProblem {
  pathParts: (string | number)[];
  /** point at the key itself (unknown keys), not its value */
  atKey?: boolean;
  path: string;
  message: string;
}

/** Rules that span fields: what a schema of single values cannot say. */
export function checkProfileConsistency(profile: Profile, types: readonly ProfileContributor[]): RawProblem[] {
  const problems: RawProblem[] = [];
  const add = (pathParts: (string | number)[], message: string) =>
    problems.push({
      pathParts,
      path: pathParts
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .slice(1),
      message,
    });

  for (const { profile: fragment } of types)
    if (fragment && isPresent(profile, fragment)) fragment.check?.(readFragment(profile, fragment), profile, add);

  const zoneNames = profile.floors.zones;
  if (new Set(zoneNames).size !== zoneNames.length) add(['floors', 'zones'], 'zone names must be unique');

  const ids = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]) => {
    const other = ids.get(id);
    if (other) add(path, `id "${id}" is already used by ${other}`);
    else ids.set(id, path.join('.'));
  };
  claim(profile.site.id, ['site', 'id']);
  for (const { profile: fragment } of types) if (fragment && isPresent(profile, fragment)) claimFragmentIds(profile, fragment, claim);

  const hours = profile.occupancy.weekdayProfile.map(([h]) => h);
  if (hours.some((h, i) => i > 0 && h <= hours[i - 1]!)) {
    add(['occupancy', 'weekdayProfile'], 'expected hours in increasing order');
  }
  const zc = profile.zoneControl;
  if (zc.occupiedStart >= zc.occupiedEnd)
    add(['zoneControl', 'occupiedEnd'], `expected occupiedEnd after occupiedStart (${zc.occupiedStart})`);
  if (zc.unoccupiedHeatingSetpointF >= zc.unoccupiedCoolingSetpointF) {
    add(['zoneControl', 'unoccupiedHeatingSetpointF'], 'expected the heating setback below the cooling setback');
  }
  if (!isValidTimeZone(profile.site.timeZone))
    add(['site', 'timeZone'], `unknown IANA time zone "${profile.site.timeZone}", e.g. America/New_York`);
  const epoch = Date.parse(profile.simulation.epoch);
  if (Number.isNaN(epoch)) add(['simulation', 'epoch'], 'expected an ISO 8601 date-time such as 2025-01-01T00:00:00Z');
  // noise is keyed by Unix seconds as an unsigned 32-bit counter
  else if (epoch < 0) add(['simulation', 'epoch'], `expected 1970-01-01 or later, found ${profile.simulation.epoch}`);
  return problems;
}

/** Equipment ids must be unique: the `id` of a fragment's mapping, of each mapping it holds, or of each item of its lists. */
function claimFragmentIds(profile: Profile, fragment: ProfileFragment, claim: (id: string, path: (string | number)[]) => void): void {
  const section = readFragment(profile, fragment) as Record<string, unknown>;
  for (const [key, value] of Object.entries(section)) {
    const path = [...fragment.at, key];
    if (key === 'id' && typeof value === 'string') claim(value, path);
    else if (Array.isArray(value)) value.forEach((item, i) => claimIdOf(item, [...path, i], claim));
    else claimIdOf(value, path, claim);
  }
}

function claimIdOf(value: unknown, path: (string | number)[], claim: (id: string, path: (string | number)[]) => void): void {
  const id = (value as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string') claim(id, [...path, 'id']);
}
