import { fmt, pct } from '../entity-index.js';
import type { ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';
import { alignedParams, alignedSql, RELATION_SHARE, share, type Member } from './aligned-readings.js';

const CAT = 'physics' as const;

/**
 * What an operations engineer reads first in VAV and boiler trends: reheat
 * fighting cooling, outside air let in with nobody there, a burner below its
 * turndown, dampers that never move.
 */
export async function airSideChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  return [await reheatAboveSetpoint(ctx), await outsideAirUnoccupied(ctx), await boilerMinimumFire(ctx), await dampersMove(ctx)];
}

/** °F or °C: the tolerance in the unit's degrees; other units are left out. */
const DEGREES: Record<string, number> = { '°F': 1, '°C': 1 / 1.8 };

/**
 * A box reheats only to hold its zone up to setpoint: reheat while the zone
 * reads well above it heats air the AHU cooled (simultaneous heating and
 * cooling), which a working sequence locks out. A box with a fault on it (a leaking valve, a stuck damper) is
 * the fault's ground truth, not the sequence's: its readings then are left out.
 */
async function reheatAboveSetpoint(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'no reheat while the zone reads > 2 °F above its setpoint';
  const members: Member[] = [];
  const tol: [number, number][] = [];
  for (const vav of ctx.entities.find('vav equip')) {
    const reheat = ctx.entities.pointOf(vav, 'reheat cmd');
    const temp = ctx.entities.pointOf(vav, 'zone air temp sensor');
    const sp = ctx.entities.pointOf(vav, 'zone air temp sp');
    const deg = temp && DEGREES[String(temp.tags.unit)];
    if (!reheat || !temp || !sp || deg === undefined || sp.tags.unit !== temp.tags.unit) continue;
    members.push(
      { group: vav.id, role: 'reheat', point: reheat.id },
      { group: vav.id, role: 'temp', point: temp.id },
      { group: vav.id, role: 'sp', point: sp.id },
    );
    tol.push([vav.id, 2 * deg]);
  }
  if (members.length === 0) return notApplicable(CAT, 'reheat-above-setpoint', title, 'no VAV with reheat, zone temp and setpoint');
  const [r] = await ctx.query<{ n: number; bad: number; worst_grp: number | null; worst_t: number | null }>(
    'reheat above setpoint',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE a.temp > a.sp + l.tol)::float8 AS bad,
            (array_agg(a.grp ORDER BY a.temp - a.sp DESC))[1] AS worst_grp
       FROM ${alignedSql(ctx, { reheat: 'Number', temp: 'Number', sp: 'Number' })} a
       JOIN unnest($7::int[], $8::float8[]) AS l(grp, tol) ON l.grp = a.grp
      WHERE a.reheat > 5 AND ${ctx.values.outsideFault('a.grp', 'a.t')}`,
    [...alignedParams(ctx, members), tol.map((t) => t[0]), tol.map((t) => t[1])],
  );
  if (r.n === 0) return notApplicable(CAT, 'reheat-above-setpoint', title, 'no readings with a reheat valve open');
  const s = share(r.n - r.bad, r.n);
  return check(
    CAT,
    'reheat-above-setpoint',
    title,
    s >= RELATION_SHARE,
    `${r.n} readings with reheat > 5 %: zone ≤ setpoint + 2 °F in ${pct(s)} (need ${pct(RELATION_SHARE)})` +
      (r.bad > 0 ? `; worst on ${ctx.entities.label(r.worst_grp)}` : ''),
  );
}

/**
 * Outside air is for the people in the building (or free cooling): with the
 * fan off the damper closes, and in the dead of night (22:00–05:00 local) it
 * stays shut unless outdoor air is cooler than return air and warm enough
 * (≥ 50 °F) that cooling with it is plausible (economizer, night flush).
 */
async function outsideAirUnoccupied(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'outside-air damper closed with the fan off and at night unless economizing';
  const members: Member[] = [];
  const cold: [number, number][] = [];
  for (const ahu of ctx.entities.find('ahu equip')) {
    const fan = ctx.entities.pointOf(ahu, 'discharge fan run sensor') ?? ctx.entities.pointOf(ahu, 'fan run sensor');
    const damper = ctx.entities.pointOf(ahu, 'outside damper cmd');
    const oat = ctx.entities.pointOf(ahu, 'outside air temp sensor');
    const rat = ctx.entities.pointOf(ahu, 'return air temp sensor');
    if (!fan || !damper || !oat || !rat || oat.tags.unit !== rat.tags.unit || DEGREES[String(oat.tags.unit)] === undefined) continue;
    members.push(
      { group: ahu.id, role: 'fan', point: fan.id },
      { group: ahu.id, role: 'damper', point: damper.id },
      { group: ahu.id, role: 'oat', point: oat.id },
      { group: ahu.id, role: 'rat', point: rat.id },
    );
    // below 50 °F outside, a building at night is at its heating setback: no zone wants outdoor air to cool it
    cold.push([ahu.id, oat.tags.unit === '°C' ? 10 : 50]);
  }
  if (members.length === 0)
    return notApplicable(CAT, 'oa-damper-unoccupied', title, 'no AHU with fan, outside damper, outside and return temps');
  const [r] = await ctx.query<{ n: number; open: number; avg: number | null; worst_grp: number | null; worst_t: number | null }>(
    'outside air unoccupied',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE a.damper > 5)::float8 AS open, avg(a.damper) AS avg,
            (array_agg(a.grp ORDER BY a.damper DESC))[1] AS worst_grp, (array_agg(a.t ORDER BY a.damper DESC))[1] AS worst_t
       FROM ${alignedSql(ctx, { fan: 'Bool', damper: 'Number', oat: 'Number', rat: 'Number' })} a
       JOIN unnest($8::int[], $9::float8[]) AS l(grp, cold) ON l.grp = a.grp
      WHERE NOT a.fan
         OR ((a.oat >= a.rat - 1 OR a.oat < l.cold) AND (extract(hour FROM to_timestamp(a.t / 1000.0) AT TIME ZONE $7::text) >= 22
                                  OR extract(hour FROM to_timestamp(a.t / 1000.0) AT TIME ZONE $7::text) < 5))`,
    [...alignedParams(ctx, members), ctx.timeZone, cold.map((c) => c[0]), cold.map((c) => c[1])],
  );
  if (r.n === 0) return notApplicable(CAT, 'oa-damper-unoccupied', title, 'no fan-off or night readings without economizer');
  const s = share(r.n - r.open, r.n);
  return check(
    CAT,
    'oa-damper-unoccupied',
    title,
    s >= RELATION_SHARE,
    `${r.n} readings, damper ≤ 5 % in ${pct(s)} (need ${pct(RELATION_SHARE)}), avg ${fmt(r.avg)} %` +
      (r.open > 0 ? `; worst on ${ctx.entities.label(r.worst_grp)}` : ''),
  );
}

/** Below its turndown a burner cannot hold a flame: it fires at its minimum or not at all (best burners: 25:1, 4 %). */
async function boilerMinimumFire(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'boiler firing rate 0 or ≥ 4 % (no burner turns down further)';
  const pts = ctx.entities
    .find('boiler equip')
    .map((b) => ctx.entities.pointOf(b, 'load sensor'))
    .filter((p) => p !== undefined && p.tags.unit === '%');
  if (pts.length === 0) return notApplicable(CAT, 'boiler-min-fire', title, 'no boiler firing rate in %');
  const v = ctx.values;
  const [r] = await ctx.query<{ n: number; low: number; mn: number | null }>(
    'boiler firing rate',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE v.value_n < 4)::float8 AS low, min(v.value_n)::float8 AS mn
       FROM ${v.table} v
      WHERE ${v.inRange('v')} AND v.status = 'ok' AND v.entity_id = ANY($3::int[]) AND v.value_n > 0`,
    [...v.rangeParams, pts.map((p) => p!.id)],
  );
  if (r.n === 0) return notApplicable(CAT, 'boiler-min-fire', title, 'the boiler never fired in the range');
  const s = share(r.n - r.low, r.n);
  return check(
    CAT,
    'boiler-min-fire',
    title,
    s >= RELATION_SHARE,
    `${r.n} firing readings, lowest ${fmt(r.mn)} %; ≥ 4 % in ${pct(s)} (need ${pct(RELATION_SHARE)})`,
  );
}

/**
 * A pressure-independent box trims its damper as duct static and flow move:
 * a damper that reads one value for most of its open readings is stuck or
 * made up. A few stuck boxes happen (a fault); most of them is the data.
 */
async function dampersMove(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'VAV dampers move: ≤ 10 % of them read one value for over half their open readings';
  const pts = ctx.entities.find('point discharge damper cmd');
  if (pts.length === 0) return notApplicable(CAT, 'damper-moves', title, 'no VAV damper commands');
  const v = ctx.values;
  const rows = await ctx.query<{ id: number; n: number; top: number; val: number }>(
    'VAV damper values',
    `SELECT id, n, top, val FROM (
        SELECT c.id, sum(c.k) OVER (PARTITION BY c.id)::float8 AS n, c.k::float8 AS top, c.val::float8 AS val,
               row_number() OVER (PARTITION BY c.id ORDER BY c.k DESC) AS rk
          FROM (SELECT v.entity_id AS id, v.value_n AS val, count(*) AS k
                  FROM ${v.table} v
                 WHERE ${v.inRange('v')} AND v.status = 'ok' AND v.entity_id = ANY($3::int[]) AND v.value_n > 0
                 GROUP BY v.entity_id, v.value_n) c) x
      WHERE rk = 1`,
    [...v.rangeParams, pts.map((p) => p.id)],
  );
  const judged = rows.filter((r) => r.n >= 20);
  if (judged.length === 0) return notApplicable(CAT, 'damper-moves', title, 'too few open damper readings to judge');
  const stuck = judged.filter((r) => r.top / r.n > 0.5);
  const worst = judged.reduce((a, b) => (b.top / b.n > a.top / a.n ? b : a));
  return check(
    CAT,
    'damper-moves',
    title,
    stuck.length <= Math.max(1, Math.floor(0.1 * judged.length)),
    `${judged.length} dampers; ${stuck.length} at one value over half the time; most repeated: ${fmt(worst.val)} % in ${pct(worst.top / worst.n)} of ${ctx.entities.label(worst.id)}'s open readings`,
  );
}
