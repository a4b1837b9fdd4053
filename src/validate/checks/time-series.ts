import { fmt, listSome, pct, type StoreEntity } from '../entity-index.js';
import { iso, type ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';

const CAT = 'time-series' as const;
const QUARTER_HOUR = 15 * 60_000;

/** Completeness of the grid, uniqueness, registers, plausible steps, and the _current table. */
export async function timeSeriesChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  const points = ctx.entities.find('point his');
  const [complete, duplicates] = await completeness(ctx, points);
  return [complete, duplicates, await registers(ctx), await jumps(ctx), await current(ctx, points)];
}

/** Number of grid timestamps origin + k·interval in [start, end). */
export function expectedTimestamps(origin: number, interval: number, start: number, end: number): number {
  const first = origin + Math.ceil((start - origin) / interval) * interval;
  return Math.max(0, Math.ceil((end - first) / interval));
}

/**
 * Grid instants per equipment haystack id that ground-truth gaps (`haysim_event` type `gap`: the historian
 * logged nothing) cover in the range, overlapping gaps counted once.
 */
async function gapRows(ctx: ValidationContext): Promise<{ byEquip: Map<string, number>; events: number }> {
  const { intervalMs, range, gridOrigin } = ctx;
  const [has] = await ctx.query<{ ok: boolean }>('core.haysim_event', `SELECT to_regclass('core.haysim_event') IS NOT NULL AS ok`);
  if (!has?.ok) return { byEquip: new Map(), events: 0 };
  const rows = await ctx.query<{ hid: string; t0: number; t1: number }>(
    'ground-truth gaps',
    `SELECT haystack_id AS hid, extract(epoch FROM start_ts)::float8 * 1000 AS t0, extract(epoch FROM end_ts)::float8 * 1000 AS t1
       FROM core.haysim_event
      WHERE org_id = $1 AND type = 'gap' AND end_ts > $2::timestamptz AND start_ts < $3::timestamptz
      ORDER BY haystack_id, start_ts`,
    [ctx.orgId, iso(range.start), iso(range.end)],
  );
  const byEquip = new Map<string, number>();
  let hid = '';
  let lo = 0;
  let hi = -Infinity;
  const flush = () => {
    if (hi > lo)
      byEquip.set(
        hid,
        (byEquip.get(hid) ?? 0) + expectedTimestamps(gridOrigin, intervalMs, Math.max(lo, range.start), Math.min(hi, range.end)),
      );
  };
  for (const r of rows) {
    const t0 = Number(r.t0);
    const t1 = Number(r.t1);
    if (r.hid !== hid || t0 > hi) {
      flush();
      hid = r.hid;
      lo = t0;
      hi = t1;
    } else hi = Math.max(hi, t1);
  }
  flush();
  return { byEquip, events: rows.length };
}

/**
 * Every point logged at an interval has a row at every grid timestamp except inside ground-truth gaps, and none
 * inside them; points logged on change of value (`hisMode: cov`) have fewer rows by design and are only counted.
 */
async function completeness(ctx: ValidationContext, points: StoreEntity[]): Promise<[ValidationCheck, ValidationCheck]> {
  const { values: v, intervalMs, range, gridOrigin } = ctx;
  const expected = expectedTimestamps(gridOrigin, intervalMs, range.start, range.end);
  const rows = await ctx.query<{ id: number; n: number; distinct: number; off: number }>(
    'row counts per point',
    `SELECT v.entity_id AS id, count(*)::float8 AS n, count(DISTINCT v.ts)::float8 AS "distinct",
            count(*) FILTER (WHERE mod((${v.epochMs('v')} - $3::float8)::numeric, $4::numeric) <> 0)::float8 AS off
       FROM ${v.table} v WHERE ${v.inRange('v')} AND v.entity_id = ANY($5::int[])
      GROUP BY v.entity_id`,
    [...v.rangeParams, gridOrigin, intervalMs, points.map((p) => p.id)],
  );
  const gaps = await gapRows(ctx);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const short: { id: number; have: number; want: number }[] = [];
  let dupRows = 0;
  let offGrid = 0;
  let gapMissing = 0;
  let intervalPoints = 0;
  let covRows = 0;
  let covPoints = 0;
  const dupPoints: string[] = [];
  for (const p of points) {
    const r = byId.get(p.id);
    const onGrid = r ? r.distinct - r.off : 0;
    if (p.tags.hisMode === 'cov') {
      covPoints++;
      covRows += onGrid;
    } else {
      intervalPoints++;
      const equip = ctx.entities.equipOf(p);
      const inGaps = equip ? (gaps.byEquip.get(equip.hid) ?? 0) : 0;
      gapMissing += inGaps;
      if (onGrid !== expected - inGaps) short.push({ id: p.id, have: onGrid, want: expected - inGaps });
    }
    if (r && r.n > r.distinct) {
      dupRows += r.n - r.distinct;
      dupPoints.push(p.hid);
    }
    offGrid += r?.off ?? 0;
  }
  const span = `${iso(range.start)} … ${iso(range.end)} (${ctx.rangeSource})`;
  const gapText =
    gapMissing > 0
      ? `, all present outside ${gaps.events} ground-truth gaps (${pct(gapMissing / Math.max(1, intervalPoints * expected))} of rows not logged)`
      : ', all present';
  const covText =
    covPoints > 0 ? `; ${covPoints} points logged on change of value: rows at ${pct(covRows / (covPoints * expected))} of timestamps` : '';
  let detail = `${intervalPoints} points × ${expected} timestamps${gapText}${covText}; ${span}`;
  if (short.length > 0 || offGrid > 0) {
    const missing = short.reduce((s, x) => s + Math.abs(x.want - x.have), 0);
    // one after another: the store's client runs one query at a time (pg deprecates queueing them)
    const examples: string[] = [];
    for (const x of short.slice(0, 3)) examples.push(`${ctx.entities.label(x.id)} ${x.have}/${x.want}${await firstGap(ctx, x.id)}`);
    detail =
      `${short.length} of ${intervalPoints} points differ from the grid outside ground-truth gaps, ${missing} rows missing or extra` +
      (examples.length ? `: ${listSome(examples)}` : '') +
      (offGrid > 0 ? `; ${offGrid} rows off the ${intervalMs / 60_000}-min grid` : '') +
      `; ${span}`;
  }
  return [
    check(
      CAT,
      'complete',
      'a row at every timestamp for every point, outside ground-truth gaps (change-of-value points aside)',
      short.length === 0 && offGrid === 0 && points.length > 0,
      detail,
    ),
    check(
      CAT,
      'unique',
      'no duplicate (point, ts) rows',
      dupRows === 0,
      dupRows === 0 ? `${rows.reduce((s, r) => s + r.n, 0)} rows, no duplicates` : `${dupRows} duplicate rows on ${listSome(dupPoints)}`,
    ),
  ];
}

/** The first grid timestamp without a row, for the detail. */
async function firstGap(ctx: ValidationContext, id: number): Promise<string> {
  const { values: v, intervalMs, range, gridOrigin } = ctx;
  const first = gridOrigin + Math.ceil((range.start - gridOrigin) / intervalMs) * intervalMs;
  const [row] = await ctx.query<{ gap: number | null }>(
    'the first gap',
    `SELECT extract(epoch FROM min(g))::float8 * 1000 AS gap
       FROM generate_series($3::${v.cast}, $2::${v.cast} - $4::float8 * interval '1 millisecond', $4::float8 * interval '1 millisecond') g
      WHERE g >= $1::${v.cast} AND NOT EXISTS (SELECT 1 FROM ${v.table} v WHERE v.entity_id = $5 AND v.ts = g)`,
    [...v.rangeParams, v.cast === 'timestamp' ? iso(first).replace('Z', '') : iso(first), intervalMs, id],
  );
  return row?.gap === null || row?.gap === undefined ? '' : ` (first missing ${iso(Number(row.gap))})`;
}

/** hisTotalized registers never decrease; fault rows are excluded (they are flagged as bad already). */
async function registers(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'registers (hisTotalized) never decrease';
  const regs = ctx.entities.find('point hisTotalized');
  if (regs.length === 0) return notApplicable(CAT, 'registers', title, 'no hisTotalized points');
  const v = ctx.values;
  const rows = await ctx.query<{ id: number; n: number; drops: number; worst: number | null; at: number | null }>(
    'register steps',
    `SELECT id, count(*)::float8 AS n, count(*) FILTER (WHERE d < 0)::float8 AS drops, min(d)::float8 AS worst,
            min(t) FILTER (WHERE d < 0) AS at
       FROM (SELECT v.entity_id AS id, ${v.epochMs('v')} AS t,
                    v.value_n - lag(v.value_n) OVER (PARTITION BY v.entity_id ORDER BY v.ts) AS d
               FROM ${v.table} v
              WHERE ${v.inRange('v')} AND v.entity_id = ANY($3::int[]) AND v.value_n IS NOT NULL
                AND (v.status IS NULL OR v.status <> 'fault')) s
      GROUP BY id`,
    [...v.rangeParams, regs.map((r) => r.id)],
  );
  const bad = rows.filter((r) => r.drops > 0);
  const steps = rows.reduce((s, r) => s + r.n, 0);
  if (bad.length === 0) return check(CAT, 'registers', title, true, `${regs.length} registers, ${steps} readings, never decreasing`);
  const drops = bad.reduce((s, r) => s + r.drops, 0);
  const ex = bad.map((r) => `${ctx.entities.label(Number(r.id))} ${fmt(Number(r.worst))} at ${iso(Number(r.at))}`);
  return check(CAT, 'registers', title, false, `${drops} decreases on ${bad.length} registers: ${listSome(ex)}`);
}

/** Largest physically possible change per 15 minutes, in °F (scaled with the interval). */
const JUMP_LIMITS: ReadonlyArray<{ label: string; markers: string; limitF: number }> = [
  { label: 'zone air temp', markers: 'point zone air temp sensor', limitF: 6 },
  { label: 'outside air temp', markers: 'point outside air temp sensor', limitF: 8 },
  { label: 'outside dew point', markers: 'point outside air dewPoint sensor', limitF: 8 },
];

/** Limit for a temperature difference in the point's unit. */
function limitIn(unit: unknown, limitF: number): number {
  return unit === '°C' || unit === 'K' ? (limitF * 5) / 9 : limitF;
}

async function jumps(ctx: ValidationContext): Promise<ValidationCheck> {
  const title = 'no impossible jumps between ok readings';
  const v = ctx.values;
  // a limit per 15 minutes: shorter steps get proportionally less (noise keeps a floor), longer more
  const scale = Math.min(4, Math.max(1 / 3, ctx.intervalMs / QUARTER_HOUR));
  const parts: string[] = [];
  const bad: string[] = [];
  for (const { label, markers, limitF } of JUMP_LIMITS) {
    const pts = ctx.entities.find(markers).filter((p) => p.tags.kind === 'Number');
    if (pts.length === 0) continue;
    const limits = pts.map((p) => limitIn(p.tags.unit, limitF) * scale);
    const [row] = await ctx.query<{ n: number; over: number; worst: number | null; id: number | null; at: number | null }>(
      `${label} steps`,
      `WITH steps AS (
         SELECT v.entity_id, v.ts, lag(v.ts) OVER w AS prev_ts, ${v.epochMs('v')} AS t, lim.limit_value AS lim,
                abs(v.value_n - lag(v.value_n) OVER w)::float8 AS d,
                (${v.epochMs('v')} - lag(${v.epochMs('v')}) OVER w) AS dt
           FROM ${v.table} v JOIN unnest($3::int[], $4::float8[]) AS lim(id, limit_value) ON lim.id = v.entity_id
          WHERE ${v.inRange('v')} AND v.entity_id = ANY($3::int[]) AND v.status = 'ok' AND v.value_n IS NOT NULL AND ${v.notSpike('v')}
         WINDOW w AS (PARTITION BY v.entity_id ORDER BY v.ts)),
       over AS MATERIALIZED (SELECT * FROM steps WHERE dt = $5::float8 AND d > lim),
       -- a faulty sensor's reading (or the step back when it is mended) is its fault's ground truth: looked up
       -- for the steps over the limit only
       judged AS (
         SELECT o.entity_id AS id, o.t, o.d, o.lim FROM over o CROSS JOIN LATERAL (SELECT o.entity_id, o.prev_ts AS ts) p
          WHERE NOT (${v.inFault('o')} OR ${v.inFault('p')})
         UNION ALL
         SELECT s.entity_id, s.t, s.d, s.lim FROM steps s WHERE s.dt = $5::float8 AND s.d <= s.lim)
       SELECT count(*)::float8 AS n, count(*) FILTER (WHERE d > lim)::float8 AS over, max(d) AS worst,
              (array_agg(id ORDER BY d DESC))[1] AS id, (array_agg(t ORDER BY d DESC))[1] AS at
         FROM judged`,
      [...v.rangeParams, pts.map((p) => p.id), limits, ctx.intervalMs],
    );
    const unit = String(pts[0]!.tags.unit ?? '');
    const limitText = `${fmt(limits[0], 1)} ${unit}`;
    parts.push(`${label} max step ${fmt(row.worst, 1)} ${unit} (limit ${limitText})`);
    if (row.over > 0)
      bad.push(
        `${row.over} ${label} steps over ${limitText}, worst ${fmt(row.worst, 1)} on ${ctx.entities.label(Number(row.id))} at ${iso(Number(row.at))}`,
      );
  }
  if (parts.length === 0) return notApplicable(CAT, 'jumps', title, 'no zone or outside temperature points');
  return check(CAT, 'jumps', title, bad.length === 0, bad.length ? bad.join('; ') : parts.join('; '));
}

/** The most points `current` compares: each costs a newest-row lookup, which a view over wide tables answers by a scan. */
const MAX_CURRENT_POINTS = 1_000;

async function current(ctx: ValidationContext, all: StoreEntity[]): Promise<ValidationCheck> {
  const title = 'current table equals the last history row';
  const v = ctx.values;
  if (!v.current) return check(CAT, 'current', title, false, `${ctx.tables.current} does not exist`);
  // past the cap, every k-th point: a writer that gets the current table wrong gets it wrong for most points
  const every = Math.ceil(all.length / MAX_CURRENT_POINTS);
  const points = all.filter((_, i) => i % every === 0);
  const sampled = every > 1 ? ` (every ${every}th of ${all.length})` : '';
  const same = ['ts', 'value_n', 'value_b', 'value_s', 'status'].map((col) => `c.${col} IS NOT DISTINCT FROM h.${col}`).join(' AND ');
  const [row] = await ctx.query<{ n: number; missing: number; differ: number; example: number | null; orphans: number }>(
    'the current table',
    `SELECT count(*)::float8 AS n,
            count(*) FILTER (WHERE c.entity_id IS NULL)::float8 AS missing,
            count(*) FILTER (WHERE c.entity_id IS NOT NULL AND NOT (${same}))::float8 AS differ,
            min(e.id) FILTER (WHERE c.entity_id IS NULL OR NOT (${same})) AS example,
            (SELECT count(*) FROM ${v.current} c2 WHERE c2.entity_id = ANY($1::int[])
                AND NOT EXISTS (SELECT 1 FROM ${v.table} h2 WHERE h2.entity_id = c2.entity_id))::float8 AS orphans
       FROM unnest($1::int[]) AS e(id)
       CROSS JOIN LATERAL (SELECT h.ts, h.value_n, h.value_b, h.value_s, h.status FROM ${v.table} h
                            WHERE h.entity_id = e.id ORDER BY h.ts DESC LIMIT 1) h
       LEFT JOIN ${v.current} c ON c.entity_id = e.id`,
    [points.map((p) => p.id)],
  );
  const wrong = row.missing + row.differ + row.orphans;
  if (wrong === 0) return check(CAT, 'current', title, row.n > 0, `${row.n} points${sampled}, all current rows match`);
  return check(
    CAT,
    'current',
    title,
    false,
    `${row.missing} missing, ${row.differ} differ, ${row.orphans} without history` +
      (row.example !== null ? ` (e.g. ${ctx.entities.label(Number(row.example))})` : ''),
  );
}
