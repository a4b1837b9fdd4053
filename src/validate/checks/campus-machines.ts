import { fmt, hasMarkers, listSome, pct } from '../entity-index.js';
import type { EquipSeries } from '../equip-series.js';
import type { ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';

const CAT = 'physics' as const;

/**
 * Affinity laws on the pumps a VFD panel drives (`elecRef` to an equip with `vfd`): fitted in log-log over
 * running rows, power ∝ speedⁿ with n in 2–3.2 (3 for pure friction head, lower with static head and motor
 * losses) and flow ∝ speed (slope 0.9–1.1). A pump held at one speed has nothing to fit and is left out.
 */
export async function pumpAffinity(ctx: ValidationContext, series: EquipSeries): Promise<ValidationCheck> {
  const title = 'VFD pumps: kW ∝ speedⁿ (n 2–3.2), flow ∝ speed';
  const id = 'campus-pump-affinity';
  const pumps = ctx.entities.find('pump equip').filter((p) => {
    const feeder = ctx.entities.ref(p, 'elecRef');
    return feeder !== undefined && hasMarkers(feeder, 'vfd');
  });
  if (pumps.length === 0) return notApplicable(CAT, id, title, 'no pumps fed through a VFD panel');
  const fits: string[] = [];
  const bad: string[] = [];
  const fixed: string[] = [];
  for (const p of pumps) {
    const sql = series.rows(p, ['speed_percent', 'active_power_kw', 'water_flow_lpm']);
    if (!sql) continue;
    const [r] = await ctx.query<{ n: number; spread: number | null; np: number | null; nq: number | null }>(
      `affinity of ${p.hid}`,
      `SELECT count(*)::float8 AS n, ln(max(speed_percent) / min(speed_percent)) AS spread,
              regr_slope(ln(active_power_kw), ln(speed_percent)) AS np, regr_slope(ln(water_flow_lpm), ln(speed_percent)) AS nq
         FROM ${sql} r WHERE speed_percent > 5 AND active_power_kw > 0 AND water_flow_lpm > 0`,
    );
    // under 10 % of speed range the slope is the noise's
    if (!r || r.n < 30 || r.spread === null || r.spread < 0.1) {
      fixed.push(p.hid);
      continue;
    }
    const text = `${p.hid} n=${fmt(r.np, 2)} flow^${fmt(r.nq, 2)}`;
    fits.push(text);
    if (r.np === null || r.np < 2 || r.np > 3.2 || r.nq === null || r.nq < 0.9 || r.nq > 1.1) bad.push(text);
  }
  if (fits.length === 0) return notApplicable(CAT, id, title, `no VFD pump varied its speed by 10%+ (${listSome(fixed)})`);
  return check(
    CAT,
    id,
    title,
    bad.length === 0,
    `${fits.length} pumps fitted: ${listSome(bad.length ? bad : fits, 4)}${fixed.length ? `; ${fixed.length} at fixed speed` : ''}`,
  );
}

/**
 * The chiller relations of the office tower, on the campus's columns: while running, kW = TR × 3.517 / COP
 * within 2 %, and the chilled-water ΔT rises with load (positive slope and correlation ≥ 0.8 over the
 * running rows; the evaporator flow is constant, so ΔT ∝ load).
 */
export async function campusChillers(ctx: ValidationContext, series: EquipSeries): Promise<ValidationCheck[]> {
  const titles = {
    power: 'chiller kW = TR × 3.517 / COP within 2%',
    dt: 'chilled-water ΔT rises with load',
  };
  const chillers = ctx.entities.find('chiller equip');
  let n = 0;
  let off = 0;
  let worst = 0;
  let worstAt = '';
  const badPower: string[] = [];
  const dts: string[] = [];
  const badDt: string[] = [];
  for (const c of chillers) {
    const sql = series.rows(c, ['run_status', 'active_power_kw', 'cooling_load_tr', 'cop']);
    if (!sql) continue;
    const [r] = await ctx.query<{ n: number; off: number; worst: number | null }>(
      `power of ${c.hid}`,
      `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE abs(active_power_kw - e) > 0.02 * e)::float8 AS off,
              max(abs(active_power_kw - e) / e) AS worst
         FROM (SELECT r.*, r.cooling_load_tr * 3.517 / r.cop AS e FROM ${sql} r
                WHERE r.run_status > 0 AND r.cop > 0 AND r.cooling_load_tr > 0) x`,
    );
    if (!r || r.n === 0) continue;
    n += r.n;
    off += r.off;
    if (r.off > 0) badPower.push(`${c.hid} ${r.off}/${r.n}`);
    if (r.worst !== null && r.worst > worst) {
      worst = r.worst;
      worstAt = c.hid;
    }
  }
  for (const c of chillers) {
    // a drifting sensor's offset grows by a fraction of a degree a month: it moves ΔT, not its rise with load
    const sql = series.rows(c, ['run_status', 'cooling_load_tr', 'chw_supply_temp_c', 'chw_return_temp_c'], ['drift']);
    if (!sql) continue;
    const [r] = await ctx.query<{ n: number; slope: number | null; corr: number | null; lo: number | null; hi: number | null }>(
      `chilled-water ΔT of ${c.hid}`,
      `SELECT count(*)::float8 AS n, regr_slope(chw_return_temp_c - chw_supply_temp_c, cooling_load_tr) AS slope,
              corr(chw_return_temp_c - chw_supply_temp_c, cooling_load_tr) AS corr,
              min(chw_return_temp_c - chw_supply_temp_c) AS lo, max(chw_return_temp_c - chw_supply_temp_c) AS hi
         FROM ${sql} r WHERE r.run_status > 0 AND r.cooling_load_tr > 0`,
    );
    // ΔT needs a spread of load to rise with: a chiller held at one load has none
    if (r && r.n >= 30 && r.slope !== null && r.corr !== null) {
      const text = `${c.hid} ΔT ${fmt(r.lo)}–${fmt(r.hi)} °C, r=${fmt(r.corr, 2)}`;
      dts.push(text);
      if (!(r.slope > 0 && r.corr >= 0.8)) badDt.push(text);
    }
  }
  if (n === 0) {
    const why = chillers.length ? 'no running chiller rows in the range' : 'no chillers';
    return [notApplicable(CAT, 'campus-chiller-power', titles.power, why), notApplicable(CAT, 'campus-chw-delta-t', titles.dt, why)];
  }
  return [
    check(
      CAT,
      'campus-chiller-power',
      titles.power,
      off === 0,
      `${n} running rows; ${off} off by > 2% (${pct(off / n)}), worst ${pct(worst)} on ${worstAt}${badPower.length ? `: ${listSome(badPower)}` : ''}`,
    ),
    dts.length === 0
      ? notApplicable(CAT, 'campus-chw-delta-t', titles.dt, 'no chiller ran 30+ rows with a spread of load')
      : check(CAT, 'campus-chw-delta-t', titles.dt, badDt.length === 0, listSome(badDt.length ? badDt : dts, 6)),
  ];
}
