// The simulated building as one of the service company's commercial customers:
// its HVAC equipment becomes installed devices (same Haystack ids) and the
// simulator's long equipment faults become repair calls at the times they happen.
import { type AnyEquipmentType, EQUIPMENT_TYPES } from '../../equipment/index.js';
import type { ServiceCategory } from '../../equipment/equipment-type.js';
import { buildTopology } from '../../model/build-topology.js';
import type { Profile } from '../../profile/schema.js';
import { QualityEvents } from '../../sim/quality-events.js';
import { LocalClock, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../../time/clock.js';
import { daysFromCivil } from '../../time/holidays.js';
import { hashString, uniform } from '../../random/rng.js';

/** What kind of catalogue entry a simulated equipment is (its type's `service.category`). */
export type LinkedCategory = ServiceCategory;

/**
 * A fault that the building's own staff could not clear: the equipment stayed
 * off this long. Terminal units are reset locally far more often, so only the
 * longest of their outages reach the contractor.
 */
const CONTRACTOR_FAULT_HOURS: Record<LinkedCategory, number> = {
  air_handler: 6,
  chiller: 6,
  boiler: 6,
  cooling_tower: 6,
  vav_terminal: 12,
};

export interface LinkedDevice {
  /** Haystack id of the simulated equipment, e.g. `equip-chiller-1` */
  readonly equipRef: string;
  readonly dis: string;
  readonly category: LinkedCategory;
  readonly brand: string;
  readonly model: string;
  /** days since 1970-01-01 */
  readonly installDay: number;
  /** nominal capacity, Btu/h */
  readonly capacityBtuh: number;
  /** rated efficiency from the design figures: a chiller's kW/ton, a boiler's percent; null for units without a rating */
  readonly efficiency: number | null;
}

/** A simulated fault that became a repair call; times are the site's local wall clock (ms). */
export interface LinkedRepair {
  readonly device: number;
  /** id of the ground-truth event in core.haysim_event */
  readonly eventRef: string;
  readonly faultStart: number;
  readonly requestedAt: number;
  readonly startedAt: number;
  /** the equipment runs again when the repair is done */
  readonly completedAt: number;
  readonly problem: string;
}

export interface LinkedSite {
  /** where the building comes from: the profile's name and the seed its telemetry was simulated with */
  readonly profile: string;
  readonly simSeed: number;
  readonly siteRef: string;
  readonly name: string;
  readonly streetAddress: string;
  readonly city: string;
  readonly state: string;
  readonly postalCode: string;
  /** gross floor area, ft² (what a service contract for the building is priced by) */
  readonly areaFt2: number;
  /** the account opens before the first device was installed */
  readonly createdAt: number;
  readonly devices: readonly LinkedDevice[];
  /** sorted by requestedAt */
  readonly repairs: readonly LinkedRepair[];
}

/** Local wall-clock window [from, to) in ms whose faults become calls. */
export interface LinkWindow {
  readonly from: number;
  readonly to: number;
}

/** The building's equipment with service facts (see each equipment type's `service`) become devices. */
export function linkBuilding(
  profile: Profile,
  simSeed: number,
  window: LinkWindow,
  types: readonly AnyEquipmentType[] = EQUIPMENT_TYPES,
): LinkedSite {
  const topology = buildTopology(profile, types);
  const clock = new LocalClock(profile.site.timeZone);
  const defaultInstall = daysFromCivil(profile.site.yearBuilt, 1, 1);
  const linked = topology.equips.flatMap((equip, index) => {
    const service = topology.types.find((t) => t.name === equip.type)?.service;
    return service ? [{ equip, index, service }] : [];
  });
  const devices: LinkedDevice[] = linked.map(({ equip, service }) => {
    const plate = equip.nameplate ?? {};
    return {
      equipRef: equip.id,
      dis: equip.dis,
      category: service.category,
      brand: plate.manufacturer ?? 'Unknown',
      model: plate.model ?? equip.dis,
      installDay: plate.installed ? Date.parse(`${plate.installed}T00:00:00Z`) / MS_PER_DAY : defaultInstall,
      capacityBtuh: service.capacityBtuh(equip, topology),
      efficiency: service.efficiency?.(equip) ?? null,
    };
  });
  const deviceOfEquip = new Map(linked.map((l, d) => [l.index, d]));

  // fault windows are UTC instants; widen the query by a day so local-time edges are covered
  const events = new QualityEvents(topology, simSeed).faultsBetween(window.from - MS_PER_DAY, window.to + MS_PER_DAY);
  const repairs: LinkedRepair[] = [];
  for (const { event, equips } of events) {
    const device = deviceOfEquip.get(equips[0]!);
    // only equipment that shut down calls for a repair: a degradation that leaves the status ok (a stuck
    // damper, a biased sensor) goes unnoticed until someone's analytics finds it
    if (event.type !== 'fault' || event.params.kind !== 'equipment-off' || device === undefined) continue;
    const d = devices[device]!;
    if (event.end - event.start < CONTRACTOR_FAULT_HOURS[d.category] * MS_PER_HOUR) continue;
    const faultStart = clock.toLocalMs(event.start);
    const completedAt = clock.toLocalMs(event.end);
    const key = hashString(event.id);
    // the operator calls after 20–90 min of trying; on site within 1–3 h; the fix takes the rest
    const requestedAt = roundToMinute(faultStart + (20 + 70 * uniform(simSeed, key, 1)) * MS_PER_MINUTE);
    const startedAt = Math.min(
      roundToMinute(requestedAt + (1 + 2 * uniform(simSeed, key, 2)) * MS_PER_HOUR),
      completedAt - 30 * MS_PER_MINUTE,
    );
    if (requestedAt < window.from || requestedAt >= window.to) continue;
    repairs.push({
      device,
      eventRef: event.id,
      faultStart,
      requestedAt,
      startedAt,
      completedAt,
      problem: `${d.dis} shut down on a fault (simulated event ${event.id}); building staff could not restart it`,
    });
  }
  repairs.sort((a, b) => a.requestedAt - b.requestedAt || a.device - b.device);

  const site = profile.site;
  return {
    profile: profile.name,
    simSeed,
    siteRef: site.id,
    name: site.dis,
    ...splitAddress(site.geoAddr, site.geoCity, site.geoState),
    areaFt2: site.area,
    createdAt: (Math.min(...devices.map((d) => d.installDay), defaultInstall) - 30) * MS_PER_DAY + 9 * MS_PER_HOUR,
    devices,
    repairs,
  };
}

const roundToMinute = (ms: number) => Math.round(ms / MS_PER_MINUTE) * MS_PER_MINUTE;

/** `123 Business St, Metro City, State 12345` → parts; the profile's city/state win where given. */
function splitAddress(geoAddr: string | undefined, city: string | undefined, state: string | undefined) {
  const parts = (geoAddr ?? '').split(',').map((p) => p.trim());
  const zip = /(\d{5})(?:-\d{4})?\s*$/.exec(parts[2] ?? '')?.[1] ?? '00000';
  return {
    streetAddress: parts[0] || 'unknown',
    city: city ?? parts[1] ?? 'unknown',
    state: state ?? (parts[2] ?? '').replace(/\d.*$/, '').trim(),
    postalCode: zip,
  };
}
