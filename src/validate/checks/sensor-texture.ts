import { fmt, pct } from '../entity-index.js';
import type { ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';

const CAT = 'time-series' as const;
/** Below this interval a temperature trend shows its sensor's texture (a room moves less than a resolution step). */
const TEXTURE_MAX_INTERVAL_MS = 5 * 60_000;

/**
 * What a trend engineer sees in a sensor's own behaviour: short-interval temperatures that move like a
 * quantized, slowly varying signal, and single-reading outliers that the ground truth knows about.
 */
export async function sensorTextureChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  return [await texture(ctx), await outliers(ctx)];
}

/**
 * A room or the outdoors changes by hundredths of a degree per minute, so a 0.1° sensor read every minute
 * mostly repeats itself and its steps are nearly uncorrelated (a drift or a ramp: ≥ 0). Fresh noise per sample
 * makes every reading differ and each step undo the last: the lag-1 autocorrelation of steps goes to −0.5.
 */
async function texture(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'short-interval temperatures are sensor trends, not white noise (lag-1 autocorrelation of steps > −0.3)';
  if (ctx.intervalMs > TEXTURE_MAX_INTERVAL_MS)
    return notApplicable(
      CAT,
      'sensor-texture',
      title,
      `a ${ctx.intervalMs / 60_000}-min interval hides a sensor's texture (≤ 5 min needed)`,
    );
  const pts = ctx.entities.find('point air temp sensor').filter((p) => p.tags.kind === 'Number' && (p.tags.zone || p.tags.outside));
  if (pts.length === 0) return notApplicable(CAT, 'sensor-texture', title, 'no zone or outside air temp sensors');
  const v = ctx.values;
  const [row] = await ctx.query<{ n: number; acf: number | null; same: number | null; step: number | null }>(
    'temperature steps',
    `WITH d AS (
       SELECT v.entity_id AS id, v.ts, v.value_n - lag(v.value_n) OVER w AS dv,
              ${v.epochMs('v')} - lag(${v.epochMs('v')}) OVER w AS dt
         FROM ${v.table} v
        WHERE ${v.inRange('v')} AND v.entity_id = ANY($3::int[]) AND v.status = 'ok' AND v.value_n IS NOT NULL AND ${v.notSpike('v')}
       WINDOW w AS (PARTITION BY v.entity_id ORDER BY v.ts)),
     p AS (SELECT dv, lag(dv) OVER (PARTITION BY id ORDER BY ts) AS prev, dt, lag(dt) OVER (PARTITION BY id ORDER BY ts) AS prev_dt FROM d)
     SELECT count(*)::float8 AS n, corr(dv, prev)::float8 AS acf, avg((dv = 0)::int)::float8 AS same, avg(abs(dv))::float8 AS step
       FROM p WHERE dt = $4::float8 AND prev_dt = $4::float8`,
    [...v.rangeParams, pts.map((p) => p.id), ctx.intervalMs],
  );
  if (!row || row.n < 100 || row.acf === null) return notApplicable(CAT, 'sensor-texture', title, 'fewer than 100 consecutive ok steps');
  return check(
    CAT,
    'sensor-texture',
    title,
    row.acf > -0.3,
    `${pts.length} sensors, ${row.n} step pairs: autocorrelation ${fmt(row.acf, 2)}, ${pct(row.same ?? 0)} of steps unchanged, mean |step| ${fmt(row.step ?? 0, 3)}`,
  );
}

/**
 * A reading far from both neighbours that go on as if it had not happened is a spike (one bad poll). Real
 * sensors have a few a month; each must be ground truth (`haysim_event` type `spike`) so analytics can be
 * scored against it. Outlier: both steps (to the readings one interval either side) over 1 °F and opposite, the
 * neighbours within a quarter of that; readings across a gap or a stale block are not neighbours. A fault whose
 * signature names the sensor (a hunting loop sampled across its swing) labels it too, and so does the end of an
 * outage of its equipment or air handler within one interval (the room turning back when the air returns).
 */
async function outliers(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'single-reading temperature outliers are ground truth (spike events)';
  const pts = ctx.entities.find('point air temp sensor').filter((p) => p.tags.kind === 'Number' && (p.tags.zone || p.tags.outside));
  if (pts.length === 0) return notApplicable(CAT, 'spikes', title, 'no zone or outside air temp sensors');
  const v = ctx.values;
  const [row] = await ctx.query<{ n: number; labelled: number }>(
    'single-reading outliers',
    `WITH s AS (
       SELECT v.entity_id, v.ts, v.value_n AS x, lag(v.value_n) OVER w AS a, lead(v.value_n) OVER w AS b,
              ${v.epochMs('v')} - lag(${v.epochMs('v')}) OVER w AS da, lead(${v.epochMs('v')}) OVER w - ${v.epochMs('v')} AS db
         FROM ${v.table} v
        WHERE ${v.inRange('v')} AND v.entity_id = ANY($3::int[]) AND v.status = 'ok' AND v.value_n IS NOT NULL
       WINDOW w AS (PARTITION BY v.entity_id ORDER BY v.ts)),
     o AS MATERIALIZED (
       SELECT * FROM s WHERE da = $4::float8 AND db = $4::float8
          AND abs(x - a) > 1 AND abs(x - b) > 1 AND sign(x - a) = sign(x - b) AND abs(b - a) < 0.25 * abs(x - a))
     -- the ground-truth lookups run on the few outliers only, not on every reading
     SELECT count(*)::float8 AS n,
            count(*) FILTER (WHERE NOT (${v.notSpike('o')} AND NOT ${v.inFault('o')} AND NOT ${v.nearFaultEnd('o', ctx.intervalMs)}))::float8 AS labelled
       FROM o`,
    [...v.rangeParams, pts.map((p) => p.id), ctx.intervalMs],
  );
  const n = row?.n ?? 0;
  const labelled = row?.labelled ?? 0;
  if (n === 0) return check(CAT, 'spikes', title, true, `${pts.length} sensors, no single-reading outliers`);
  return check(CAT, 'spikes', title, labelled === n, `${n} outliers on ${pts.length} sensors, ${pct(labelled / n)} labelled spike`);
}
