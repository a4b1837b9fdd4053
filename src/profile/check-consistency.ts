import type { Profile } from './schema.js';

export interface RawProblem {
  pathParts: (string | number)[];
  /** point at the key itself (unknown keys), not its value */
  atKey?: boolean;
  path: string;
  message: string;
}

/** Rules that span fields: what a schema of single values cannot say. */
export function checkProfileConsistency(profile: Profile): RawProblem[] {
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

  const floors = profile.floors.count;
  const served = new Array<string | undefined>(floors + 1);
  profile.ahus.forEach((ahu, i) => {
    const [first, last] = ahu.floors;
    if (first > last || last > floors) {
      add(['ahus', i, 'floors'], `expected [first, last] within 1..${floors}, found [${first}, ${last}]`);
      return;
    }
    for (let f = first; f <= last; f++) {
      if (served[f]) add(['ahus', i, 'floors'], `floor ${f} is already served by ${served[f]}`);
      served[f] = ahu.id;
    }
  });
  for (let f = 1; f <= floors; f++) {
    if (!served[f] && problems.length === 0) add(['ahus'], `floor ${f} is served by no AHU; every floor needs one`);
  }
  const leads = profile.plant.chillers.filter((c) => c.role === 'lead').length;
  if (leads !== 1) add(['plant', 'chillers'], `expected exactly one chiller with role "lead", found ${leads}`);

  const zoneNames = profile.floors.zones;
  if (new Set(zoneNames).size !== zoneNames.length) add(['floors', 'zones'], 'zone names must be unique');

  const ids = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]) => {
    const other = ids.get(id);
    if (other) add(path, `id "${id}" is already used by ${other}`);
    else ids.set(id, path.join('.'));
  };
  claim(profile.site.id, ['site', 'id']);
  claim(profile.weather.station.id, ['weather', 'station', 'id']);
  profile.ahus.forEach((a, i) => claim(a.id, ['ahus', i, 'id']));
  claim(profile.plant.id, ['plant', 'id']);
  profile.plant.chillers.forEach((c, i) => claim(c.id, ['plant', 'chillers', i, 'id']));
  claim(profile.plant.coolingTower.id, ['plant', 'coolingTower', 'id']);
  claim(profile.boiler.id, ['boiler', 'id']);
  claim(profile.meters.electric.id, ['meters', 'electric', 'id']);
  claim(profile.meters.gas.id, ['meters', 'gas', 'id']);
  claim(profile.meters.water.id, ['meters', 'water', 'id']);

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
  if (!isValidZone(profile.site.timeZone))
    add(['site', 'timeZone'], `unknown IANA time zone "${profile.site.timeZone}", e.g. America/New_York`);
  const epoch = Date.parse(profile.simulation.epoch);
  if (Number.isNaN(epoch)) add(['simulation', 'epoch'], 'expected an ISO 8601 date-time such as 2025-01-01T00:00:00Z');
  // noise is keyed by Unix seconds as an unsigned 32-bit counter
  else if (epoch < 0) add(['simulation', 'epoch'], `expected 1970-01-01 or later, found ${profile.simulation.epoch}`);
  return problems;
}

function isValidZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
