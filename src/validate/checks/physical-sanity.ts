import { fmt, hasMarkers, pct, type StoreEntity } from '../entity-index.js';
import { iso, type ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';
import { alignedParams, alignedSql, RELATION_SHARE, share, toFahrenheit, type Member } from './aligned-readings.js';
import { airSideChecks } from './air-side.js';
import { chillerChecks } from './chiller-plant.js';
import { energyChecks } from './energy-balance.js';

const CAT = 'physics' as const;

/** What realism.md says an engineer checks first: comfort, plant efficiency, airflow balance, meters. */
export async function physicsChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  const zone = await zoneTemps(ctx);
  return [
    ...zone,
    ...(await chillerChecks(ctx)),
    await ahuAirflow(ctx),
    await ahuStaticOff(ctx),
    await dewPoint(ctx),
    ...(await airSideChecks(ctx)),
    ...(await energyChecks(ctx)),
  ];
}

async function zoneTemps(ctx: ValidationContext): Promise<ValidationCheck[]> {
  const rangeTitle = 'zone air temps within 55–90 °F';
  const occTitle = 'occupied zone temp averages 70–76 °F';
  const pts = ctx.entities.find('point zone air temp sensor').filter((p) => toFahrenheit(p.tags.unit));
  if (pts.length === 0)
    return [
      notApplicable(CAT, 'zone-temp-range', rangeTitle, 'no zone air temp sensors'),
      notApplicable(CAT, 'occupied-zone-temp', occTitle, 'no zone air temp sensors'),
    ];
  const v = ctx.values;
  const conv = pts.map((p) => toFahrenheit(p.tags.unit)!);
  const [row] = await ctx.query<{
    n: number;
    mn: number;
    mx: number;
    out: number;
    worst: number | null;
    worst_id: number | null;
    worst_t: number | null;
    occ: number | null;
    occ_n: number;
  }>(
    'zone air temps',
    `SELECT count(*)::float8 AS n, min(f) AS mn, max(f) AS mx,
            count(*) FILTER (WHERE f < 55 OR f > 90)::float8 AS out,
            (array_agg(f ORDER BY abs(f - 72.5) DESC))[1] AS worst,
            (array_agg(id ORDER BY abs(f - 72.5) DESC))[1] AS worst_id,
            (array_agg(t ORDER BY abs(f - 72.5) DESC))[1] AS worst_t,
            avg(f) FILTER (WHERE occupied) AS occ, count(*) FILTER (WHERE occupied)::float8 AS occ_n
       -- a room whose air was off (its box or air handler down, or back less than 4 h) floats past the range:
       -- that is the outage's ground truth, looked up only for readings outside the range
       FROM (SELECT * FROM (SELECT v.entity_id AS id, v.entity_id, v.ts, ${v.epochMs('v')} AS t, v.value_n::float8 * c.a + c.b AS f,
                    extract(isodow FROM ${v.local('v', '$6')}) < 6 AND extract(hour FROM ${v.local('v', '$6')}) >= 8
                      AND extract(hour FROM ${v.local('v', '$6')}) < 18
                      -- a holiday's zones sit at their setback: occupied means the zone's own setpoint says so
                      AND (c.sp = 0 OR sp.value_n::float8 * c.a + c.b BETWEEN 66 AND 78) AS occupied
               FROM ${v.table} v JOIN unnest($3::int[], $4::float8[], $5::float8[], $7::int[]) AS c(id, a, b, sp) ON c.id = v.entity_id
               LEFT JOIN ${v.table} sp ON sp.entity_id = c.sp AND sp.ts = v.ts AND sp.entity_id = ANY($7::int[])
              WHERE ${v.inRange('v')} AND v.entity_id = ANY($3::int[]) AND v.status = 'ok' AND v.value_n IS NOT NULL AND ${v.notSpike('v')}) r
              WHERE CASE WHEN r.f < 55 OR r.f > 90 THEN NOT ${v.inOutage('r', 4 * 3_600_000)} ELSE true END) z`,
    [
      ...v.rangeParams,
      pts.map((p) => p.id),
      conv.map((c) => c[0]),
      conv.map((c) => c[1]),
      ctx.timeZone,
      pts.map((p) => {
        const equip = ctx.entities.equipOf(p);
        return (equip && ctx.entities.pointOf(equip, 'zone air temp effective sp')?.id) ?? 0;
      }),
    ],
  );
  const range =
    row.n === 0
      ? notApplicable(CAT, 'zone-temp-range', rangeTitle, 'no ok readings in the range')
      : check(
          CAT,
          'zone-temp-range',
          rangeTitle,
          row.out === 0,
          `${pts.length} sensors, ${row.n} ok readings, min ${fmt(row.mn)} max ${fmt(row.mx)} °F` +
            (row.out > 0
              ? `; ${row.out} outside 55–90, worst ${fmt(row.worst)} °F on ${ctx.entities.label(row.worst_id)} at ${iso(Number(row.worst_t))}`
              : ''),
        );
  const occ =
    row.occ_n === 0
      ? notApplicable(CAT, 'occupied-zone-temp', occTitle, `no ok readings on weekdays 8:00–18:00 ${ctx.timeZone} in the range`)
      : check(
          CAT,
          'occupied-zone-temp',
          occTitle,
          row.occ! >= 70 && row.occ! <= 76,
          `avg ${fmt(row.occ, 2)} °F over ${row.occ_n} readings, weekdays 8:00–18:00 ${ctx.timeZone} at an occupied setpoint (expected 70–76)`,
        );
  return [range, occ];
}

const fanOf = (ctx: ValidationContext, ahu: StoreEntity) =>
  ctx.entities.pointOf(ahu, 'discharge fan run sensor') ?? ctx.entities.pointOf(ahu, 'fan run sensor');

async function ahuAirflow(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = "AHU airflow ≈ sum of its VAVs' (±15%) while the fan runs";
  const members: Member[] = [];
  for (const ahu of ctx.entities.find('ahu equip')) {
    const fan = fanOf(ctx, ahu);
    const flow = ctx.entities.pointOf(ahu, 'discharge air flow sensor');
    const vavFlows = ctx.entities
      .find('vav equip')
      .filter((vav) => ctx.entities.ref(vav, 'airRef')?.id === ahu.id)
      .map((vav) => ctx.entities.pointOf(vav, 'discharge air flow sensor'));
    if (!fan || !flow || vavFlows.length === 0 || vavFlows.some((f) => !f)) continue;
    members.push({ group: ahu.id, role: 'fan', point: fan.id }, { group: ahu.id, role: 'ahuFlow', point: flow.id });
    for (const f of vavFlows) members.push({ group: ahu.id, role: 'vavFlow', point: f!.id });
  }
  if (members.length === 0) return notApplicable(CAT, 'ahu-airflow', title, 'no AHU with fan status, airflow and VAV airflows');
  const sql = alignedSql(ctx, { fan: 'Bool', ahuFlow: 'Number', vavFlow: 'Number' });
  const [r] = await ctx.query<{
    n: number;
    ok: number;
    ratio: number | null;
    worst: number | null;
    worst_grp: number | null;
    worst_t: number | null;
  }>(
    'AHU and VAV airflow',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE abs(a."ahuFlow" - a."vavFlow") <= 0.15 * a."vavFlow")::float8 AS ok,
            avg(a."ahuFlow" / a."vavFlow") AS ratio, max(abs(a."ahuFlow" / a."vavFlow" - 1)) AS worst,
            (array_agg(a.grp ORDER BY abs(a."ahuFlow" / a."vavFlow" - 1) DESC))[1] AS worst_grp,
            (array_agg(a.t ORDER BY abs(a."ahuFlow" / a."vavFlow" - 1) DESC))[1] AS worst_t
       FROM ${sql} a WHERE a.fan AND a."vavFlow" > 0`,
    alignedParams(ctx, members),
  );
  const s = share(r.ok, r.n);
  return check(
    CAT,
    'ahu-airflow',
    title,
    s >= RELATION_SHARE,
    r.n === 0
      ? 'n/a: no readings with the fan running and every VAV ok'
      : `AHU/ΣVAV avg ${fmt(r.ratio, 3)}; within 15% in ${pct(s)} of ${r.n} fan-on readings (need ${pct(RELATION_SHARE)}); worst ${pct(Number(r.worst))} off on ${ctx.entities.label(r.worst_grp)} at ${iso(Number(r.worst_t))}`,
  );
}

const STATIC_OFF_LIMIT: Record<string, number> = { 'inH₂O': 0.1, Pa: 24.9, kPa: 0.0249 };

async function ahuStaticOff(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'AHU fan off → duct static < 0.1 inH₂O';
  const members: Member[] = [];
  const limits: [number, number][] = [];
  for (const ahu of ctx.entities.find('ahu equip')) {
    const fan = fanOf(ctx, ahu);
    const sp = ctx.entities.pointOf(ahu, 'discharge air pressure sensor');
    const limit = sp && STATIC_OFF_LIMIT[String(sp.tags.unit)];
    if (!fan || !sp || limit === undefined) continue;
    members.push({ group: ahu.id, role: 'fan', point: fan.id }, { group: ahu.id, role: 'pressure', point: sp.id });
    limits.push([ahu.id, limit]);
  }
  if (members.length === 0) return notApplicable(CAT, 'ahu-static-off', title, 'no AHU with fan status and duct static pressure');
  const [r] = await ctx.query<{ n: number; ok: number; mx: number | null; worst_grp: number | null }>(
    'AHU static pressure',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE a.pressure < l.lim)::float8 AS ok, max(a.pressure) AS mx,
            (array_agg(a.grp ORDER BY a.pressure / l.lim DESC))[1] AS worst_grp
       FROM ${alignedSql(ctx, { fan: 'Bool', pressure: 'Number' })} a
       JOIN unnest($7::int[], $8::float8[]) AS l(grp, lim) ON l.grp = a.grp
      WHERE NOT a.fan`,
    [...alignedParams(ctx, members), limits.map((l) => l[0]), limits.map((l) => l[1])],
  );
  const s = share(r.ok, r.n);
  return check(
    CAT,
    'ahu-static-off',
    title,
    s >= RELATION_SHARE,
    r.n === 0
      ? 'n/a: no fan-off readings'
      : `max ${fmt(r.mx, 2)} with the fan off (${ctx.entities.label(r.worst_grp)}); below the limit in ${pct(s)} of ${r.n} readings (need ${pct(RELATION_SHARE)})`,
  );
}

async function dewPoint(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'outside dew point ≤ dry bulb';
  const members: Member[] = [];
  for (const e of ctx.entities.all) {
    if (hasMarkers(e, 'point')) continue;
    const dew = ctx.entities.pointOf(e, 'outside air dewPoint sensor');
    const temp = ctx.entities.pointOf(e, 'outside air temp sensor');
    if (!dew || !temp || dew.tags.unit !== temp.tags.unit) continue;
    members.push({ group: e.id, role: 'dew', point: dew.id }, { group: e.id, role: 'temp', point: temp.id });
  }
  if (members.length === 0) return notApplicable(CAT, 'dew-point', title, 'no outside dew point with a dry-bulb sensor beside it');
  const [r] = await ctx.query<{ n: number; ok: number; spread: number | null; mn: number | null }>(
    'outside dew point',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE a.dew <= a.temp + 0.5)::float8 AS ok,
            avg(a.temp - a.dew) AS spread, min(a.temp - a.dew) AS mn
       FROM ${alignedSql(ctx, { dew: 'Number', temp: 'Number' })} a`,
    alignedParams(ctx, members),
  );
  if (r.n === 0) return notApplicable(CAT, 'dew-point', title, 'no aligned ok readings in the range');
  const s = share(r.ok, r.n);
  return check(
    CAT,
    'dew-point',
    title,
    s >= RELATION_SHARE,
    `dry bulb − dew point avg ${fmt(r.spread)} min ${fmt(r.mn)}; dew ≤ dry bulb + 0.5 in ${pct(s)} of ${r.n} readings (need ${pct(RELATION_SHARE)})`,
  );
}
