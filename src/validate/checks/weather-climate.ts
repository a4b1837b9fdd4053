import { wetBulbF } from '../../sim/relations/psychrometrics.js';
import { fmt, listSome, pct, type StoreEntity } from '../entity-index.js';
import { iso, type ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';
import { alignedParams, alignedSql, RELATION_SHARE, share, toFahrenheit, type Member } from './aligned-readings.js';

const CAT = 'physics' as const;
/** Readings allowed beyond a climate limit: a sensor spike or a freak hour, not a habit. */
const RARE = 0.001;
/** Hour-to-hour changes above 10 °F come only with sharp fronts and thunderstorm outflows: a few hours a year. */
const FRONT_RATE_F = 10;
const FRONT_HOURS = 0.005;
/** Beyond this no front does it in an hour (strong cold fronts: 15–20 °F). */
const MAX_RATE_F = 25;

interface Station {
  entity: StoreEntity;
  temp: StoreEntity;
  /** value × a + b = °F */
  conv: [number, number];
  humidity?: StoreEntity;
  dew?: StoreEntity;
  wet?: StoreEntity;
  latitude?: number;
}

/**
 * The outdoor weather a station reports, against physics and the climates of the Earth: the wet
 * bulb (from dry bulb and RH) stays below what sea surfaces can feed, a reported wet bulb lies
 * between dew point and dry bulb, outside air changes no faster than fronts move it, and each
 * full month's mean lies within the climates found at the station's latitude in that season.
 */
export async function weatherClimateChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  const stations = findStations(ctx);
  const titles = {
    wet: 'outside wet bulb ≤ 82 °F (86 °F in the tropics)',
    order: 'outside dew point ≤ wet bulb ≤ dry bulb',
    rate: `outside air changes ≤ ${FRONT_RATE_F} °F/h but at fronts, never > ${MAX_RATE_F} °F/h`,
    month: "monthly mean outside air within the climates of the station's latitude",
  };
  if (stations.length === 0)
    return Object.entries(titles).map(([k, t]) =>
      notApplicable(CAT, `outside-${k}`, t, 'no weather station with an outside air temp sensor'),
    );
  return [
    await wetBulbLimit(ctx, stations, titles.wet),
    await wetBulbOrder(ctx, stations, titles.order),
    await changeRate(ctx, stations, titles.rate),
    await monthlyMeans(ctx, stations, titles.month),
  ];
}

function findStations(ctx: ValidationContext): Station[] {
  const out: Station[] = [];
  for (const entity of ctx.entities.find('weatherStation')) {
    const temp = ctx.entities.pointOf(entity, 'outside air temp sensor');
    const conv = temp && toFahrenheit(temp.tags.unit);
    if (!temp || !conv) continue;
    const sameUnit = (p: StoreEntity | undefined) => (p && p.tags.unit === temp.tags.unit ? p : undefined);
    const humidity = ctx.entities.pointOf(entity, 'outside air humidity sensor');
    const coord = entity.tags.geoCoord as { lat?: unknown } | undefined;
    out.push({
      entity,
      temp,
      conv,
      humidity: humidity && ['%RH', '%'].includes(String(humidity.tags.unit)) ? humidity : undefined,
      dew: sameUnit(ctx.entities.pointOf(entity, 'outside air dewPoint sensor')),
      wet: sameUnit(ctx.entities.pointOf(entity, 'outside air wetBulb sensor')),
      latitude: typeof coord?.lat === 'number' ? coord.lat : undefined,
    });
  }
  return out;
}

/** Conversion table joined as c(grp, a, b): parameters after the aligned-readings ones. */
const convSql = (first: number) => `unnest($${first}::int[], $${first + 1}::float8[], $${first + 2}::float8[]) AS c(grp, a, b)`;
const convParams = (stations: Station[]) => [
  stations.map((s) => s.entity.id),
  stations.map((s) => s.conv[0]),
  stations.map((s) => s.conv[1]),
];

async function wetBulbLimit(ctx: ValidationContext, all: Station[], title: string): Promise<ValidationCheck> {
  const stations = all.filter((s) => s.humidity);
  if (stations.length === 0) return notApplicable(CAT, 'outside-wet', title, 'no outside humidity sensor beside the dry bulb');
  const limit = new Map(stations.map((s) => [s.entity.id, Math.abs(s.latitude ?? 0) < 25 ? 86 : 82]));
  const members: Member[] = stations.flatMap((s) => [
    { group: s.entity.id, role: 'temp', point: s.temp.id },
    { group: s.entity.id, role: 'rh', point: s.humidity!.id },
  ]);
  // the wet bulb never exceeds the dry bulb, so only readings above the lower limit can break it
  const rows = await ctx.query<{ n: number; grp: number | null; t: number | null; f: number | null; rh: number | null }>(
    'outside wet bulb',
    `WITH a AS (SELECT a.grp, a.t, a.temp * c.a + c.b AS f, a.rh FROM ${alignedSql(ctx, { temp: 'Number', rh: 'Number' })} a
                  JOIN ${convSql(7)} ON c.grp = a.grp)
     SELECT (SELECT count(*) FROM a)::float8 AS n, h.grp, h.t, h.f, h.rh FROM (SELECT 1) one LEFT JOIN a h ON h.f > 82`,
    [...alignedParams(ctx, members), ...convParams(stations)],
  );
  const n = Number(rows[0]?.n ?? 0);
  const hot = rows
    .filter((r) => r.f !== null)
    .map((r) => ({ grp: Number(r.grp), t: Number(r.t), wet: wetBulbF(Number(r.f), Number(r.rh)) }));
  const over = hot.filter((h) => h.wet > limit.get(h.grp)!);
  const worst = hot.reduce((w, h) => (h.wet > (w?.wet ?? -Infinity) ? h : w), undefined as (typeof hot)[number] | undefined);
  return check(
    CAT,
    'outside-wet',
    title,
    n > 0 && share(over.length, n) <= RARE,
    n === 0
      ? 'no aligned ok readings'
      : hot.length === 0
        ? `dry bulb ≤ 82 °F in all ${n} readings, so no wet bulb can pass the limit`
        : `max wet bulb ${fmt(worst?.wet ?? null)} °F${worst ? ` at ${iso(worst.t)}` : ''}; above the limit in ${pct(share(over.length, n))} of ${n} readings (allowed ${pct(RARE)})`,
  );
}

async function wetBulbOrder(ctx: ValidationContext, all: Station[], title: string): Promise<ValidationCheck> {
  const stations = all.filter((s) => s.dew && s.wet);
  if (stations.length === 0) return notApplicable(CAT, 'outside-order', title, 'no station reports both dew point and wet bulb');
  const members: Member[] = stations.flatMap((s) => [
    { group: s.entity.id, role: 'temp', point: s.temp.id },
    { group: s.entity.id, role: 'dew', point: s.dew!.id },
    { group: s.entity.id, role: 'wet', point: s.wet!.id },
  ]);
  // 0.5 °F: the sensors' resolution and noise
  const [r] = await ctx.query<{ n: number; ok: number }>(
    'outside wet bulb order',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE a.dew <= a.wet + 0.5 * c.a AND a.wet <= a.temp + 0.5 * c.a)::float8 AS ok
       FROM ${alignedSql(ctx, { temp: 'Number', dew: 'Number', wet: 'Number' })} a JOIN ${convSql(7)} ON c.grp = a.grp`,
    [...alignedParams(ctx, members), ...convParams(stations)],
  );
  const s = share(r.ok, r.n);
  return check(
    CAT,
    'outside-order',
    title,
    r.n > 0 && s >= RELATION_SHARE,
    r.n === 0 ? 'no aligned ok readings' : `holds in ${pct(s)} of ${r.n} readings (need ${pct(RELATION_SHARE)})`,
  );
}

/** Hourly means of each station's dry bulb in °F, as SQL with columns grp, hour (epoch ms), f, n. */
function hourlySql(ctx: ValidationContext): string {
  const v = ctx.values;
  return `(SELECT c.grp, floor(${v.epochMs('v')} / 3600000) * 3600000 AS hour, avg(v.value_n::float8 * c.a + c.b) AS f, count(*) AS n
      FROM ${v.table} v JOIN unnest($3::int[], $4::int[], $5::float8[], $6::float8[]) AS c(grp, id, a, b) ON c.id = v.entity_id
     WHERE ${v.inRange('v')} AND v.entity_id = ANY($4::int[]) AND v.status = 'ok' AND v.value_n IS NOT NULL
     GROUP BY 1, 2)`;
}
const hourlyParams = (ctx: ValidationContext, stations: Station[]) => [
  ...ctx.values.rangeParams,
  stations.map((s) => s.entity.id),
  stations.map((s) => s.temp.id),
  stations.map((s) => s.conv[0]),
  stations.map((s) => s.conv[1]),
];

async function changeRate(ctx: ValidationContext, stations: Station[], title: string): Promise<ValidationCheck> {
  const [r] = await ctx.query<{ n: number; fast: number; mx: number | null; grp: number | null; t: number | null }>(
    'outside air rate of change',
    `WITH d AS (SELECT grp, hour, abs(f - lag(f) OVER w) AS d, hour - lag(hour) OVER w AS gap
                  FROM ${hourlySql(ctx)} h WINDOW w AS (PARTITION BY grp ORDER BY hour))
     SELECT count(*)::float8 AS n, count(*) FILTER (WHERE d > ${FRONT_RATE_F})::float8 AS fast, max(d) AS mx,
            (array_agg(grp ORDER BY d DESC))[1] AS grp, (array_agg(hour ORDER BY d DESC))[1] AS t
       FROM d WHERE gap = 3600000`,
    hourlyParams(ctx, stations),
  );
  if (r.n === 0) return notApplicable(CAT, 'outside-rate', title, 'fewer than two consecutive hours of ok readings');
  const s = share(r.fast, r.n);
  return check(
    CAT,
    'outside-rate',
    title,
    s <= FRONT_HOURS && Number(r.mx) <= MAX_RATE_F,
    `max ${fmt(r.mx)} °F/h on ${ctx.entities.label(r.grp)} at ${iso(Number(r.t))}; > ${FRONT_RATE_F} °F/h in ${pct(s)} of ${r.n} hours (allowed ${pct(FRONT_HOURS)})`,
  );
}

/**
 * Where the world's monthly mean surface air temperatures lie at a latitude in a month, °F: the
 * zonal mean (27 − 40·sin²φ °C over the year, swinging ±(1 + 20·sin^1.5 φ) °C with the seasons,
 * warmest in late July north and late January south), widened for what geography adds: deserts
 * up to 14 °C warmer, highlands 15 °C colder, and in winter (growing with the swing) continental
 * interiors far colder and ocean-warmed coasts (Iceland, Norway) far warmer.
 */
export function climateBandF(latitude: number, month: number): [number, number] {
  const s = Math.sin((Math.abs(latitude) * Math.PI) / 180);
  const swing = 1 + 20 * s ** 1.5;
  const season = Math.cos((2 * Math.PI * (month + 0.5 - 6.6)) / 12) * (latitude < 0 ? -1 : 1);
  const mean = 27 - 40 * s * s + swing * season;
  const winter = swing * (1 - season);
  const toF = (c: number) => c * 1.8 + 32;
  return [toF(mean - 15 - 0.6 * winter), toF(mean + 14 + 0.4 * winter)];
}

async function monthlyMeans(ctx: ValidationContext, all: Station[], title: string): Promise<ValidationCheck> {
  const stations = all.filter((s) => s.latitude !== undefined);
  if (stations.length === 0) return notApplicable(CAT, 'outside-month', title, 'no weather station with a geoCoord');
  const v = ctx.values;
  const rows = await ctx.query<{ grp: number; month: number; label: string; f: number; n: number; days: number }>(
    'monthly outside air means',
    `SELECT grp, extract(month FROM m)::int - 1 AS month, to_char(m, 'YYYY-MM') AS label, avg(f) AS f, count(*)::float8 AS n,
            extract(day FROM m + interval '1 month' - m)::float8 AS days
       FROM (SELECT c.grp, date_trunc('month', ${v.local('v', '$7')}) AS m, v.value_n::float8 * c.a + c.b AS f
               FROM ${v.table} v JOIN unnest($3::int[], $4::int[], $5::float8[], $6::float8[]) AS c(grp, id, a, b) ON c.id = v.entity_id
              WHERE ${v.inRange('v')} AND v.entity_id = ANY($4::int[]) AND v.status = 'ok' AND v.value_n IS NOT NULL) x
      GROUP BY grp, m ORDER BY grp, m`,
    [...hourlyParams(ctx, stations), ctx.timeZone],
  );
  // a month counts when at least 90 % of its readings are there (ok status)
  const full = rows.filter((r) => Number(r.n) >= (0.9 * Number(r.days) * 86_400_000) / ctx.intervalMs);
  if (full.length === 0) return notApplicable(CAT, 'outside-month', title, `no complete month (${ctx.timeZone}) in the range`);
  const latitude = new Map(stations.map((s) => [s.entity.id, s.latitude!]));
  const judged = full.map((r) => {
    const [lo, hi] = climateBandF(latitude.get(Number(r.grp))!, Number(r.month));
    return { text: `${r.label} ${fmt(r.f)} °F (${fmt(lo, 0)}–${fmt(hi, 0)})`, ok: r.f >= lo && r.f <= hi };
  });
  const bad = judged.filter((j) => !j.ok);
  return check(
    CAT,
    'outside-month',
    title,
    bad.length === 0,
    bad.length ? `outside the band: ${listSome(bad.map((b) => b.text))}` : listSome(judged.map((j) => j.text)),
  );
}
