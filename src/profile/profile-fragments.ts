import { z } from 'zod';
import { HEAD_SECTIONS, type Profile, TAIL_SECTIONS } from './schema.js';

/**
 * The part of a profile one equipment type owns: the keys of `shape`, placed
 * in the mapping at path `at` (`[]` is the top level). Several types may share
 * a mapping: the chilled-water plant puts its own keys in `plant`, the
 * chiller adds `plant.chillers` and the cooling tower `plant.coolingTower`.
 */
export interface ProfileFragment<Shape extends z.ZodRawShape = z.ZodRawShape> {
  readonly at: readonly string[];
  readonly shape: Shape;
  /** rules spanning fields (or other sections) that the schema cannot say; `add` takes a YAML path from the top */
  check?(section: z.output<z.ZodObject<Shape>>, profile: Profile, add: (path: (string | number)[], message: string) => void): void;
}

/** What profile loading needs of an equipment type: only its fragment. */
export interface ProfileContributor {
  readonly profile?: ProfileFragment;
}

type Schema = z.core.$ZodType;

/** A mapping being composed: its keys in order, each a schema or a nested mapping. */
class Node {
  constructor(
    readonly keys = new Map<string, Schema | Node>(),
    /** a mapping only equipment fragments live in (`plant`, `meters`): a profile without that equipment leaves it out */
    readonly optional = false,
  ) {}
}

/**
 * The whole profile schema: the building-wide sections, then the equipment
 * types' fragments in registry order, then loads, quality and simulation.
 * Every mapping stays strict, so a typo in any section gets "did you mean".
 * A profile declares the equipment it has: an equipment section at the top
 * level (or a mapping made only of equipment sections) may be left out, and
 * the type then yields no equipment (`isPresent`).
 */
export function composeProfileSchema(types: readonly ProfileContributor[]): z.ZodType<Profile> {
  const root = new Node(new Map(Object.entries(HEAD_SECTIONS)));
  for (const { profile } of types) {
    if (!profile) continue;
    let node = root;
    for (const key of profile.at) {
      const parent = node;
      const existing = parent.keys.get(key);
      // a mapping made only of equipment fragments (`plant`) may be left out; a building-wide one (`weather`) may not
      node =
        existing instanceof Node
          ? existing
          : existing
            ? new Node(new Map(Object.entries(shapeOf(existing, key))))
            : new Node(new Map(), parent === root);
      parent.keys.set(key, node);
    }
    for (const [key, schema] of Object.entries(profile.shape)) {
      if (node.keys.has(key)) throw new Error(`profile key ${[...profile.at, key].join('.')} is claimed by two equipment types`);
      // an equipment section is optional unless it sits in a mapping made only of equipment sections
      node.keys.set(key, node.optional ? schema : (schema as z.ZodType).optional());
    }
  }
  for (const [key, schema] of Object.entries(TAIL_SECTIONS)) root.keys.set(key, schema);
  return toSchema(root) as unknown as z.ZodType<Profile>;
}

function toSchema(node: Node): z.ZodType {
  const mapping = z.strictObject(Object.fromEntries([...node.keys].map(([key, v]) => [key, v instanceof Node ? toSchema(v) : v])));
  return node.optional ? mapping.optional() : mapping;
}

/** Whether a profile declares the fragment's equipment: its mapping is there and holds at least one of its keys. */
export function isPresent(profile: Profile, fragment: ProfileFragment): boolean {
  let value: unknown = profile;
  for (const key of fragment.at) value = (value as Record<string, unknown> | undefined)?.[key];
  if (value === undefined) return false;
  return Object.keys(fragment.shape).some((key) => (value as Record<string, unknown>)[key] !== undefined);
}

/** A building-wide section that a fragment extends (e.g. `weather` gains `station`). */
function shapeOf(schema: Schema, key: string): z.ZodRawShape {
  if (schema instanceof z.ZodObject) return schema.shape;
  throw new Error(`profile section ${key} is not a mapping an equipment type can extend`);
}

/** The fragment's keys as validated: the mapping at `at`, restricted to the fragment's shape. */
export function readFragment<Shape extends z.ZodRawShape>(
  profile: Profile,
  fragment: ProfileFragment<Shape>,
): z.output<z.ZodObject<Shape>> {
  const mapping = mappingAt(profile, fragment.at);
  return Object.fromEntries(Object.keys(fragment.shape).map((key) => [key, mapping[key]])) as z.output<z.ZodObject<Shape>>;
}

/** The validated mapping at a path of the profile (`[]`: the profile itself). */
export function mappingAt(profile: Profile, at: readonly string[]): Readonly<Record<string, unknown>> {
  let value: unknown = profile;
  for (const key of at) value = (value as Record<string, unknown>)[key];
  return value as Record<string, unknown>;
}
