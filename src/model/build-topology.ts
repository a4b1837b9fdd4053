import type { z } from 'zod';
import { isPresent, mappingAt, readFragment } from '../profile/profile-fragments.js';
import type { Profile } from '../profile/schema.js';
import type { ExpandContext, ModelKind } from './equipment-kind.js';
import { buildZones, type EquipNode, type SiteSpec, type Topology } from './topology.js';

/** Any equipment type, whatever its section and config. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds types of every section shape and config
export type AnyModelKind = ModelKind<any, any>;

/** The site-level settings of a profile, as the simulation reads them. */
export function siteSpecOf(profile: Profile): SiteSpec {
  const { site, weather, occupancy, zoneControl, floors, campus, loads, quality } = profile;
  return { site, weather, occupancy, zoneControl, floors, campus, loads, quality };
}

/**
 * Expands a profile into zones and the equipment of every registered type,
 * type after type in registry order (equipment within a type in the order
 * its section lists them).
 */
export function buildTopology<Kind extends AnyModelKind>(profile: Profile, types: readonly Kind[]): Topology<Kind> {
  const names = new Set<string>();
  for (const kind of types) {
    if (names.has(kind.name)) throw new Error(`equipment type ${kind.name} is registered twice`);
    names.add(kind.name);
  }
  const site = siteSpecOf(profile);
  const zones = buildZones(site);
  const ctx: ExpandContext = {
    site,
    epochMs: Date.parse(profile.simulation.epoch),
    zones,
    section: <Shape extends z.ZodRawShape>(kind: { readonly profile?: { at: readonly string[]; shape: Shape } }) =>
      (kind.profile ? readFragment(profile, kind.profile) : {}) as z.output<z.ZodObject<Shape>>,
  };
  const equips: EquipNode[] = [];
  for (const kind of types) {
    if (kind.profile && !isPresent(profile, kind.profile)) continue;
    const enclosing = kind.profile?.at.length ? enclosingOf(profile, kind.profile.at) : undefined;
    kind.expand(ctx.section(kind), { ...ctx, enclosing }).forEach((spec, index) => {
      equips.push({ ...spec, type: kind.name, index, position: equips.length });
    });
  }
  return { site, zones, equips, types };
}

function enclosingOf(profile: Profile, at: readonly string[]): ExpandContext['enclosing'] {
  const { id, dis } = mappingAt(profile, at);
  return typeof id === 'string' ? { id, dis: typeof dis === 'string' ? dis : undefined } : undefined;
}
