import { CUR_STATUS_VALUES } from '../../model/defs/haystack-vocabulary.js';
import { listSome, pct } from '../entity-index.js';
import { iso, type ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';

const CAT = 'quality' as const;

/**
 * Expected status shares: office-tower.md asks about 95 % ok, 3 % stale, 2 % fault; a plant SCADA at 1 minute
 * (industrial-campus) about 1 % stale and 0.5 % fault, which a single day can undershoot by a third.
 */
const SHARES = { ok: [0.9, 1], stale: [0.005, 0.05], fault: [0.0025, 0.04] } as const;
/**
 * Stale blocks and faults are events lasting hours, a few dozen a day across a site, so their share is a
 * statistic of the time span, not of the row count: less than a day may hold none and still be right.
 */
const MIN_SHARE_SPAN_MS = 86_400_000;

/** Status shares among all rows of the range, their vocabulary, and ground-truth coverage of every non-ok row. */
export async function qualityChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  const v = ctx.values;
  const points = ctx.entities.find('point');
  const rows = await ctx.query<{ status: string | null; n: number }>(
    'status counts',
    `SELECT v.status, count(*)::float8 AS n FROM ${v.table} v
      WHERE ${v.inRange('v')} AND v.entity_id = ANY($3::int[]) GROUP BY v.status ORDER BY v.status`,
    [...v.rangeParams, points.map((p) => p.id)],
  );
  const total = rows.reduce((s, r) => s + r.n, 0);
  const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  const span = ctx.range.end - ctx.range.start;
  const checks = (Object.keys(SHARES) as (keyof typeof SHARES)[]).map((status) => {
    const [lo, hi] = SHARES[status];
    if (span < MIN_SHARE_SPAN_MS) {
      const days = (span / 86_400_000).toFixed(span < 86_400_000 ? 2 : 1);
      return notApplicable(CAT, `${status}-share`, `${status} rows share`, `${days} days is too short for event shares (needs a full day)`);
    }
    const s = total > 0 ? count(status) / total : 0;
    const expect = hi === 1 ? `≥ ${pct(lo)}` : `${pct(lo)}–${pct(hi)}`;
    return check(
      CAT,
      `${status}-share`,
      `${status} rows ${expect}`,
      total > 0 && s >= lo && s <= hi,
      `${pct(s)} (${count(status)} of ${total} rows; expected ${expect})`,
    );
  });
  const strange = rows.filter((r) => r.status === null || !CUR_STATUS_VALUES.includes(r.status));
  checks.push(
    check(
      CAT,
      'status-vocabulary',
      'statuses are Haystack curStatus values',
      strange.length === 0,
      strange.length
        ? `${listSome(strange.map((r) => `${r.status === null ? 'NULL' : JSON.stringify(r.status)} × ${r.n}`))} not in ${CUR_STATUS_VALUES.join('/')}`
        : `seen: ${rows.map((r) => `${r.status} ${pct(r.n / total)}`).join(', ')}`,
    ),
  );
  checks.push(await groundTruth(ctx));
  return checks;
}

/** Every non-ok row lies inside a core.haysim_event of its point or of the point's equip. */
async function groundTruth(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'every stale/fault row is ground truth (haysim_event)';
  const v = ctx.values;
  const [has] = await ctx.query<{ ok: boolean }>('core.haysim_event', `SELECT to_regclass('core.haysim_event') IS NOT NULL AS ok`);
  const ids: number[] = [];
  const hids: string[] = [];
  const points = ctx.entities.find('point');
  for (const p of points) {
    ids.push(p.id);
    hids.push(p.hid);
    const equip = ctx.entities.equipOf(p);
    if (equip) {
      ids.push(p.id);
      hids.push(equip.hid);
    }
  }
  const events = has?.ok
    ? `SELECT c.id, extract(epoch FROM e.start_ts)::float8 * 1000 AS t0, extract(epoch FROM e.end_ts)::float8 * 1000 AS t1
         FROM core.haysim_event e JOIN unnest($3::int[], $4::text[]) AS c(id, hid) ON c.hid = e.haystack_id
        WHERE e.org_id = $5`
    : `SELECT NULL::int AS id, NULL::float8 AS t0, NULL::float8 AS t1 WHERE $3::int[] IS NULL AND $4::text[] IS NULL AND $5::int IS NULL`;
  const rows = await ctx.query<{ status: string | null; n: number; covered: number; ex_id: number | null; ex_t: number | null }>(
    'ground-truth coverage',
    `WITH ev AS (${events}),
     bad AS (SELECT v.entity_id AS id, ${v.epochMs('v')} AS t, v.status FROM ${v.table} v
              WHERE ${v.inRange('v')} AND v.entity_id = ANY($6::int[]) AND v.status IS DISTINCT FROM 'ok'),
     cov AS (SELECT DISTINCT b.id, b.t FROM bad b JOIN ev ON ev.id = b.id AND ev.t0 <= b.t AND b.t < ev.t1)
     SELECT b.status, count(*)::float8 AS n, count(c.id)::float8 AS covered,
            (array_agg(b.id ORDER BY b.t, b.id) FILTER (WHERE c.id IS NULL))[1] AS ex_id, min(b.t) FILTER (WHERE c.id IS NULL) AS ex_t
       FROM bad b LEFT JOIN cov c ON c.id = b.id AND c.t = b.t
      GROUP BY b.status ORDER BY b.status`,
    [...v.rangeParams, ids, hids, ctx.orgId, points.map((p) => p.id)],
  );
  const n = rows.reduce((s, r) => s + r.n, 0);
  const covered = rows.reduce((s, r) => s + r.covered, 0);
  if (n === 0) return check(CAT, 'ground-truth', title, true, 'no stale/fault rows to cover');
  const per = rows.map((r) => `${r.status ?? 'NULL'} ${pct(r.covered / r.n)} of ${r.n}`).join(', ');
  const firstMiss = rows.find((r) => r.ex_id !== null);
  const miss = firstMiss
    ? `; e.g. ${ctx.entities.byId.get(Number(firstMiss.ex_id))?.hid ?? firstMiss.ex_id} ${firstMiss.status} at ${iso(Number(firstMiss.ex_t))} has no event`
    : '';
  return check(
    CAT,
    'ground-truth',
    title,
    covered === n,
    `${pct(covered / n)} covered (${per})${has?.ok ? '' : '; core.haysim_event does not exist'}${miss}`,
  );
}
