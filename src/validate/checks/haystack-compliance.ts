import 'haystack-units';
import { HUnit } from 'haystack-core';
import { isKnownTag, knownTagKind, suggestKnownTag } from '../../model/defs/haysim-extensions.js';
import { hasMarkers, listSome, type StoreTag } from '../entity-index.js';
import type { ValidationContext } from '../validation-context.js';
import { check, type ValidationCheck } from '../validation-report.js';

const c = (name: string, title: string, passed: boolean, detail: string) => check('haystack', name, title, passed, detail);

/** Haystack 4 compliance of the org's entities and of the value columns of its history. */
export async function haystackChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  const tagsByEntity = new Map<number, StoreTag[]>();
  for (const t of ctx.tags) {
    const list = tagsByEntity.get(t.entityId) ?? [];
    list.push(t);
    tagsByEntity.set(t.entityId, list);
  }
  return [
    knownTags(ctx),
    requiredTags(ctx, tagsByEntity),
    refsResolve(ctx),
    units(ctx),
    tagValueKinds(ctx),
    tagsMirror(ctx, tagsByEntity),
    await pointValueKinds(ctx),
  ];
}

function knownTags(ctx: ValidationContext): ValidationCheck {
  const users = new Map<string, Set<number>>();
  for (const t of ctx.tags) (users.get(t.name) ?? users.set(t.name, new Set()).get(t.name)!).add(t.entityId);
  const unknown = [...users.keys()].filter((n) => !isKnownTag(n)).sort();
  const title = 'tags are Haystack 4 defs or haysim extensions';
  if (unknown.length === 0)
    return c('known-tags', title, users.size > 0, `${users.size} tag names on ${ctx.entities.all.length} entities, all known`);
  const described = unknown.map((n) => {
    const hint = suggestKnownTag(n);
    const ents = [...users.get(n)!];
    return `${n} on ${ents.length} ${ents.length === 1 ? 'entity' : 'entities'} (e.g. ${ctx.entities.label(ents[0]!)})${hint ? `, did you mean ${hint}?` : ''}`;
  });
  return c('known-tags', title, false, `${unknown.length} unknown of ${users.size}: ${listSome(described)}`);
}

/** Tags each kind of entity must carry (Haystack 4 plus haysim's promises for points). */
const REQUIRED: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['site', 'site', ['site', 'dis', 'tz']],
  ['equip', 'equip', ['equip', 'siteRef', 'dis']],
  ['point', 'point', ['point', 'his', 'kind', 'tz', 'siteRef', 'dis']],
];

function requiredTags(ctx: ValidationContext, byEntity: Map<number, StoreTag[]>): ValidationCheck {
  const problems: string[] = [];
  const counts = { site: 0, equip: 0, point: 0 };
  for (const e of ctx.entities.all) {
    const names = new Set((byEntity.get(e.id) ?? []).map((t) => t.name));
    for (const [role, marker, required] of REQUIRED) {
      if (!hasMarkers(e, marker)) continue;
      counts[role as keyof typeof counts]++;
      const missing = required.filter((n) => !names.has(n));
      if (role === 'point') {
        if (!names.has('equipRef') && !names.has('weatherStationRef')) missing.push('equipRef|weatherStationRef');
        if (e.tags.kind === 'Number' && !names.has('unit') && !names.has('count')) missing.push('unit');
      }
      if (missing.length) problems.push(`${e.hid} lacks ${missing.join(', ')}`);
    }
  }
  const what = `${counts.site} sites, ${counts.equip} equips, ${counts.point} points`;
  const ok = problems.length === 0 && counts.site > 0 && counts.point > 0;
  return c(
    'required-tags',
    'sites, equips and points carry required tags',
    ok,
    problems.length ? `${problems.length} entities incomplete: ${listSome(problems)}` : `${what}: all complete`,
  );
}

function refsResolve(ctx: ValidationContext): ValidationCheck {
  const bad: string[] = [];
  let refs = 0;
  for (const t of ctx.tags) {
    if (t.name === 'id' || (knownTagKind(t.name) !== 'Ref' && t.ref === null)) continue;
    refs++;
    const owner = ctx.entities.byId.get(t.entityId)!;
    const target = t.ref === null ? undefined : ctx.entities.byId.get(t.ref);
    if (!target) {
      bad.push(`${owner.hid}.${t.name} → ${t.ref === null ? `@${t.s ?? '?'} (no value_ref)` : `#${t.ref} (no such entity)`}`);
      continue;
    }
    const mirrored = owner.tags[t.name];
    if (mirrored !== undefined && mirrored !== `@${target.hid}`)
      bad.push(`${owner.hid}.${t.name}: entity_tag → @${target.hid}, tags → ${String(mirrored)}`);
  }
  return c(
    'refs-resolve',
    'every Ref tag resolves to an entity of the org',
    bad.length === 0,
    bad.length ? `${bad.length} of ${refs} refs dangling: ${listSome(bad)}` : `${refs} refs, all resolve`,
  );
}

function units(ctx: ValidationContext): ValidationCheck {
  const bySymbol = new Map<string, string[]>();
  for (const t of ctx.tags) {
    // points carry `unit`; other Number tags keep their unit beside the number in value_s
    const symbol = t.name === 'unit' ? t.s : knownTagKind(t.name) === 'Number' ? t.s : null;
    if (!symbol) continue;
    (bySymbol.get(symbol) ?? bySymbol.set(symbol, []).get(symbol)!).push(`${ctx.entities.label(t.entityId)}.${t.name}`);
  }
  const invalid = [...bySymbol.keys()].filter((s) => !HUnit.get(s)).sort();
  const title = 'units are Haystack units';
  if (invalid.length === 0)
    return c('units', title, true, `${bySymbol.size} units (${listSome([...bySymbol.keys()].sort(), 6)}), all defined`);
  return c(
    'units',
    title,
    false,
    `${invalid.length} unknown: ${listSome(invalid.map((s) => `"${s}" on ${bySymbol.get(s)!.length} (e.g. ${bySymbol.get(s)![0]})`))}`,
  );
}

/** The typed entity_tag column a tag's kind lives in (the store's rule; see core-store/entity-tags.ts). */
function kindMatches(kind: string, t: StoreTag): boolean {
  switch (kind) {
    case 'Marker':
      return t.b === true;
    case 'Bool':
      return t.b !== null;
    case 'Number':
      return t.n !== null;
    case 'Str':
    case 'Uri':
    case 'Symbol':
    case 'Time':
      return t.s !== null;
    case 'Ref':
      return t.ref !== null || t.s !== null;
    case 'Date':
    case 'DateTime':
      return t.hasTs;
    case 'Coord':
    case 'Dict':
      return t.hasDict;
    case 'List':
      return t.hasList;
    default:
      return true;
  }
}

function tagValueKinds(ctx: ValidationContext): ValidationCheck {
  const bad: string[] = [];
  for (const t of ctx.tags) {
    const kind = knownTagKind(t.name);
    if (kind && !kindMatches(kind, t)) bad.push(`${ctx.entities.label(t.entityId)}.${t.name} (${kind})`);
  }
  return c(
    'tag-kinds',
    'tag values match their def kind',
    bad.length === 0,
    bad.length
      ? `${bad.length} of ${ctx.tags.length} tag values in the wrong column: ${listSome(bad)}`
      : `${ctx.tags.length} tag values, all of their kind`,
  );
}

/** core.entity.tags is what the users' queries read; it must say what entity_tag says. */
function tagsMirror(ctx: ValidationContext, byEntity: Map<number, StoreTag[]>): ValidationCheck {
  const bad: string[] = [];
  for (const e of ctx.entities.all) {
    const eav = new Set((byEntity.get(e.id) ?? []).map((t) => t.name));
    const extra = Object.keys(e.tags).filter((k) => !eav.has(k) && !(k === e.tags.navName && e.tags[k] === true));
    const missing = [...eav].filter((k) => !(k in e.tags));
    if (typeof e.tags.navName === 'string' && hasMarkers(e, 'point') && e.tags[e.tags.navName] === undefined)
      missing.push(`${e.tags.navName} (navName marker)`);
    if (extra.length || missing.length) {
      bad.push(`${e.hid}${missing.length ? ` lacks ${missing.join(', ')}` : ''}${extra.length ? ` has extra ${extra.join(', ')}` : ''}`);
    }
  }
  return c(
    'tags-mirror',
    'core.entity.tags mirrors entity_tag',
    bad.length === 0,
    bad.length ? `${bad.length} entities differ: ${listSome(bad)}` : `${ctx.entities.all.length} entities agree`,
  );
}

/** For each point kind, the value columns that must stay NULL. */
const OTHER_COLUMNS: Readonly<Record<string, string>> = {
  Number: 'v.value_b IS NOT NULL OR v.value_s IS NOT NULL',
  Bool: 'v.value_n IS NOT NULL OR v.value_s IS NOT NULL',
  Str: 'v.value_n IS NOT NULL OR v.value_b IS NOT NULL',
};

/** Number points write value_n only, Bool points value_b, Str points value_s (one scan of the range). */
async function pointValueKinds(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'history values sit in their kind column';
  const points = ctx.entities.find('point');
  const bad: string[] = points
    .filter((p) => !(String(p.tags.kind) in OTHER_COLUMNS))
    .map((p) => `${p.hid} has kind ${JSON.stringify(p.tags.kind)}`);
  const typed = points.filter((p) => String(p.tags.kind) in OTHER_COLUMNS);
  const wrong = Object.entries(OTHER_COLUMNS)
    .map(([kind, cols]) => `(k.kind = '${kind}' AND (${cols}))`)
    .join(' OR ');
  const rows = await ctx.query<{ kind: string; rows: number; wrong: number; example: number | null }>(
    'point values by kind',
    `SELECT k.kind, count(*)::float8 AS rows, count(*) FILTER (WHERE ${wrong})::float8 AS wrong,
            min(v.entity_id) FILTER (WHERE ${wrong}) AS example
       FROM ${ctx.values.table} v JOIN unnest($3::int[], $4::text[]) AS k(id, kind) ON k.id = v.entity_id
      WHERE ${ctx.values.inRange('v')}
      GROUP BY k.kind ORDER BY k.kind`,
    [...ctx.values.rangeParams, typed.map((p) => p.id), typed.map((p) => String(p.tags.kind))],
  );
  for (const r of rows)
    if (r.wrong > 0) bad.push(`${r.wrong} ${r.kind} rows with another column set (e.g. ${ctx.entities.label(Number(r.example))})`);
  const total = rows.reduce((s, r) => s + r.rows, 0);
  return c(
    'point-kinds',
    title,
    bad.length === 0,
    bad.length ? listSome(bad) : `${total} rows of ${points.length} points, all in their kind column`,
  );
}
