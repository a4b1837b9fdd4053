/** The seventeen Haystack 4 value kinds (ph lib kinds.trio). */
export type Kind =
  | 'Marker'
  | 'NA'
  | 'Remove'
  | 'Bool'
  | 'Number'
  | 'Str'
  | 'Uri'
  | 'Ref'
  | 'Symbol'
  | 'Date'
  | 'Time'
  | 'DateTime'
  | 'Coord'
  | 'XStr'
  | 'List'
  | 'Dict'
  | 'Grid';

/** The Haystack 4 def libraries haysim's vocabulary is derived from. */
export type HaystackLib = 'ph' | 'phScience' | 'phIoT' | 'phIct';

/**
 * One Haystack 4 def, compacted: names and relationships only, no prose.
 * Produced by scripts/extract-defs.mjs; feature defs (`lib:`, `op:`, `filetype:`) are left out.
 */
export interface TagDef {
  readonly name: string;
  /** library that declares the def (defUrl uses it) */
  readonly lib: HaystackLib;
  /** direct supertypes, in declaration order */
  readonly is: readonly string[];
  /** first kind def reached through `is`; absent for `val`, `scalar`, `curVal`, ... */
  readonly kind?: Kind;
  /** entity types the tag is used on, including `defx` additions (not inherited) */
  readonly tagOn?: readonly string[];
  /** expected target of a Ref / element type of a List / range of a choice (inherited) */
  readonly of?: string;
  /** enumerated values, for enums of up to 100 values */
  readonly enum?: readonly string[];
  /** dash-joined conjunct such as `ac-elec-meter`: a tag combination, never a tag itself */
  readonly conjunct?: true;
}
