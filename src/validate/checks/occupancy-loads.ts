import { fmt, pct, refId } from '../entity-index.js';
import type { ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';

const CAT = 'physics' as const;
/** an office at 01:00–05:00 holds a guard and the odd late worker: sensors see someone now and then, not half the time */
const NIGHT_OCCUPIED_MAX = 0.3;
/** egress and night lights stay on; everything else follows the sensors */
const NIGHT_LIGHTING_RANGE = [0.01, 0.25] as const;
/** tenants on different floors never draw the same load minute by minute */
const CLONE_CORRELATION = 0.99;
const CLONE_SPREAD = 1.05;
/** a PF that is an exact function of kW has no capacitor steps switching behind it */
const PF_EXPLAINED_BY_KW_MAX = 0.95;

/** Occupancy sensors and lighting at night, sub-meters that are not copies, power factor that scatters. */
export async function occupancyLoadChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  return [await nightOccupancy(ctx), await nightLighting(ctx), await submeterClones(ctx), await powerFactorScatter(ctx)];
}

/**
 * Share (0..1) of the points' ok readings at local 01:00–05:00; Bool as 0/1. The day's peak is taken on
 * weekdays 08:00–18:00: a weekend's is no reference (a Saturday's lights peak near the night's).
 */
async function nightMean(ctx: ValidationContext, what: string, ids: number[], dayToo = false) {
  const v = ctx.values;
  const local = v.local('v', '$4');
  const [r] = await ctx.query<{ n: number; night: number | null; day_peak: number | null }>(
    what,
    `SELECT count(*) FILTER (WHERE extract(hour FROM ${local}) BETWEEN 1 AND 4)::float8 AS n,
            avg(x) FILTER (WHERE extract(hour FROM ${local}) BETWEEN 1 AND 4) AS night,
            ${dayToo ? `percentile_cont(0.95) WITHIN GROUP (ORDER BY x) FILTER (WHERE extract(isodow FROM ${local}) < 6 AND extract(hour FROM ${local}) BETWEEN 8 AND 17)` : 'NULL::float8'} AS day_peak
       FROM (SELECT v.ts, coalesce(v.value_n::float8, v.value_b::int::float8) AS x FROM ${v.table} v
              WHERE ${v.inRange('v')} AND v.status = 'ok' AND v.entity_id = ANY($3::int[])) v`,
    [...v.rangeParams, ids, ctx.timeZone],
  );
  return r!;
}

async function nightOccupancy(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = `occupancy sensors read occupied < ${pct(NIGHT_OCCUPIED_MAX)} at 01:00–05:00`;
  const pts = ctx.entities.find('point occupied sensor').filter((p) => p.tags.kind === 'Bool');
  if (pts.length === 0) return notApplicable(CAT, 'night-occupancy', title, 'no occupancy sensor points');
  const r = await nightMean(
    ctx,
    'occupancy sensors',
    pts.map((p) => p.id),
  );
  if (r.n === 0) return notApplicable(CAT, 'night-occupancy', title, `no ok readings at 01:00–05:00 ${ctx.timeZone} in the range`);
  const s = Number(r.night);
  return check(
    CAT,
    'night-occupancy',
    title,
    s < NIGHT_OCCUPIED_MAX,
    `${pts.length} sensors, occupied at ${pct(s)} of ${r.n} night readings (${ctx.timeZone})`,
  );
}

async function nightLighting(ctx: ValidationContext): Promise<ValidationCheck> {
  const [lo, hi] = NIGHT_LIGHTING_RANGE;
  const title = `night lighting ${pct(lo)}–${pct(hi)} of its weekday daytime peak`;
  const pts = ctx.entities.find('point lighting elec power sensor');
  if (pts.length === 0) return notApplicable(CAT, 'night-lighting', title, 'no lighting power points');
  const r = await nightMean(
    ctx,
    'lighting power',
    pts.map((p) => p.id),
    true,
  );
  if (r.n === 0 || !(Number(r.day_peak) > 0))
    return notApplicable(
      CAT,
      'night-lighting',
      title,
      `no ok readings at 01:00–05:00 and on weekdays 08:00–18:00 ${ctx.timeZone} in the range`,
    );
  const s = Number(r.night) / Number(r.day_peak);
  return check(
    CAT,
    'night-lighting',
    title,
    s >= lo && s <= hi,
    `01:00–05:00 average ${fmt(Number(r.night), 2)} kW per point = ${pct(s)} of the 95th percentile ${fmt(Number(r.day_peak), 2)} kW`,
  );
}

async function submeterClones(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'sub-meters of one main differ (not copies of each other)';
  const groups = ctx.entities
    .find('elec meter equip siteMeter')
    .map((main) =>
      ctx.entities.all
        .filter((s) => refId(s, 'submeterOf') === main.hid)
        .flatMap((s) => {
          const p = ctx.entities.pointOf(s, 'elec power sensor');
          return p ? [p.id] : [];
        }),
    )
    .filter((g) => g.length >= 3);
  if (groups.length === 0) return notApplicable(CAT, 'submeter-clones', title, 'no main meter with three or more powered sub-meters');
  const v = ctx.values;
  const ids = groups.flat();
  const rows = await ctx.query<{ id: number; mean: number | null }>(
    'sub-meter power means',
    `SELECT v.entity_id AS id, avg(v.value_n::float8) AS mean FROM ${v.table} v
      WHERE ${v.inRange('v')} AND v.status = 'ok' AND v.entity_id = ANY($3::int[]) GROUP BY v.entity_id`,
    [...v.rangeParams, ids],
  );
  const [c] = await ctx.query<{ r: number | null; n: number }>(
    'sub-meter correlation',
    `SELECT avg(r) AS r, count(r)::float8 AS n FROM (
       SELECT corr(a.value_n::float8, b.value_n::float8) AS r FROM ${v.table} a JOIN ${v.table} b ON a.ts = b.ts AND a.entity_id < b.entity_id
        WHERE ${v.inRange('a')} AND a.status = 'ok' AND b.status = 'ok' AND a.entity_id = ANY($3::int[]) AND b.entity_id = ANY($3::int[])
        GROUP BY a.entity_id, b.entity_id) x`,
    [...v.rangeParams, ids],
  );
  const means = rows.map((r) => Number(r.mean)).filter((m) => m > 0);
  if (means.length < 3 || !c || c.n === 0) return notApplicable(CAT, 'submeter-clones', title, 'too few ok sub-meter readings');
  const spread = Math.max(...means) / Math.min(...means);
  const r = Number(c.r);
  return check(
    CAT,
    'submeter-clones',
    title,
    spread >= CLONE_SPREAD || r < CLONE_CORRELATION,
    `${means.length} sub-meters: largest/smallest mean ${fmt(spread, 2)} (copies: < ${CLONE_SPREAD}), mean pairwise r ${fmt(r, 3)} (copies: ≥ ${CLONE_CORRELATION})`,
  );
}

async function powerFactorScatter(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'power factor not a fixed function of demand (capacitor steps switch)';
  const members = ctx.entities.find('elec meter equip').flatMap((m) => {
    const pf = ctx.entities.pointOf(m, 'elec pf sensor');
    const kw = ctx.entities.pointOf(m, 'elec power sensor');
    return pf && kw ? [{ pf: pf.id, kw: kw.id }] : [];
  });
  if (members.length === 0) return notApplicable(CAT, 'power-factor-scatter', title, 'no meter with power and power factor');
  const v = ctx.values;
  const [r] = await ctx.query<{ r2: number | null; n: number }>(
    'power factor against power',
    `SELECT regr_r2(p.value_n::float8, k.value_n::float8) AS r2, count(*)::float8 AS n
       FROM ${v.table} p JOIN unnest($3::int[], $4::int[]) AS m(pf, kw) ON m.pf = p.entity_id
       JOIN ${v.table} k ON k.entity_id = m.kw AND k.ts = p.ts AND k.entity_id = ANY($4::int[])
      WHERE ${v.inRange('p')} AND p.entity_id = ANY($3::int[]) AND p.status = 'ok' AND k.status = 'ok'`,
    [...v.rangeParams, members.map((m) => m.pf), members.map((m) => m.kw)],
  );
  if (!r || r.n < 10 || r.r2 === null) return notApplicable(CAT, 'power-factor-scatter', title, 'too few ok readings of power and PF');
  const r2 = Number(r.r2);
  return check(
    CAT,
    'power-factor-scatter',
    title,
    r2 < PF_EXPLAINED_BY_KW_MAX,
    `kW explains ${pct(r2)} of PF's variance over ${r.n} readings (a fixed curve: ≥ ${pct(PF_EXPLAINED_BY_KW_MAX)})`,
  );
}
