import { hasMarkers, listSome, refId, type StoreEntity } from '../entity-index.js';
import type { ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';

const CAT = 'relationships' as const;

/** The equipment graph a building engineer walks: VAV → AHU → plant, point → equip → site, sub-meter → main meter. */
export function relationshipChecks(ctx: ValidationContext): ValidationCheck[] {
  return [vavAirRefs(ctx), vavSpaceRefs(ctx), parents(ctx), submeters(ctx), chilledWaterRefs(ctx)];
}

/** `tag` of every entity in `subjects` must resolve to an entity with `targetMarkers`. */
function refsTo(ctx: ValidationContext, subjects: readonly StoreEntity[], tag: string, targetMarkers: string): string[] {
  const bad: string[] = [];
  for (const e of subjects) {
    const id = refId(e, tag);
    const target = ctx.entities.ref(e, tag);
    if (id === undefined) bad.push(`${e.hid} has no ${tag}`);
    else if (!target) bad.push(`${e.hid}.${tag} → @${id} (missing)`);
    else if (!hasMarkers(target, targetMarkers)) bad.push(`${e.hid}.${tag} → @${id} (not ${targetMarkers})`);
  }
  return bad;
}

function result(name: string, title: string, bad: string[], ok: string): ValidationCheck {
  return check(CAT, name, title, bad.length === 0, bad.length ? `${bad.length} wrong: ${listSome(bad)}` : ok);
}

function vavAirRefs(ctx: ValidationContext): ValidationCheck {
  const title = 'every VAV has an airRef to an AHU';
  const vavs = ctx.entities.find('vav equip');
  if (vavs.length === 0) return notApplicable(CAT, 'vav-air-ref', title, 'no vav equips');
  const ahus = new Set(vavs.map((v) => refId(v, 'airRef')).filter((id) => id !== undefined));
  return result('vav-air-ref', title, refsTo(ctx, vavs, 'airRef', 'ahu equip'), `${vavs.length} VAVs fed by ${ahus.size} AHUs`);
}

function vavSpaceRefs(ctx: ValidationContext): ValidationCheck {
  const title = 'every VAV serves an hvac zone (spaceRef)';
  const vavs = ctx.entities.find('vav equip');
  if (vavs.length === 0) return notApplicable(CAT, 'vav-space-ref', title, 'no vav equips');
  const zones = new Set(vavs.map((v) => refId(v, 'spaceRef')));
  const bad = refsTo(ctx, vavs, 'spaceRef', 'hvac zone space');
  if (zones.size < vavs.length && bad.length === 0) bad.push(`${vavs.length - zones.size} VAVs share a zone with another VAV`);
  return result('vav-space-ref', title, bad, `${vavs.length} VAVs in ${zones.size} hvac zones`);
}

function parents(ctx: ValidationContext): ValidationCheck {
  const bad: string[] = [];
  const points = ctx.entities.find('point');
  const equips = ctx.entities.find('equip');
  for (const p of points) {
    const station = refId(p, 'weatherStationRef');
    if (refId(p, 'equipRef') !== undefined || station === undefined) bad.push(...refsTo(ctx, [p], 'equipRef', 'equip'));
    else bad.push(...refsTo(ctx, [p], 'weatherStationRef', 'weatherStation'));
  }
  bad.push(...refsTo(ctx, [...points, ...equips], 'siteRef', 'site'));
  return result(
    'parents',
    'every point has an equip (or weather station) and a site',
    bad,
    `${points.length} points and ${equips.length} equips, all attached`,
  );
}

function submeters(ctx: ValidationContext): ValidationCheck {
  // Haystack's submeterOf names a parent meter: the site meter, or a meter under it (a transformer's LV side)
  const title = 'sub-meters point to a meter (submeterOf) that leads up to a site meter';
  const subs = ctx.entities.all.filter((e) => e.tags.submeterOf !== undefined);
  if (subs.length === 0) return notApplicable(CAT, 'submeters', title, 'no sub-meters');
  const bad = refsTo(ctx, subs, 'submeterOf', 'meter equip');
  for (const s of subs) {
    if (!hasMarkers(s, 'meter equip')) bad.push(`${s.hid} has submeterOf but is not a meter equip`);
    const top = topMeter(ctx, s);
    if (!top) bad.push(`${s.hid}: its submeterOf chain loops`);
    else if (top !== s && !hasMarkers(top, 'siteMeter')) bad.push(`${s.hid}: its submeterOf chain ends at ${top.hid}, not a siteMeter`);
  }
  const mains = new Set(subs.map((s) => refId(s, 'submeterOf')));
  return result('submeters', title, bad, `${subs.length} sub-meters under ${mains.size} meter(s)`);
}

/** The meter at the top of a meter's submeterOf chain (the last one that resolves); undefined when it loops. */
function topMeter(ctx: ValidationContext, meter: StoreEntity): StoreEntity | undefined {
  const seen = new Set<StoreEntity>([meter]);
  let top = meter;
  for (let up = ctx.entities.ref(top, 'submeterOf'); up; up = ctx.entities.ref(top, 'submeterOf')) {
    if (seen.has(up)) return undefined;
    seen.add(up);
    top = up;
  }
  return top;
}

function chilledWaterRefs(ctx: ValidationContext): ValidationCheck {
  const title = 'chilled-water equipment reaches the plant (chilledWaterRef)';
  const cooled = ctx.entities.find('ahu equip').filter((a) => hasMarkers(a, 'chilledWaterCooling') || a.tags.chilledWaterRef !== undefined);
  const others = ctx.entities.all.filter((e) => e.tags.chilledWaterRef !== undefined && !cooled.includes(e));
  const subjects = [...cooled, ...others];
  if (subjects.length === 0) return notApplicable(CAT, 'chilled-water-ref', title, 'no chilled-water AHUs or chilledWaterRef tags');
  const targets = new Set(subjects.map((e) => refId(e, 'chilledWaterRef')));
  return result(
    'chilled-water-ref',
    title,
    refsTo(ctx, subjects, 'chilledWaterRef', 'equip'),
    `${subjects.length} equips (${cooled.length} AHUs) reach ${targets.size} plant equip(s)`,
  );
}
