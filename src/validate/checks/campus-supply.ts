import { fmt, listSome, pct, refId, type StoreEntity } from '../entity-index.js';
import type { EquipSeries } from '../equip-series.js';
import { inGridOutage } from './grid-outage.js';
import type { ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';

const CAT = 'physics' as const;

/**
 * The HT incomer: the meter without a `submeterOf` that the others are sub-meters of reads the transformers'
 * HV side, so it equals Σ transformer LV meters + Σ transformer losses within 2 %. Which sub-meters measure a
 * transformer's LV side the store does not say (the meters carry `submeterOf` only): a sub-meter is taken as
 * a transformer's when its mean kW over the minutes both read unlabelled is within 0.5 % of that transformer's output.
 */
export async function incomerBalance(ctx: ValidationContext, series: EquipSeries): Promise<ValidationCheck> {
  const title = 'HT incomer = Σ transformer LV meters + losses within 2%';
  const id = 'campus-incomer-balance';
  const trfs = ctx.entities.find('elec transformer equip');
  const meters = ctx.entities.find('elec meter equip');
  const main = meters.find((m) => !refId(m, 'submeterOf') && meters.some((s) => refId(s, 'submeterOf') === m.hid));
  if (trfs.length === 0 || !main) return notApplicable(CAT, id, title, 'no transformers under a metered incomer');
  const subs = meters.filter((s) => refId(s, 'submeterOf') === main.hid);
  // over the minutes both read unlabelled: a stale or faulty block on one of them is not a different load
  const sameLoad = async (t: StoreEntity, s: StoreEntity) => {
    const a = series.rows(t, ['active_power_kw']);
    const b = series.rows(s, ['active_power_kw']);
    if (!a || !b) return false;
    const [r] = await ctx.query<{ n: number; ma: number | null; mb: number | null }>(
      `${s.hid} against ${t.hid}`,
      `SELECT count(*)::float8 AS n, avg(a.active_power_kw) AS ma, avg(b.active_power_kw) AS mb FROM ${a} a JOIN ${b} b ON a.t = b.t`,
    );
    return !!r && r.n > 0 && r.ma !== null && r.mb !== null && Math.abs(r.mb - r.ma) <= 0.005 * Math.max(r.ma, 1);
  };
  const lv: StoreEntity[] = [];
  const unmatched: string[] = [];
  for (const t of trfs) {
    let match: StoreEntity | undefined;
    for (const s of subs)
      if (!lv.includes(s) && (await sameLoad(t, s))) {
        match = s;
        break;
      }
    if (match) lv.push(match);
    else unmatched.push(t.hid);
  }
  if (unmatched.length) return check(CAT, id, title, false, `no sub-meter of ${main.hid} reads the LV side of ${listSome(unmatched)}`);
  const parts = [
    series.rows(main, ['active_power_kw'])?.replace(/^/, `SELECT r.t, 0 AS role, r.active_power_kw AS kw FROM `),
    ...lv.map((m) => series.rows(m, ['active_power_kw'])?.replace(/^/, 'SELECT r.t, 1 AS role, r.active_power_kw AS kw FROM ')),
    ...trfs.map((t) => series.rows(t, ['losses_kw'])?.replace(/^/, 'SELECT r.t, 2 AS role, r.losses_kw AS kw FROM ')),
  ];
  if (parts.some((p) => p === undefined)) return notApplicable(CAT, id, title, 'a meter or transformer lacks active_power_kw / losses_kw');
  const [r] = await ctx.query<{ n: number; off: number; worst: number | null; worst_t: number | null; ratio: number | null }>(
    'the incomer balance',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE abs(main - lv - loss) > 0.02 * main)::float8 AS off,
            max(abs(main - lv - loss) / main) AS worst, (array_agg(t ORDER BY abs(main - lv - loss) / main DESC))[1] AS worst_t,
            avg((lv + loss) / main) AS ratio
       FROM (SELECT t, sum(kw) FILTER (WHERE role = 0) AS main, sum(kw) FILTER (WHERE role = 1) AS lv,
                    sum(kw) FILTER (WHERE role = 2) AS loss, count(*) AS parts
               FROM (${parts.map((p) => `${p} r`).join(' UNION ALL ')}) u GROUP BY t) a
      -- every meter and transformer unlabelled at t, and the grid feeding the campus
      WHERE parts = ${parts.length} AND main > 0.01 * (SELECT max(r.active_power_kw) FROM ${series.allRows(main, ['active_power_kw'])} r)`,
  );
  if (!r || r.n === 0) return notApplicable(CAT, id, title, 'no timestamp with the incomer, every LV meter and transformer unlabelled');
  return check(
    CAT,
    id,
    title,
    r.off === 0,
    `${main.hid} vs Σ ${lv.length} LV meters (${listSome(lv.map((m) => m.hid))}) + losses over ${r.n} timestamps: ratio avg ${fmt(r.ratio, 4)}, worst ${pct(Number(r.worst))} at ${new Date(Number(r.worst_t)).toISOString()}; ${r.off} off by > 2%`,
  );
}

/**
 * DG sets carry load only inside a ground-truth grid outage (one interval of edge each side: the ATS moves
 * within seconds, the meter's minute straddles it) or for a while after the grid returns: an ATS waits with the
 * grid back before it hands its buses back (its retransfer timer, adjustable to 30 minutes on common
 * controllers), then the set runs unloaded to cool down (at most 15 minutes). Running otherwise is the weekly
 * off-load test, so it carries no load and lasts at most two hours a week per set.
 */
const RETRANSFER_MAX_S = 30 * 60;
const COOL_DOWN_MAX_S = 15 * 60;

export async function gensetDuty(ctx: ValidationContext, series: EquipSeries): Promise<ValidationCheck> {
  const title = 'DG sets carry load only in grid outages (and their retransfer delay), run otherwise only to cool down or on no-load tests';
  const id = 'campus-dg-duty';
  const dgs = ctx.entities.find('elec genset equip');
  if (dgs.length === 0) return notApplicable(CAT, id, title, 'no DG sets');
  const weeks = Math.max(1, Math.ceil((ctx.range.end - ctx.range.start) / (7 * 86_400_000)));
  const edge = Math.round(ctx.intervalMs);
  const [o] = await ctx.query<{ n: number; minutes: number | null }>(
    'grid outages',
    `SELECT count(*)::float8 AS n, sum(extract(epoch FROM end_ts - start_ts))::float8 / 60 AS minutes FROM core.haysim_event
      WHERE org_id = $1 AND type = 'grid-outage' AND end_ts > $2::timestamptz AND start_ts < $3::timestamptz`,
    [ctx.orgId, new Date(ctx.range.start).toISOString(), new Date(ctx.range.end).toISOString()],
  );
  const bad: string[] = [];
  let loadedIn = 0;
  let loadedAfter = 0;
  let rows = 0;
  let testMin = 0;
  for (const e of dgs) {
    const sql = series.rows(e, ['run_status', 'active_power_kw']);
    if (!sql) continue;
    const [r] = await ctx.query<{ n: number; load_out: number; load_in: number; load_after: number; run_out: number }>(
      `duty of ${e.hid}`,
      `SELECT count(*)::float8 AS n,
              count(*) FILTER (WHERE active_power_kw > 1 AND NOT handing_back)::float8 AS load_out,
              count(*) FILTER (WHERE active_power_kw > 1 AND inside)::float8 AS load_in,
              count(*) FILTER (WHERE active_power_kw > 1 AND handing_back AND NOT near)::float8 AS load_after,
              count(*) FILTER (WHERE run_status > 0 AND NOT cooling)::float8 AS run_out
         FROM (SELECT r.*,
                      ${inGridOutage('r.ts', ctx.orgId)} AS inside,
                      ${inGridOutage('r.ts', ctx.orgId, edge / 1000)} AS near,
                      ${inGridOutage('r.ts', ctx.orgId, edge / 1000, RETRANSFER_MAX_S)} AS handing_back,
                      ${inGridOutage('r.ts', ctx.orgId, edge / 1000, RETRANSFER_MAX_S + COOL_DOWN_MAX_S)} AS cooling
                 FROM ${sql} r) x`,
    );
    if (!r) continue;
    rows += r.n;
    loadedIn += r.load_in;
    loadedAfter += r.load_after;
    const runMin = (r.run_out * ctx.intervalMs) / 60_000;
    testMin = Math.max(testMin, runMin);
    if (r.load_out > 0) bad.push(`${e.hid} loaded at ${r.load_out} rows outside outages and their retransfer delay`);
    if (runMin > 120 * weeks) bad.push(`${e.hid} ran ${fmt(runMin, 0)} min outside outages`);
  }
  if (rows === 0) return notApplicable(CAT, id, title, 'no unlabelled DG rows in the range');
  return check(
    CAT,
    id,
    title,
    bad.length === 0,
    `${dgs.length} sets, ${rows} rows; ${o?.n ?? 0} grid outages (${fmt(o?.minutes ?? 0, 0)} min), ${loadedIn} loaded set-rows inside them, ${loadedAfter} after the grid's return; longest off-outage run ${fmt(testMin, 0)} min (≤ ${120 * weeks})${bad.length ? `; ${listSome(bad)}` : ''}`,
  );
}
