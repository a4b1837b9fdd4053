import { DEGRADATIONS } from '../../sim/fault-catalog.js';
import { fmt, listSome, pct, refId, type StoreEntity } from '../entity-index.js';
import { iso, type ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';

const CAT = 'quality' as const;
const KINDS = new Set(['equipment-off', ...Object.keys(DEGRADATIONS)]);
/** °F or °C: the tolerance in the unit's degrees */
const DEGREES: Record<string, number> = { '°F': 1, '°C': 1 / 1.8 };
/**
 * Back from a fault a room returns with its time constant (30–90 min), and no faster than its box wide open
 * can move it (about 8 °F/h): a step over 3 °F between two readings in the 2 h after a fault ended is a
 * simulation snapping back, not a room. A few may coincide with something else (a morning start).
 */
const RECOVERY_STEP_F = 3;
const RECOVERY_WINDOW_MS = 2 * 3_600_000;
const RECOVERY_SHARE = 0.98;
/** the share of judged fault events whose signature must show in the data */
const SIGNATURE_SHARE = 0.9;

type FaultEvent = {
  kind: string | null;
  hid: string;
  t0: number;
  t1: number;
  points: string | null;
};

/**
 * The ground truth of faults: every fault has a known kind, the rooms come back from it at a room's pace,
 * and the kinds that leave the status ok show their physical signature in the readings.
 */
export async function faultChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  const [has] = await ctx.query<{ ok: boolean }>('core.haysim_event', `SELECT to_regclass('core.haysim_event') IS NOT NULL AS ok`);
  if (!has?.ok) {
    const why = 'core.haysim_event does not exist';
    return [
      notApplicable(CAT, 'fault-kinds', 'every fault event has a known kind', why),
      notApplicable(CAT, 'fault-recovery', 'zones recover from faults at a room’s pace', why),
      notApplicable(CAT, 'fault-signatures', 'each fault’s physical signature is in the data', why),
    ];
  }
  const events = await ctx.query<FaultEvent>(
    'fault events',
    `SELECT coalesce(e.params->>'kind', NULL) AS kind, e.haystack_id AS hid, e.params->>'points' AS points,
            extract(epoch FROM e.start_ts)::float8 * 1000 AS t0, extract(epoch FROM e.end_ts)::float8 * 1000 AS t1
       FROM core.haysim_event e
      WHERE e.org_id = $1 AND e.type IN ('fault', 'maintenance') AND e.end_ts > $2::timestamptz AND e.start_ts < $3::timestamptz
      ORDER BY e.start_ts, e.haystack_id`,
    [ctx.orgId, iso(ctx.range.start), iso(ctx.range.end)],
  );
  return [faultKinds(events), await faultRecovery(ctx, events), await faultSignatures(ctx, events)];
}

function faultKinds(events: readonly FaultEvent[]): ValidationCheck {
  const title = 'every fault event has a known kind (params.kind)';
  if (events.length === 0) return notApplicable(CAT, 'fault-kinds', title, 'no fault events in the range');
  const unknown = events.filter((e) => e.kind === null || !KINDS.has(e.kind));
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.kind ?? 'none', (counts.get(e.kind ?? 'none') ?? 0) + 1);
  const seen = [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
  return check(
    CAT,
    'fault-kinds',
    title,
    unknown.length === 0,
    unknown.length === 0
      ? `${events.length} events: ${seen}`
      : `${unknown.length} of ${events.length} without a known kind (e.g. ${listSome(unknown.map((e) => `${e.hid} ${e.kind ?? 'no kind'}`))})`,
  );
}

/** The zone temperature sensors a fault of the equipment touches: its own (a box), or its boxes' (an AHU). */
function zoneSensorsOf(ctx: ValidationContext): Map<string, StoreEntity[]> {
  const out = new Map<string, StoreEntity[]>();
  for (const vav of ctx.entities.find('vav equip')) {
    const temp = ctx.entities.pointOf(vav, 'zone air temp sensor');
    if (!temp || DEGREES[String(temp.tags.unit)] === undefined) continue;
    for (const owner of [vav.hid, refId(vav, 'airRef')]) {
      if (owner === undefined) continue;
      out.set(owner, [...(out.get(owner) ?? []), temp]);
    }
  }
  return out;
}

async function faultRecovery(ctx: ValidationContext, events: readonly FaultEvent[]): Promise<ValidationCheck> {
  const title = `zones come back from a fault at a room's pace: no step > ${RECOVERY_STEP_F} °F between readings in the 2 h after it ends`;
  const sensors = zoneSensorsOf(ctx);
  const ends: { ev: number; pid: number; end: number; tol: number }[] = [];
  events.forEach((e, i) => {
    if (e.t1 <= ctx.range.start || e.t1 + RECOVERY_WINDOW_MS > ctx.range.end) return;
    for (const p of sensors.get(e.hid) ?? [])
      ends.push({ ev: i, pid: p.id, end: e.t1, tol: RECOVERY_STEP_F * DEGREES[String(p.tags.unit)]! });
  });
  if (ends.length === 0) return notApplicable(CAT, 'fault-recovery', title, 'no fault of a box or an AHU ends in the range');
  const v = ctx.values;
  const rows = await ctx.query<{ ev: number; worst: number | null }>(
    'steps after fault ends',
    `WITH m AS (SELECT * FROM unnest($3::int[], $4::int[], $5::float8[], $6::float8[]) AS m(ev, pid, t_end, tol)),
     s AS (SELECT m.ev, m.tol, ${v.epochMs('v')} - lag(${v.epochMs('v')}) OVER w AS gap,
                  abs(v.value_n - lag(v.value_n) OVER w)::float8 AS step
             FROM m JOIN ${v.table} v ON v.entity_id = m.pid
            WHERE ${v.inRange('v')} AND v.entity_id = ANY($4::int[]) AND v.status = 'ok' AND v.value_n IS NOT NULL
              AND ${v.epochMs('v')} >= m.t_end - $7::float8 AND ${v.epochMs('v')} <= m.t_end + $8::float8
           WINDOW w AS (PARTITION BY m.ev, m.pid ORDER BY v.ts))
     SELECT ev, max(step / tol) FILTER (WHERE gap <= $7::float8)::float8 AS worst FROM s GROUP BY ev`,
    [
      ...v.rangeParams,
      ends.map((e) => e.ev),
      ends.map((e) => e.pid),
      ends.map((e) => e.end),
      ends.map((e) => e.tol),
      ctx.intervalMs,
      RECOVERY_WINDOW_MS,
    ],
  );
  const judged = rows.filter((r) => r.worst !== null);
  if (judged.length === 0) return notApplicable(CAT, 'fault-recovery', title, 'no zone readings after the fault ends');
  const bad = judged.filter((r) => r.worst! > 1);
  const worst = judged.reduce((a, b) => (b.worst! > a.worst! ? b : a));
  const s = (judged.length - bad.length) / judged.length;
  const w = events[worst.ev]!;
  return check(
    CAT,
    'fault-recovery',
    title,
    s >= RECOVERY_SHARE,
    `${judged.length} fault ends; without a step > ${RECOVERY_STEP_F} °F in ${pct(s)} (need ${pct(RECOVERY_SHARE)}); ` +
      `largest ${fmt(worst.worst! * RECOVERY_STEP_F)} °F after ${w.hid} ${w.kind ?? ''} ended ${iso(w.t1)}`,
  );
}

/**
 * What each kind does to its points, from the physics: a stuck damper reads one position; a flat-lined
 * sensor one value; a failed one the bottom of its range; behind a broken belt the fan draws well under
 * what it draws at the same hour on other days; a leaking reheat valve heats the discharge air with its
 * command shut. Judged on events with at least 4 readings inside the range.
 */
async function faultSignatures(ctx: ValidationContext, events: readonly FaultEvent[]): Promise<ValidationCheck> {
  const title = `each fault's physical signature is in the data (≥ ${pct(SIGNATURE_SHARE)} of judged events per kind)`;
  const v = ctx.values;
  const per = new Map<string, { n: number; ok: number; miss: string[] }>();
  for (const e of events) {
    if (e.kind === null || e.points === null) continue;
    const ids = e.points.split(',').map((hid) => ctx.entities.byHid.get(hid)?.id);
    const t0 = Math.max(e.t0, ctx.range.start);
    const t1 = Math.min(e.t1, ctx.range.end);
    const window = [iso(t0), iso(t1)];
    let shows: boolean | null = null;
    if (e.kind === 'stuck-damper' || e.kind === 'flat-lined-sensor' || e.kind === 'failed-sensor') {
      if (ids[0] === undefined) continue;
      const [r] = await ctx.query<{ n: number; lo: number | null; hi: number | null }>(
        `${e.kind} readings`,
        `SELECT count(*)::float8 AS n, min(v.value_n)::float8 AS lo, max(v.value_n)::float8 AS hi FROM ${v.table} v
          WHERE v.entity_id = $1 AND v.ts >= $2::${v.cast} AND v.ts < $3::${v.cast} AND v.value_n IS NOT NULL
            AND (v.status = 'ok' OR $4::boolean)`,
        [ids[0], ...window.map((x) => (v.cast === 'timestamptz' ? x : x.replace('Z', ''))), e.kind === 'failed-sensor'],
      );
      if (!r || r.n < 4) continue;
      shows = e.kind === 'failed-sensor' ? r.hi! <= -39 : r.hi! - r.lo! < (e.kind === 'stuck-damper' ? 1 : 1e-9);
    } else if (e.kind === 'broken-fan-belt') {
      if (ids[0] === undefined) continue;
      // the fan's kW during the event against its kW at the same hours of day on the other days of the range
      const [r] = await ctx.query<{ n: number; during: number | null; usual: number | null }>(
        'fan power around a broken belt',
        `WITH x AS (SELECT v.value_n::float8 AS kw, v.ts >= $1::${v.cast} AND v.ts < $2::${v.cast} AS inside,
                           extract(hour FROM ${v.local('v', '$3')}) AS h
                      FROM ${v.table} v WHERE v.entity_id = $4 AND v.status = 'ok' AND v.value_n > 0
                       AND v.ts >= $5::${v.cast} AND v.ts < $6::${v.cast})
         SELECT count(*) FILTER (WHERE inside)::float8 AS n, avg(kw) FILTER (WHERE inside)::float8 AS during,
                (SELECT avg(o.kw) FROM x o WHERE NOT o.inside AND o.h IN (SELECT h FROM x WHERE inside))::float8 AS usual
           FROM x`,
        [...window, ctx.timeZone, ids[0], ...v.rangeParams].map((x, i) =>
          (i === 0 || i === 1) && v.cast !== 'timestamptz' ? String(x).replace('Z', '') : x,
        ),
      );
      if (!r || r.n < 4 || r.usual === null) continue;
      shows = r.during! < 0.6 * r.usual;
    } else continue;
    const k = per.get(e.kind) ?? { n: 0, ok: 0, miss: [] };
    k.n++;
    if (shows) k.ok++;
    else k.miss.push(`${e.hid} ${iso(e.t0)}`);
    per.set(e.kind, k);
  }
  if (per.size === 0) return notApplicable(CAT, 'fault-signatures', title, 'no fault event long enough to judge');
  const failing = [...per].filter(([, k]) => k.ok / k.n < SIGNATURE_SHARE);
  return check(
    CAT,
    'fault-signatures',
    title,
    failing.length === 0,
    [...per].map(([kind, k]) => `${kind} ${k.ok}/${k.n}`).join(', ') +
      (failing.length ? `; missing on ${listSome(failing.flatMap(([kind, k]) => k.miss.map((m) => `${kind} ${m}`)))}` : ''),
  );
}
