import { HCoord, HDate, HDict, HMarker, HNum, HRef, HStr, type HVal } from 'haystack-core';
import type { PointInfo } from '../model/point.js';
import type { SiteModel } from '../model/site-model.js';
import type { Profile } from './schema.js';
import { isWritable } from './point-template.js';
import { buildTopology, floorId, pointId, type EquipNode, type Topology } from './topology.js';

/** Haystack `tz` names are the IANA city part: `America/New_York` → `New_York`. */
export function haystackTz(timeZone: string): string {
  return timeZone.slice(timeZone.lastIndexOf('/') + 1);
}

type TagValues = Record<string, HVal | undefined>;

function markers(names: string): TagValues {
  return Object.fromEntries(
    names
      .split(/\s+/)
      .filter(Boolean)
      .map((n) => [n, HMarker.make()]),
  );
}

function dict(tags: TagValues): HDict {
  return HDict.make(Object.fromEntries(Object.entries(tags).filter(([, v]) => v !== undefined)) as Record<string, HVal>);
}

const ref = (id: string, dis?: string) => HRef.make(id, dis);
const nameplate = (np: { manufacturer?: string; model?: string; installed?: string }): TagValues => ({
  manufacturer: np.manufacturer ? HStr.make(np.manufacturer) : undefined,
  model: np.model ? HStr.make(np.model) : undefined,
  installDate: np.installed ? HDate.make(np.installed) : undefined,
});

export interface BuiltModel {
  readonly model: SiteModel;
  readonly topology: Topology;
}

/** Expands a validated profile into Haystack 4 entities and the point table. */
export function buildModel(profile: Profile): BuiltModel {
  const topology = buildTopology(profile);
  const { site } = profile;
  const siteRef = ref(site.id, site.dis);
  const tz = HStr.make(haystackTz(site.timeZone));
  const entities: HDict[] = [];

  entities.push(
    dict({
      id: siteRef,
      dis: HStr.make(site.dis),
      ...markers('site'),
      area: HNum.make(site.area, 'ft²'),
      geoAddr: site.geoAddr ? HStr.make(site.geoAddr) : undefined,
      geoCity: site.geoCity ? HStr.make(site.geoCity) : undefined,
      geoState: site.geoState ? HStr.make(site.geoState) : undefined,
      geoCountry: site.geoCountry ? HStr.make(site.geoCountry) : undefined,
      geoCoord: HCoord.make({ latitude: site.latitude, longitude: site.longitude }),
      tz,
      yearBuilt: HNum.make(site.yearBuilt),
      primaryFunction: HStr.make(site.primaryFunction),
      weatherStationRef: ref(profile.weather.station.id, profile.weather.station.dis),
    }),
  );
  for (let floor = 1; floor <= profile.floors.count; floor++) {
    entities.push(
      dict({
        id: ref(floorId(floor), `Floor ${floor}`),
        dis: HStr.make(`Floor ${floor}`),
        ...markers('floor space'),
        floorNum: HNum.make(floor),
        siteRef,
      }),
    );
  }
  for (const zone of topology.zones) {
    entities.push(
      dict({
        id: ref(zone.id, zone.dis),
        dis: HStr.make(zone.dis),
        ...markers('hvac zone space'),
        area: HNum.make(Math.round(zone.areaFt2), 'ft²'),
        spaceRef: ref(floorId(zone.floor)),
        siteRef,
      }),
    );
  }
  for (const equip of topology.equips) entities.push(equipEntity(profile, topology, equip, siteRef));

  const points: PointInfo[] = [];
  const pointEntities: HDict[] = [];
  for (const equip of topology.equips) {
    const isStation = equip.type === 'weatherStation';
    for (const template of equip.points) {
      const id = pointId(equip.id, template.key);
      const dis = `${equip.dis} ${template.dis}`;
      points.push({
        index: -1,
        id,
        key: template.key,
        dis,
        equipId: equip.id,
        siteId: site.id,
        kind: template.kind,
        unit: template.unit,
        decimals: template.decimals,
        totalized: template.totalized === true,
      });
      pointEntities.push(
        dict({
          id: ref(id, dis),
          dis: HStr.make(dis),
          navName: HStr.make(template.key),
          ...markers(`point his ${template.markers}`),
          ...(isWritable(template) ? markers('writable') : {}),
          ...(template.totalized ? markers('hisTotalized') : {}),
          kind: HStr.make(template.kind),
          unit: template.unit ? HStr.make(template.unit) : undefined,
          tz,
          equipRef: isStation ? undefined : ref(equip.id, equip.dis),
          weatherStationRef: isStation ? ref(equip.id, equip.dis) : undefined,
          siteRef,
        }),
      );
    }
  }
  // Sorted by id so every run, and every output, lists points in one order.
  const order = points.map((_, i) => i).sort((a, b) => compareIds(points[a]!.id, points[b]!.id));
  const sortedPoints = order.map((i, index) => ({ ...points[i]!, index }));
  entities.push(...pointEntities);
  entities.sort((a, b) => compareIds(idOf(a), idOf(b)));
  return { model: { profile: profile.name, timeZone: site.timeZone, entities, points: sortedPoints }, topology };
}

function equipEntity(profile: Profile, topology: Topology, equip: EquipNode, siteRef: HRef): HDict {
  const base: TagValues = { id: ref(equip.id, equip.dis), dis: HStr.make(equip.dis), siteRef };
  const floorRef = equip.floor ? ref(floorId(equip.floor)) : undefined;
  const plantRef = ref(profile.plant.id, profile.plant.dis);
  switch (equip.type) {
    case 'vav': {
      const zone = topology.zones[equip.index]!;
      const ahu = profile.ahus[zone.ahuIndex]!;
      return dict({
        ...base,
        ...markers(`vav equip ${profile.vav.reheat ? 'hotWaterHeating' : ''}`),
        airRef: ref(ahu.id, ahu.dis),
        spaceRef: ref(zone.id, zone.dis),
        hotWaterRef: profile.vav.reheat ? ref(profile.boiler.id, profile.boiler.dis) : undefined,
        ...nameplate(profile.vav),
      });
    }
    case 'ahu': {
      const ahu = profile.ahus[equip.index]!;
      return dict({ ...base, ...markers('ahu equip chilledWaterCooling variableAirVolume'), chilledWaterRef: plantRef, ...nameplate(ahu) });
    }
    case 'chilledWaterPlant':
      return dict({ ...base, ...markers('chilled water plant equip') });
    case 'chiller': {
      const c = profile.plant.chillers[equip.index]!;
      return dict({
        ...base,
        ...markers('chiller equip centrifugal condenserOpenLoop'),
        coolingCapacity: HNum.make(c.capacityTons, 'tonref'),
        chilledWaterRef: plantRef,
        ...nameplate(c),
      });
    }
    case 'coolingTower':
      return dict({ ...base, ...markers('coolingTower equip'), chilledWaterRef: plantRef, ...nameplate(profile.plant.coolingTower) });
    case 'boiler':
      return dict({ ...base, ...markers('hot water boiler equip naturalGas'), ...nameplate(profile.boiler) });
    case 'luminaire':
      return dict({ ...base, ...markers('luminaire equip lighting'), spaceRef: floorRef });
    case 'elecMeter':
      return dict({ ...base, ...markers('ac elec meter equip siteMeter'), ...nameplate(profile.meters.electric) });
    case 'floorElecMeter':
      return dict({
        ...base,
        ...markers('ac elec meter equip'),
        submeterOf: ref(profile.meters.electric.id, profile.meters.electric.dis),
        spaceRef: floorRef,
      });
    case 'gasMeter':
      return dict({ ...base, ...markers('naturalGas flow meter equip siteMeter'), ...nameplate(profile.meters.gas) });
    case 'waterMeter':
      return dict({ ...base, ...markers('domestic water flow meter equip siteMeter'), ...nameplate(profile.meters.water) });
    case 'weatherStation':
      return dict({
        ...base,
        ...markers('weatherStation'),
        geoCoord: HCoord.make({ latitude: profile.site.latitude, longitude: profile.site.longitude }),
      });
  }
}

function idOf(d: HDict): string {
  return (d.get('id') as HRef).value;
}

/** Natural order so `equip-vav-2-north` sorts before `equip-vav-10-north`. */
export function compareIds(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    // odd positions are the digit runs
    if (i % 2 === 1) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
