import { HCoord, HNum, HStr, type HDict, type HRef } from 'haystack-core';
import type { Profile } from '../profile/schema.js';
import { buildTopology, type AnyModelKind } from './build-topology.js';
import { campusPlan, campusSpaces } from './campus-plan.js';
import { dict, markers, refTo, strTags } from './haystack-tags.js';
import type { PointInfo } from './point.js';
import { historyLogging, isWritable } from './point-template.js';
import type { SiteModel } from './site-model.js';
import { type EquipNode, floorId, pointId, type Topology } from './topology.js';

/** Haystack `tz` names are the IANA city part: `America/New_York` → `New_York`. */
export function haystackTz(timeZone: string): string {
  return timeZone.slice(timeZone.lastIndexOf('/') + 1);
}

export interface BuiltModel<Kind extends AnyModelKind = AnyModelKind> {
  readonly model: SiteModel;
  readonly topology: Topology<Kind>;
}

const kindOf = (topology: Topology<AnyModelKind>, equip: EquipNode) => topology.types.find((k) => k.name === equip.type)!;

/** Expands a validated profile into Haystack 4 entities and the point table, with the equipment types of `types` (the registry). */
export function buildModel<Kind extends AnyModelKind>(profile: Profile, types: readonly Kind[]): BuiltModel<Kind> {
  const topology = buildTopology(profile, types);
  const { site } = profile;
  const siteRef = refTo(site)!;
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
      ...Object.assign({}, ...topology.equips.map((e) => kindOf(topology, e).siteTags?.(e))),
    }),
  );
  for (let floor = 1; floor <= profile.floors.count; floor++) {
    entities.push(
      dict({
        id: refTo({ id: floorId(floor), dis: `Floor ${floor}` }),
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
        id: refTo(zone),
        dis: HStr.make(zone.dis),
        ...markers('hvac zone space'),
        area: HNum.make(Math.round(zone.areaFt2), 'ft²'),
        spaceRef: refTo({ id: floorId(zone.floor) }),
        siteRef,
      }),
    );
  }
  // a campus's buildings and yards, where its equipment sits (`spaceRef`)
  if (profile.campus) {
    for (const space of campusSpaces(campusPlan(profile.campus))) {
      entities.push(dict({ id: refTo(space), dis: HStr.make(space.dis), ...markers('space'), siteRef }));
    }
  }
  for (const equip of topology.equips) {
    entities.push(dict({ id: refTo(equip), dis: HStr.make(equip.dis), siteRef, ...kindOf(topology, equip).tags(equip, topology) }));
  }

  const points: PointInfo[] = [];
  const pointEntities: HDict[] = [];
  for (const equip of topology.equips) {
    const refTag = kindOf(topology, equip).pointRefTag ?? 'equipRef';
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
        ...(template.rateKey ? { rateKey: template.rateKey } : {}),
        ...(template.countsRises ? { countsRises: true } : {}),
        ...(template.registerStart ? { registerStart: template.registerStart } : {}),
      });
      pointEntities.push(
        dict({
          id: refTo({ id, dis }),
          dis: HStr.make(dis),
          navName: HStr.make(template.key),
          ...markers(`point his ${template.markers}`),
          ...strTags(template.tags ?? {}),
          ...(isWritable(template) ? markers('writable') : {}),
          ...(template.totalized ? markers('hisTotalized') : {}),
          // Haystack's hisMode: a point logged on change of value has gaps between rows by design
          hisMode: historyLogging(template, profile.quality.cov.points) === 'interval' ? undefined : HStr.make('cov'),
          kind: HStr.make(template.kind),
          unit: template.unit ? HStr.make(template.unit) : undefined,
          tz,
          [refTag]: refTo(equip),
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
