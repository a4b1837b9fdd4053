import type { SiteProfile, ZoneName } from '../profile/schema.js';
import type { PointTemplate } from './point-template.js';

/** The building-wide settings the simulation reads: the profile's site, climate, schedule, loads and quality sections. */
export type SiteSpec = Pick<SiteProfile, 'site' | 'weather' | 'occupancy' | 'zoneControl' | 'floors' | 'campus' | 'loads' | 'quality'>;

/** One hvac zone: a floor's orientation. */
export interface ZoneNode {
  readonly index: number;
  readonly id: string;
  readonly dis: string;
  readonly floor: number;
  readonly name: ZoneName;
  readonly areaFt2: number;
  /** exterior wall area facing the zone's orientation, ft² (0 for core zones) */
  readonly facadeFt2: number;
}

/** Manufacturer, model and install date as the profile gives them. */
export interface Nameplate {
  readonly manufacturer?: string;
  readonly model?: string;
  readonly installed?: string;
}

/** An equipment type as the topology knows it: by its Haystack def name. */
export interface EquipKind {
  readonly name: string;
}

/** One piece of equipment (or the weather station) and the points it owns. */
export interface EquipNode<Config = unknown> {
  readonly id: string;
  readonly dis: string;
  /** name of its equipment type, e.g. `chiller` */
  readonly type: string;
  /** position among equips of its type: VAV i serves zone i, floor meter i meters floor i+1 */
  readonly index: number;
  /** position in `Topology.equips`: fault columns and quality groups are indexed by it */
  readonly position: number;
  readonly floor?: number;
  readonly nameplate?: Nameplate;
  /** id of the equipment whose controller network carries this one (an AHU's trunk carries its VAV boxes) */
  readonly trunk?: string;
  /** the typed parameters its equipment type reads (its profile section, resolved) */
  readonly config: Config;
  readonly points: readonly PointTemplate[];
}

/**
 * The building as the engine sees it: the profile's sections expanded into
 * zones and equipment in a fixed order (the registry's), and the equipment
 * types it was expanded with. Both the Haystack model and the simulation are
 * derived from this one expansion, so they cannot disagree.
 */
export interface Topology<Kind extends EquipKind = EquipKind> {
  readonly site: SiteSpec;
  readonly zones: readonly ZoneNode[];
  readonly equips: readonly EquipNode[];
  readonly types: readonly Kind[];
}

const ZONE_LABEL: Record<ZoneName, string> = { north: 'North', south: 'South', east: 'East', west: 'West', core: 'Core' };

export const zoneLabel = (name: ZoneName) => ZONE_LABEL[name];
export const floorId = (floor: number) => `space-floor-${floor}`;
export const pointId = (equipId: string, key: string) => `${equipId}.${key}`;
const zoneId = (floor: number, zone: ZoneName) => `space-zone-${floor}-${zone}`;

/** An equipment type, typed by the config its expansion gives each equipment. */
interface KindOf<Config> extends EquipKind {
  expand?(...args: never[]): readonly { readonly config: Config }[];
}

/** The equipment of one type, in topology order (its index order), typed by the type's config. */
export function equipsOf<Config = unknown>(topology: Pick<Topology, 'equips'>, kind: KindOf<Config>): EquipNode<Config>[] {
  return topology.equips.filter((e) => e.type === kind.name) as EquipNode<Config>[];
}

/** The single equipment of a one-off type (plant, boiler, main meters), if the building has it. */
export function oneOf<Config = unknown>(topology: Pick<Topology, 'equips'>, kind: KindOf<Config>): EquipNode<Config> | undefined {
  return equipsOf<Config>(topology, kind)[0];
}

/** The zones of every floor: a square floor plate whose perimeter zones each own one façade side. */
export function buildZones(site: SiteSpec): ZoneNode[] {
  const { floors } = site;
  const floorArea = site.site.area / floors.count;
  const perimeterZones = floors.zones.filter((z) => z !== 'core').length;
  const side = Math.sqrt(floorArea);
  const zones: ZoneNode[] = [];
  for (let floor = 1; floor <= floors.count; floor++) {
    for (const name of floors.zones) {
      zones.push({
        index: zones.length,
        id: zoneId(floor, name),
        dis: `Floor ${floor} ${ZONE_LABEL[name]} Zone`,
        floor,
        name,
        areaFt2: floorArea / floors.zones.length,
        facadeFt2: name === 'core' || perimeterZones === 0 ? 0 : side * floors.heightFt,
      });
    }
  }
  return zones;
}
