import { fmt, listSome } from '../entity-index.js';
import type { EquipSeries } from '../equip-series.js';
import type { ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';

const CAT = 'physics' as const;
/** share of a panel's or transformer's rows allowed past 100 %: a design that overloads one daily is an error */
const OVERLOAD_SHARE = 0.001;

/**
 * Panels and transformers against their nameplates: a panel's load % is its current over the `ratedCurrent`
 * of its nameplate (to the rounding of two 1-decimal columns), and neither panels nor transformers run past
 * their rating but on a few rows; every day over it would fire the overload alert daily.
 */
export async function panelRatings(ctx: ValidationContext, series: EquipSeries): Promise<ValidationCheck[]> {
  const titles = {
    ratio: 'panel load % = current / nameplate rated current',
    within: `panels and transformers within their rating (≤ 100 % load on ≥ ${100 * (1 - OVERLOAD_SHARE)}% of rows)`,
  };
  const panels = ctx.entities.find('elec equip').filter((e) => typeof e.tags.ratedCurrent === 'number');
  const trfs = ctx.entities.find('elec transformer equip');
  let rows = 0;
  let over = 0;
  let worst = Number.NEGATIVE_INFINITY;
  let worstAt = '';
  const offRatio: string[] = [];
  const overloaded: string[] = [];
  for (const e of [...panels, ...trfs]) {
    const panel = typeof e.tags.ratedCurrent === 'number';
    const sql = series.rows(e, panel ? ['current_a', 'load_percent'] : ['load_percent']);
    if (!sql) continue;
    // a transformer's current is NULL here: only its load % is judged
    const rated = panel ? (e.tags.ratedCurrent as number) : 1;
    const [r] = await ctx.query<{ n: number; off: number; over: number; mx: number | null }>(
      `loading of ${e.hid}`,
      `SELECT count(*)::float8 AS n,
              count(*) FILTER (WHERE abs(load_percent - 100 * current_a / $1) > 0.051 + 5.01 / $1)::float8 AS off,
              count(*) FILTER (WHERE load_percent > 100)::float8 AS over, max(load_percent) AS mx
         FROM (SELECT r.load_percent, ${panel ? 'r.current_a' : 'NULL::float8 AS current_a'} FROM ${sql} r) x`,
      [rated],
    );
    if (!r || r.n === 0) continue;
    rows += r.n;
    over += r.over;
    if (r.off > 0) offRatio.push(`${e.hid} ${r.off}/${r.n}`);
    if (r.over > OVERLOAD_SHARE * r.n) overloaded.push(`${e.hid} ${r.over}/${r.n} (max ${fmt(r.mx, 1)}%)`);
    if (r.mx !== null && r.mx > worst) {
      worst = r.mx;
      worstAt = e.hid;
    }
  }
  if (rows === 0) {
    const why = panels.length + trfs.length ? 'no loading rows in the range' : 'no rated panels or transformers';
    return [notApplicable(CAT, 'campus-panel-rating', titles.ratio, why), notApplicable(CAT, 'campus-within-rating', titles.within, why)];
  }
  return [
    check(
      CAT,
      'campus-panel-rating',
      titles.ratio,
      offRatio.length === 0,
      `${panels.length} panels with a rated current${offRatio.length ? `; off on ${listSome(offRatio)}` : ''}`,
    ),
    check(
      CAT,
      'campus-within-rating',
      titles.within,
      overloaded.length === 0,
      `${over} of ${rows} rows past 100 %; highest ${fmt(worst, 1)}% on ${worstAt}${overloaded.length ? `; overloaded ${listSome(overloaded)}` : ''}`,
    ),
  ];
}
