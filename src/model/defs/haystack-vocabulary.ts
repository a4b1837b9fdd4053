import { closestName } from './edit-distance.js';
import { HAYSTACK_DEFS, HAYSTACK_DEFS_VERSION } from './haystack-defs.generated.js';
import type { Kind, TagDef } from './tag-def.js';

export type { Kind, TagDef } from './tag-def.js';
export { HAYSTACK_DEFS_VERSION };

const BY_NAME: ReadonlyMap<string, TagDef> = new Map(HAYSTACK_DEFS.map((d) => [d.name, d]));

/** Names usable as tags: every def except dash-joined conjuncts. Sorted. */
const TAG_NAMES: readonly string[] = HAYSTACK_DEFS.filter((d) => !d.conjunct).map((d) => d.name);

/** All Haystack 4 defs in the vocabulary (conjuncts included), sorted by name. */
export function allTagDefs(): readonly TagDef[] {
  return HAYSTACK_DEFS;
}

/** The def named `name` (a tag or a conjunct such as `ac-elec-meter`), if standard. */
export function getTagDef(name: string): TagDef | undefined {
  return BY_NAME.get(name);
}

/** True when `name` is a Haystack 4 def that can be used as a tag (conjuncts cannot). */
export function isStandardTag(name: string): boolean {
  const def = BY_NAME.get(name);
  return def !== undefined && def.conjunct !== true;
}

/** Value kind of a standard tag; undefined for unknown tags and kind-less defs (`curVal`). */
export function tagKind(name: string): Kind | undefined {
  return BY_NAME.get(name)?.kind;
}

/** Documentation page of a standard def, e.g. https://project-haystack.org/def/phIoT/ahu. */
export function defUrl(name: string): string | undefined {
  const def = BY_NAME.get(name);
  return def && `https://project-haystack.org/def/${def.lib}/${def.name}`;
}

/**
 * True when `name` is `ancestor` or reaches it through `is`, transitively
 * (`inheritsFrom('ahu', 'equip')`). False when either def is unknown.
 */
export function inheritsFrom(name: string, ancestor: string): boolean {
  if (!BY_NAME.has(name) || !BY_NAME.has(ancestor)) return false;
  const queue = [name];
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    if (queue[i] === ancestor) return true;
    for (const s of BY_NAME.get(queue[i])?.is ?? []) {
      if (!seen.has(s)) {
        seen.add(s);
        queue.push(s);
      }
    }
  }
  return false;
}

/** Closest standard tag name for a "did you mean" hint (`zoneTmp` → `zone`). */
export function suggestTag(name: string): string | undefined {
  return closestName(name, TAG_NAMES);
}

function enumOf(name: string): readonly string[] {
  const values = BY_NAME.get(name)?.enum;
  if (!values) throw new Error(`haystack-defs.generated.ts lacks the ${name} enum; rerun scripts/extract-defs.mjs`);
  return values;
}

/** Values of `curStatus`: ok, stale, fault, down, disabled, unknown, remote*. */
export const CUR_STATUS_VALUES: readonly string[] = enumOf('curStatus');

/** Values of `hisMode`: sampled, cov, consumption. */
export const HIS_MODE_VALUES: readonly string[] = enumOf('hisMode');
