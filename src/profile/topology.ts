import type { Profile, ZoneName } from './schema.js';
import type { EquipType, PointTemplate } from './point-template.js';
import { vavPoints } from './equipment/vav.js';
import { ahuPoints } from './equipment/ahu.js';
import { chillerPoints } from './equipment/chiller.js';
import { coolingTowerPoints } from './equipment/cooling-tower.js';
import { chilledWaterPlantPoints } from './equipment/chilled-water-plant.js';
import { boilerPoints } from './equipment/boiler.js';
import { luminairePoints } from './equipment/luminaire.js';
import { elecMeterPoints, floorElecMeterPoints, gasMeterPoints, waterMeterPoints } from './equipment/meters.js';
import { weatherStationPoints } from './equipment/weather-station.js';

/** One hvac zone: a floor's orientation, served by one VAV box. */
export interface ZoneNode {
  readonly index: number;
  readonly id: string;
  readonly dis: string;
  readonly floor: number;
  readonly name: ZoneName;
  readonly areaFt2: number;
  /** exterior wall area facing the zone's orientation, ft² (0 for core zones) */
  readonly facadeFt2: number;
  readonly ahuIndex: number;
}

/** One piece of equipment (or the weather station) and the points it owns. */
export interface EquipNode {
  readonly id: string;
  readonly dis: string;
  readonly type: EquipType;
  /** position among equips of its type: VAV i serves zone i, floor meter i meters floor i+1 */
  readonly index: number;
  readonly floor?: number;
  readonly points: readonly PointTemplate[];
}

/**
 * The building as the engine sees it: the profile's sections expanded into
 * zones and equipment in a fixed order. Both the Haystack model and the
 * simulation are derived from this one expansion, so they cannot disagree.
 */
export interface Topology {
  readonly profile: Profile;
  readonly zones: readonly ZoneNode[];
  readonly equips: readonly EquipNode[];
}

const ZONE_LABEL: Record<ZoneName, string> = { north: 'North', south: 'South', east: 'East', west: 'West', core: 'Core' };

export const floorId = (floor: number) => `space-floor-${floor}`;
export const zoneId = (floor: number, zone: ZoneName) => `space-zone-${floor}-${zone}`;
export const vavId = (floor: number, zone: ZoneName) => `equip-vav-${floor}-${zone}`;
export const luminaireId = (floor: number) => `equip-lighting-${floor}`;
export const floorMeterId = (floor: number) => `meter-floor-${floor}-electric`;
export const pointId = (equipId: string, key: string) => `${equipId}.${key}`;

export function buildTopology(profile: Profile): Topology {
  const { floors } = profile;
  const floorArea = profile.site.area / floors.count;
  const perimeterZones = floors.zones.filter((z) => z !== 'core').length;
  // a square floor plate: each perimeter zone owns one façade side
  const side = Math.sqrt(floorArea);
  const zones: ZoneNode[] = [];
  const equips: EquipNode[] = [];
  const ahuOfFloor = (floor: number) => profile.ahus.findIndex((a) => floor >= a.floors[0] && floor <= a.floors[1]);

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
        ahuIndex: ahuOfFloor(floor),
      });
    }
  }
  const vavTemplates = vavPoints(profile.vav.reheat);
  for (const zone of zones) {
    const letter = ZONE_LABEL[zone.name][0];
    equips.push({
      id: vavId(zone.floor, zone.name),
      dis: `VAV-${zone.floor}${letter} Floor ${zone.floor} ${ZONE_LABEL[zone.name]}`,
      type: 'vav',
      index: zone.index,
      floor: zone.floor,
      points: vavTemplates,
    });
  }
  profile.ahus.forEach((ahu, index) => equips.push({ id: ahu.id, dis: ahu.dis, type: 'ahu', index, points: ahuPoints }));
  equips.push({ id: profile.plant.id, dis: profile.plant.dis, type: 'chilledWaterPlant', index: 0, points: chilledWaterPlantPoints });
  profile.plant.chillers.forEach((c, index) => equips.push({ id: c.id, dis: c.dis, type: 'chiller', index, points: chillerPoints }));
  const tower = profile.plant.coolingTower;
  equips.push({ id: tower.id, dis: tower.dis, type: 'coolingTower', index: 0, points: coolingTowerPoints });
  equips.push({ id: profile.boiler.id, dis: profile.boiler.dis, type: 'boiler', index: 0, points: boilerPoints });
  for (let floor = 1; floor <= floors.count; floor++) {
    equips.push({
      id: luminaireId(floor),
      dis: `Floor ${floor} Lighting`,
      type: 'luminaire',
      index: floor - 1,
      floor,
      points: luminairePoints,
    });
  }
  const { meters } = profile;
  equips.push({ id: meters.electric.id, dis: meters.electric.dis, type: 'elecMeter', index: 0, points: elecMeterPoints });
  if (meters.floorSubmeters) {
    for (let floor = 1; floor <= floors.count; floor++) {
      equips.push({
        id: floorMeterId(floor),
        dis: `Floor ${floor} Electric Sub-meter`,
        type: 'floorElecMeter',
        index: floor - 1,
        floor,
        points: floorElecMeterPoints,
      });
    }
  }
  equips.push({ id: meters.gas.id, dis: meters.gas.dis, type: 'gasMeter', index: 0, points: gasMeterPoints });
  equips.push({ id: meters.water.id, dis: meters.water.dis, type: 'waterMeter', index: 0, points: waterMeterPoints });
  const station = profile.weather.station;
  equips.push({ id: station.id, dis: station.dis, type: 'weatherStation', index: 0, points: weatherStationPoints });
  return { profile, zones, equips };
}
