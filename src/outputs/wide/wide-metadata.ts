import type { SiteModel } from '../../model/site-model.js';
import { entityId } from '../../model/site-model.js';
import { inheritsFrom } from '../../model/defs/haystack-vocabulary.js';
import type { WideTable } from './wide-names.js';

/** One row of `equipment_metadata`: what the model knows of a table's equipment. */
export interface EquipmentMetadata {
  readonly equipment_id: string;
  readonly table_name: string;
  readonly name: string | null;
  /** the most specific Haystack equip def among its markers (`chiller`, `vav`, `meter`), or `weatherStation` */
  readonly type: string;
  /** display name of the space or floor it serves or sits in */
  readonly location: string | null;
  readonly floor: number | null;
  /** nameplate numbers as text, `coolingCapacity 400 tonref` */
  readonly rating: string | null;
  /** the same numbers as {tag: {value, unit}} */
  readonly nameplate: Record<string, { value: number; unit: string | null }>;
  readonly manufacturer: string | null;
  readonly model: string | null;
  /** ISO date */
  readonly install_date: string | null;
  /** ids of the equipment this one supplies (air, water, electricity), by the others' refs to it */
  readonly feeds: string[];
  /** ids of the equipment this one's refs name as its supply (airRef, chilledWaterRef, hotWaterRef, submeterOf, ...) */
  readonly fed_by: string[];
}

type Json = Record<string, { _kind?: string; val?: unknown; unit?: string } | string | number | boolean | undefined>;

/** Refs that place an entity rather than say what supplies it. */
const NOT_SUPPLY = new Set(['id', 'siteRef', 'spaceRef', 'floorRef', 'equipRef', 'weatherStationRef']);

/**
 * Equipment that makes what a plant distributes: its ref to the plant (`chilledWaterRef` on a chiller)
 * says which plant it supplies, so the plant is fed by it, not the other way round.
 */
const PRODUCERS = ['chiller', 'boiler', 'coolingTower', 'heatExchanger', 'pump'];

/** Metadata rows for the tables, from the model's entities. */
export function equipmentMetadata(model: Pick<SiteModel, 'entities'>, tables: readonly WideTable[]): EquipmentMetadata[] {
  const byId = new Map(model.entities.map((e) => [entityId(e), e.toJSON() as Json]));
  const owners = new Set(tables.map((t) => t.equipId));
  const fedBy = new Map<string, Set<string>>([...owners].map((id) => [id, new Set<string>()]));
  for (const id of owners) {
    const tags = byId.get(id) ?? {};
    const producer = PRODUCERS.some((m) => tags[m] !== undefined);
    for (const [name, v] of Object.entries(tags)) {
      if (NOT_SUPPLY.has(name) || typeof v !== 'object' || v?._kind !== 'ref' || !owners.has(String(v.val))) continue;
      const target = String(v.val);
      if (producer && byId.get(target)?.plant !== undefined) fedBy.get(target)!.add(id);
      else fedBy.get(id)!.add(target);
    }
  }
  return tables.map((t) => {
    const tags = byId.get(t.equipId) ?? {};
    const place = refTarget(tags.spaceRef) ?? refTarget(tags.floorRef);
    const placeTags = place ? byId.get(place) : undefined;
    const floorOf = placeTags && (placeTags.floorNum !== undefined ? placeTags : byId.get(refTarget(placeTags.floorRef) ?? ''));
    const nameplate: Record<string, { value: number; unit: string | null }> = {};
    for (const [name, v] of Object.entries(tags)) {
      if (typeof v === 'object' && v?._kind === 'number' && typeof v.val === 'number')
        nameplate[name] = { value: v.val, unit: v.unit ?? null };
      else if (typeof v === 'number' && name !== 'floorNum') nameplate[name] = { value: v, unit: null };
    }
    const rating = Object.entries(nameplate).map(([name, { value, unit }]) => `${name} ${value}${unit ? ` ${unit}` : ''}`);
    return {
      equipment_id: t.equipId,
      table_name: t.name,
      name: text(tags.dis),
      type: equipType(Object.keys(tags).filter((name) => typeof tags[name] === 'object' && tags[name]?._kind === 'marker')),
      location: placeTags ? text(placeTags.dis) : null,
      floor: floorOf && typeof floorOf.floorNum === 'number' ? floorOf.floorNum : null,
      rating: rating.length > 0 ? rating.join('; ') : null,
      nameplate,
      manufacturer: text(tags.manufacturer),
      model: text(tags.model),
      install_date: typeof tags.installDate === 'object' && tags.installDate?._kind === 'date' ? String(tags.installDate.val) : null,
      feeds: [...owners].filter((o) => fedBy.get(o)?.has(t.equipId)).sort(),
      fed_by: [...(fedBy.get(t.equipId) ?? [])].sort(),
    };
  });
}

function refTarget(v: Json[string]): string | undefined {
  return typeof v === 'object' && v?._kind === 'ref' ? String(v.val) : undefined;
}

function text(v: Json[string]): string | null {
  return typeof v === 'string' ? v : null;
}

/**
 * The most specific equip def among an entity's markers (`chiller`, `vav`, `meter`: one no other of its
 * equip markers specialises), else `weatherStation`, `equip` or `unknown`. The query library types
 * equipment the same way from core.entity.
 */
export function equipType(markers: readonly string[]): string {
  const equips = markers.filter((name) => name !== 'equip' && inheritsFrom(name, 'equip'));
  const specific = equips.find((m) => !equips.some((o) => o !== m && inheritsFrom(o, m)));
  if (specific) return specific;
  if (markers.includes('weatherStation')) return 'weatherStation';
  return markers.includes('equip') ? 'equip' : 'unknown';
}
