import { closestName } from './edit-distance.js';
import { allTagDefs, getTagDef, isStandardTag } from './haystack-vocabulary.js';
import type { Kind } from './tag-def.js';

/** A tag haysim writes that Haystack 4.0.0 does not define; each says why it exists. */
export interface HaysimExtension {
  readonly name: string;
  readonly kind: Kind;
  readonly doc: string;
}

/**
 * haysim's documented extension tags, sorted by name. A test checks none of
 * them is a standard def, so an extension can never shadow Haystack.
 * Equipment markers are used with `equip` (e.g. `transformer equip`).
 */
export const HAYSIM_EXTENSIONS: readonly HaysimExtension[] = [
  { name: 'breaker', kind: 'Marker', doc: 'Circuit breaker equipment; Haystack 4.0.0 only mentions breakers inside `circuit`.' },
  {
    name: 'capacitor',
    kind: 'Marker',
    doc: 'Power-factor correction capacitor bank (an APFC panel); Haystack 4.0.0 has no capacitor def.',
  },
  {
    name: 'count',
    kind: 'Marker',
    doc: 'A Number point holding a count or an index (capacitor steps switched in, transfers, a tap position, compressor starts); Haystack 4.0.0 units define no count, so these points carry no `unit`.',
  },
  {
    name: 'designAirflow',
    kind: 'Number',
    doc: "An air handler's design supply airflow (cfm) from its nameplate; Haystack 4.0.0 has no design-airflow tag.",
  },
  { name: 'genset', kind: 'Marker', doc: 'Engine-generator set (e.g. diesel standby generator); Haystack 4.0.0 has no generator def.' },
  { name: 'installDate', kind: 'Date', doc: 'Date the equipment was installed; Haystack 4.0.0 has no install-date tag.' },
  { name: 'inverter', kind: 'Marker', doc: 'Power inverter (PV or battery DC to AC); Haystack 4.0.0 has no inverter def.' },
  { name: 'manufacturer', kind: 'Str', doc: 'Equipment manufacturer name, e.g. "Carrier"; Haystack 4.0.0 has no vendor/manufacturer tag.' },
  { name: 'model', kind: 'Str', doc: 'Equipment model designation, e.g. "19XR"; Haystack 4.0.0 has no model tag.' },
  {
    name: 'navName',
    kind: 'Str',
    doc: "The user's short point key (e.g. `zoneTemp`) that scripts address points by; a common Haystack 3 / SkySpark convention that 4.0.0 does not define.",
  },
  {
    name: 'ratedApparentPower',
    kind: 'Number',
    doc: 'Nameplate apparent-power rating (kVA) of a transformer or UPS; Haystack 4.0.0 has no rating tags.',
  },
  {
    name: 'ratedCurrent',
    kind: 'Number',
    doc: "Rated current (A) of an electrical panel's busbars and incomer; Haystack 4.0.0 has no rating tags.",
  },
  {
    name: 'ratedPower',
    kind: 'Number',
    doc: 'Nameplate active-power rating (kW) of a motor, pump, compressor or generator set; Haystack 4.0.0 has no rating tags.',
  },
  {
    name: 'ratedReactivePower',
    kind: 'Number',
    doc: 'Installed reactive-power rating (kVAr) of a capacitor bank; Haystack 4.0.0 has no rating tags.',
  },
  { name: 'switchgear', kind: 'Marker', doc: 'Electrical switchgear line-up; Haystack 4.0.0 only defines `elec-panel` and `circuit`.' },
  { name: 'transformer', kind: 'Marker', doc: 'Electrical transformer equipment; Haystack 4.0.0 has no transformer def.' },
];

const EXT_BY_NAME: ReadonlyMap<string, HaysimExtension> = new Map(HAYSIM_EXTENSIONS.map((e) => [e.name, e]));

/** The haysim extension named `name`, if any. */
export function getExtension(name: string): HaysimExtension | undefined {
  return EXT_BY_NAME.get(name);
}

/** True for standard Haystack 4 tags and haysim's documented extensions. */
export function isKnownTag(name: string): boolean {
  return isStandardTag(name) || EXT_BY_NAME.has(name);
}

/** Kind of a known tag (standard first; extensions never shadow). */
export function knownTagKind(name: string): Kind | undefined {
  return isStandardTag(name) ? getTagDef(name)?.kind : EXT_BY_NAME.get(name)?.kind;
}

const KNOWN_TAG_KINDS: ReadonlyMap<string, Kind | null> = new Map(
  [
    ...allTagDefs()
      .filter((d) => !d.conjunct)
      .map((d) => d.name),
    ...HAYSIM_EXTENSIONS.map((e) => e.name),
  ]
    .sort()
    .map((n) => [n, knownTagKind(n) ?? null]),
);

/**
 * Every known tag name (standard tags, then extensions merged in, sorted by name)
 * with its kind; null for standard tags without a kind (`curVal`, `writeVal`, `enum`, ...).
 */
export function allKnownTagKinds(): ReadonlyMap<string, Kind | null> {
  return KNOWN_TAG_KINDS;
}

/** Closest known tag (standard or extension) for a "did you mean" hint. */
export function suggestKnownTag(name: string): string | undefined {
  return closestName(name, KNOWN_TAG_KINDS.keys());
}
