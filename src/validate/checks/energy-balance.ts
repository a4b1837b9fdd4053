import { inGridOutage } from './grid-outage.js';
import { fmt, listSome, pct, refId, type StoreEntity } from '../entity-index.js';
import type { ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';
import { alignedParams, alignedSql, RELATION_SHARE, share, type Member } from './aligned-readings.js';

const CAT = 'physics' as const;

/** Meters: sub-meters below the main, service voltage and power factor, registers = ∫ rate. */
export async function energyChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  return [await submeters(ctx), await voltage(ctx), await powerFactor(ctx), await registerIntegrals(ctx)];
}

const powerOf = (ctx: ValidationContext, meter: StoreEntity) => ctx.entities.pointOf(meter, 'elec power sensor');

async function submeters(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'sum of sub-meter power < main meter power';
  const members: Member[] = [];
  for (const main of ctx.entities.find('elec meter equip siteMeter')) {
    const mainPower = powerOf(ctx, main);
    const subs = ctx.entities.all.filter((s) => refId(s, 'submeterOf') === main.hid).map((s) => powerOf(ctx, s));
    if (!mainPower || subs.length === 0 || subs.some((p) => !p)) continue;
    members.push(
      { group: main.id, role: 'main', point: mainPower.id },
      ...subs.map((p) => ({ group: main.id, role: 'subs', point: p!.id })),
    );
  }
  if (members.length === 0) return notApplicable(CAT, 'submeters-below-main', title, 'no electric site meter with powered sub-meters');
  const [r] = await ctx.query<{ n: number; ok: number; ratio: number | null; mx: number | null; worst_t: number | null }>(
    'sub-meter power',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE a.subs < a.main)::float8 AS ok,
            avg(a.subs / nullif(a.main, 0)) AS ratio, max(a.subs / nullif(a.main, 0)) AS mx,
            (array_agg(a.t ORDER BY a.subs - a.main DESC))[1] AS worst_t
       FROM ${alignedSql(ctx, { main: 'Number', subs: 'Number' })} a`,
    alignedParams(ctx, members),
  );
  if (r.n === 0) return notApplicable(CAT, 'submeters-below-main', title, 'no timestamps in the range with every meter ok');
  const s = share(r.ok, r.n);
  return check(
    CAT,
    'submeters-below-main',
    title,
    s >= RELATION_SHARE,
    `Σsub/main avg ${pct(Number(r.ratio))}, max ${pct(Number(r.mx))}; below main at ${pct(s)} of ${r.n} timestamps (need ${pct(RELATION_SHARE)})` +
      (s < 1 ? `, worst at ${new Date(Number(r.worst_t)).toISOString()}` : ''),
  );
}

/**
 * Nominal service voltages; the band is ±5 % (ANSI C84.1 range A), ±6 % for IEC 230/400/415 V and an 11 kV
 * HT supply (Indian statutory limits, CEA supply regulations). A bus dead in a labelled utility outage is not judged.
 */
const NOMINAL_VOLTS = [120, 208, 230, 240, 277, 400, 415, 480, 600, 11_000];
const band = (nominal: number) => ([230, 400, 415, 11_000].includes(nominal) ? 0.06 : 0.05);

async function voltage(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'service voltage within ±5% of nominal';
  const pts = ctx.entities
    .find('point elec volt sensor')
    .filter((p) => p.tags.unit === 'V' && ctx.entities.equipOf(p)?.tags.meter === true);
  if (pts.length === 0) return notApplicable(CAT, 'voltage', title, 'no meter voltage points in V');
  const v = ctx.values;
  // a bus the utility's outage left dead reads 0 V (ground truth `grid-outage`, and the interval straddling each end)
  const live = `NOT ${inGridOutage('v.ts', ctx.orgId, ctx.intervalMs / 1000)}`;
  const avgs = await ctx.query<{ id: number; avg: number | null }>(
    'meter voltage',
    `SELECT v.entity_id AS id, avg(v.value_n)::float8 AS avg FROM ${v.table} v
      WHERE ${v.inRange('v')} AND v.entity_id = ANY($3::int[]) AND v.status = 'ok' AND ${live} GROUP BY v.entity_id`,
    [...v.rangeParams, pts.map((p) => p.id)],
  );
  const bands = avgs
    .filter((a) => a.avg !== null)
    .map((a) => {
      const nominal = NOMINAL_VOLTS.reduce((best, n) => (Math.abs(n - a.avg!) < Math.abs(best - a.avg!) ? n : best));
      return { id: Number(a.id), avg: a.avg!, nominal, lo: nominal * (1 - band(nominal)), hi: nominal * (1 + band(nominal)) };
    });
  if (bands.length === 0) return notApplicable(CAT, 'voltage', title, 'no ok voltage readings in the range');
  const [r] = await ctx.query<{ n: number; out: number; mn: number; mx: number }>(
    'meter voltage band',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE v.value_n < b.lo OR v.value_n > b.hi)::float8 AS out,
            min(v.value_n)::float8 AS mn, max(v.value_n)::float8 AS mx
       FROM ${v.table} v JOIN unnest($3::int[], $4::float8[], $5::float8[]) AS b(id, lo, hi) ON b.id = v.entity_id
      WHERE ${v.inRange('v')} AND v.entity_id = ANY($3::int[]) AND v.status = 'ok' AND v.value_n IS NOT NULL AND ${live}`,
    [...v.rangeParams, bands.map((b) => b.id), bands.map((b) => b.lo), bands.map((b) => b.hi)],
  );
  const b0 = bands[0]!;
  return check(
    CAT,
    'voltage',
    title,
    r.out === 0,
    `${bands.length} meters, ${r.n} readings, ${fmt(r.mn)}–${fmt(r.mx)} V (avg ${fmt(b0.avg)}, nominal ${b0.nominal} V, band ${fmt(b0.lo, 0)}–${fmt(b0.hi, 0)}); ${r.out} outside`,
  );
}

/**
 * Below 0.80 at a meter a utility penalises and an APFC panel would be failing; a capacitor bank can carry a
 * light load to unity, never past it. The site meter and its direct sub-meters only: a motor idling reads
 * 0.2–0.5, as it should, and so may a feeder's meter below the bus the capacitors correct (an MCC's motors at
 * part load read 0.7).
 */
async function powerFactor(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'meter power factor 0.80–1.00';
  const pts = ctx.entities
    .find('point elec pf sensor')
    .filter((p) => p.tags.unit === 'pf' || p.tags.unit === '%' || p.tags.unit === undefined)
    .filter((p) => {
      const meter = ctx.entities.equipOf(p);
      if (meter?.tags.meter !== true) return false;
      const above = ctx.entities.ref(meter, 'submeterOf');
      return above === undefined || ctx.entities.ref(above, 'submeterOf') === undefined;
    });
  if (pts.length === 0) return notApplicable(CAT, 'power-factor', title, 'no power factor points');
  const v = ctx.values;
  const [r] = await ctx.query<{ n: number; out: number; mn: number | null; mx: number | null }>(
    'power factor',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE pf < 0.80 OR pf > 1)::float8 AS out, min(pf) AS mn, max(pf) AS mx
       FROM (SELECT v.value_n::float8 / s.scale AS pf FROM ${v.table} v
               JOIN unnest($3::int[], $4::float8[]) AS s(id, scale) ON s.id = v.entity_id
              WHERE ${v.inRange('v')} AND v.entity_id = ANY($3::int[]) AND v.status = 'ok' AND v.value_n IS NOT NULL) x`,
    [...v.rangeParams, pts.map((p) => p.id), pts.map((p) => (p.tags.unit === '%' ? 100 : 1))],
  );
  if (r.n === 0) return notApplicable(CAT, 'power-factor', title, 'no ok readings in the range');
  return check(CAT, 'power-factor', title, r.out === 0, `${r.n} readings, ${fmt(r.mn, 3)}–${fmt(r.mx, 3)}; ${r.out} outside`);
}

/** Register unit → rate unit and the factor turning rate × milliseconds into register units. */
const RATE_OF: Readonly<Record<string, readonly [string, number]>> = {
  kWh: ['kW', 1 / 3_600_000],
  Wh: ['W', 1 / 3_600_000],
  MWh: ['MW', 1 / 3_600_000],
  'ft³': ['cfh', 1 / 3_600_000],
  'm³': ['m³/h', 1 / 3_600_000],
  gal: ['gal/min', 1 / 60_000],
  L: ['L/min', 1 / 60_000],
};

/** A register and the rate point on the same equip it integrates. */
function pairs(ctx: ValidationContext): { reg: StoreEntity; rate: StoreEntity; factor: number }[] {
  const out: { reg: StoreEntity; rate: StoreEntity; factor: number }[] = [];
  for (const reg of ctx.entities.find('point hisTotalized')) {
    const equip = ctx.entities.equipOf(reg);
    const rateOf = RATE_OF[String(reg.tags.unit)];
    if (!equip || !rateOf) continue;
    let rates = ctx.entities.pointsOf(equip, 'sensor', 'hisTotalized').filter((p) => p.tags.unit === rateOf[0]);
    if (rates.length > 1) rates = rates.filter((p) => p.tags.total === true);
    if (rates.length === 1) out.push({ reg, rate: rates[0]!, factor: rateOf[1] });
  }
  return out;
}

/**
 * Over each local day, the register's increase equals the integral of its
 * rate (±5 %). Only steps where both readings of both points are ok count
 * (a stale block freezes the register and a fault hides the rate), summed as
 * trapezoids: over a day the left/right-sum convention of a meter telescopes
 * to half a step of power, well inside the tolerance.
 */
async function registerIntegrals(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'register increase per day ≈ ∫ rate dt (±5%)';
  const ps = pairs(ctx);
  if (ps.length === 0) return notApplicable(CAT, 'register-integral', title, 'no register with a rate point beside it');
  const members: Member[] = ps.flatMap((p, i) => [
    { group: i, role: 'reg', point: p.reg.id },
    { group: i, role: 'rate', point: p.rate.id },
  ]);
  // a day counts when a quarter of its steps (or half of a shorter range) are usable
  const rangeSteps = Math.floor((ctx.range.end - ctx.range.start) / ctx.intervalMs);
  const minSteps = Math.max(2, Math.min(Math.floor(86_400_000 / ctx.intervalMs / 4), Math.floor(rangeSteps / 2)));
  const rows = await ctx.query<{ grp: number; day: string; delta: number; integral: number; steps: number }>(
    'registers and rates by day',
    `SELECT grp, day, sum(dreg) AS delta, sum(area) AS integral, count(*)::float8 AS steps
       FROM (SELECT a.grp, to_char(to_timestamp(lag(a.t) OVER w / 1000) AT TIME ZONE $9::text, 'YYYY-MM-DD') AS day,
                    a.reg - lag(a.reg) OVER w AS dreg,
                    (a.rate + lag(a.rate) OVER w) / 2 * (a.t - lag(a.t) OVER w) * f.factor AS area,
                    a.t - lag(a.t) OVER w AS dt
               FROM ${alignedSql(ctx, { reg: 'Number', rate: 'Number' })} a
               JOIN unnest($7::int[], $8::float8[]) AS f(grp, factor) ON f.grp = a.grp
             WINDOW w AS (PARTITION BY a.grp ORDER BY a.t)) s
      WHERE dt = $10::float8
      GROUP BY grp, day
     HAVING count(*) >= $11::int
      ORDER BY grp, day`,
    [...alignedParams(ctx, members), ps.map((_, i) => i), ps.map((p) => p.factor), ctx.timeZone, ctx.intervalMs, minSteps],
  );
  let worst: { err: number; text: string } | undefined;
  const bad: string[] = [];
  for (const r of rows) {
    const p = ps[Number(r.grp)]!;
    const unit = String(p.reg.tags.unit);
    const err = Math.abs(r.delta - r.integral) / Math.max(Math.abs(r.integral), 1e-9);
    const text = `${p.reg.hid} ${r.day}: +${fmt(r.delta)} vs ∫ ${fmt(r.integral)} ${unit} over ${r.steps} steps`;
    // half a unit of slack: registers report to 0.1 and an idle chiller integrates to ~0
    const off = Math.abs(r.delta - r.integral) > 0.05 * Math.abs(r.integral) + 0.5;
    if (off) bad.push(text);
    if (Math.abs(r.integral) >= 10 && (!worst || err > worst.err)) worst = { err, text };
  }
  if (rows.length === 0) {
    // under a day, a stale block, a fault or a historian gap may leave no run of usable steps: nothing to judge
    if (ctx.range.end - ctx.range.start < 86_400_000)
      return notApplicable(CAT, 'register-integral', title, `no run of ${minSteps}+ consecutive ok steps in a range under a day`);
    return check(CAT, 'register-integral', title, false, `${ps.length} registers but no day with ${minSteps}+ steps of ok readings`);
  }
  return check(
    CAT,
    'register-integral',
    title,
    bad.length === 0,
    bad.length
      ? `${bad.length} of ${rows.length} register-days off by > 5%: ${listSome(bad)}`
      : `${ps.length} registers, ${rows.length} register-days, all within 5%${worst ? ` (worst ${pct(worst.err)}: ${worst.text})` : ''}`,
  );
}
