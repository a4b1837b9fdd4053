import type { z } from 'zod';
import type { ProfileFragment } from '../profile/profile-fragments.js';
import type { TagValues } from './haystack-tags.js';
import type { EquipKind, EquipNode, SiteSpec, Topology, ZoneNode } from './topology.js';

/** One piece of equipment as its type declares it; the topology numbers it. */
export type EquipSpec<Config> = Omit<EquipNode<Config>, 'type' | 'index' | 'position'>;

/** What a type's expansion may read besides its own section. */
export interface ExpandContext {
  readonly site: SiteSpec;
  /** the simulation's epoch, ms: registers read there what their equipment counted since it was installed */
  readonly epochMs: number;
  readonly zones: readonly ZoneNode[];
  /** the equipment whose mapping holds this type's section, if that mapping has an id (a chiller's: its plant) */
  readonly enclosing?: { readonly id: string; readonly dis?: string };
  /** another type's section, typed by that type's fragment (a VAV reads which AHU serves its floor) */
  section<Shape extends z.ZodRawShape>(kind: { readonly profile?: ProfileFragment<Shape> }): z.output<z.ZodObject<Shape>>;
}

/**
 * What model building needs of an equipment type: its profile fragment, how
 * many equipment the profile yields, and the Haystack tags of each. The full
 * type (with physics) lives in src/equipment and is injected.
 */
export interface ModelKind<Shape extends z.ZodRawShape = z.ZodRawShape, Config = unknown> extends EquipKind {
  readonly profile?: ProfileFragment<Shape>;
  expand(section: z.output<z.ZodObject<Shape>>, ctx: ExpandContext): EquipSpec<Config>[];
  /** markers and refs of one of its equipment (id, dis and siteRef are added for every equipment) */
  tags(node: EquipNode<Config>, topology: Topology): TagValues;
  /** the tag its points reference it by (default `equipRef`) */
  readonly pointRefTag?: string;
  /** tags it adds to the site entity (the weather station: `weatherStationRef`) */
  siteTags?(node: EquipNode<Config>): TagValues;
}
