import { quoteIdent, quoteLiteral } from '../../sql/sql-quote.js';
import type { SqlClient } from '../core-store/sql-client.js';
import type { WideTable } from '../wide/wide-names.js';
import type { PointInfo } from '../../model/point.js';
import type { BoundRule } from './alert-rules.js';

/**
 * The alerts table: one row where a reading crosses a rule's limit (it is beyond and the previous reading
 * of that equipment and metric was not, or there was none), derived in SQL from the stored series after a
 * run. Each run recomputes its range [start, end) and the first reading at or after `end` (which a later
 * range may already hold and whose previous reading this run may just have written), reading back to the
 * last reading before `start` for the edge: rows are deleted and derived again, so re-runs are idempotent
 * and any split of a range into runs gives the same rows. `fault_event` names a labelled fault
 * (core.haysim_event type `fault`) of the equipment or one of its points whose window holds the reading.
 */

/** the table next to `equipment_metadata` in the wide layout (`core.alerts_{org}` in the haystack layout) */
export const ALERTS_TABLE = 'alerts';

export interface AlertRange {
  readonly orgId: number;
  /** epoch ms, inclusive / exclusive */
  readonly start: number;
  readonly end: number;
}

/** `alerts` (or `core.alerts_{org}`), created when missing; `name` is a quoted, qualified relation. */
export async function ensureAlertsTable(tx: SqlClient, name: string): Promise<void> {
  await tx.exec(`CREATE TABLE IF NOT EXISTS ${name} (
    ts timestamptz NOT NULL,
    equipment_id varchar NOT NULL,
    severity varchar NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    message text NOT NULL,
    metric varchar NOT NULL,
    threshold double precision NOT NULL,
    value double precision,
    fault_event varchar,
    rule varchar NOT NULL,
    PRIMARY KEY (equipment_id, rule, ts));
   CREATE INDEX IF NOT EXISTS ${quoteIdent(`${relationName(name).slice(0, 55)}_ts_idx`)} ON ${name} (ts);
   COMMENT ON TABLE ${name} IS ${quoteLiteral(
     'haysim: one row where a reading crosses an alert rule (src/outputs/alerts/alert-rules.ts); fault_event = core.haysim_event.event_key of a labelled fault covering it',
   )}`);
}

/** Deletes the alerts of some equipment (a --reset of their site). */
export async function deleteAlertsOf(tx: SqlClient, name: string, equipIds: readonly string[]): Promise<void> {
  await tx.query(`DELETE FROM ${name} WHERE equipment_id = ANY($1::text[])`, [equipIds]);
}

/** the unquoted last part of `"schema"."table"` */
function relationName(qualified: string): string {
  const m = /"((?:[^"]|"")*)"$/.exec(qualified);
  return m ? m[1]!.replace(/""/g, '"') : qualified;
}

/** The rules as a jsonb recordset: each binding's index, what it writes and how it compares. */
function ruleRows(rules: readonly BoundRule[], metric: (b: BoundRule) => string) {
  return rules.map((b, idx) => ({
    idx,
    rule: b.rule.id,
    severity: b.rule.severity,
    metric: metric(b),
    op: b.rule.op,
    threshold: b.rule.threshold,
    message: b.message,
    delay: startDelay(b),
    labels: b.labels?.join(',') ?? null,
  }));
}

/** the rule's start-up delay in whole minutes (0: none); a code constant, checked before it reaches SQL */
function startDelay(b: BoundRule): number {
  const m = b.gate ? (b.rule.startDelayMin ?? 0) : 0;
  if (!Number.isInteger(m) || m < 0) throw new Error(`alert rule ${b.rule.id}: startDelayMin must be a whole number of minutes`);
  return m;
}

/**
 * How far past the range its alerts are evaluated again: the first reading at or after its end (`hi`, whose
 * crossing depends on the reading before it), and the readings whose start-up delay looks back into the range.
 */
function reachAfter(hi: string | null, end: number, delayMin: number): string | null {
  if (hi === null || delayMin === 0) return hi;
  return new Date(Math.max(Date.parse(hi), end + delayMin * 60_000)).toISOString();
}

const RULE_COLUMNS =
  'idx int, rule varchar, severity varchar, metric varchar, op varchar, threshold float8, message text, delay int, labels text';

/** `hit`: the reading is beyond the limit (a NULL gate reads as not running) */
const HIT = `(CASE r.op WHEN '>' THEN v.value > r.threshold WHEN '<' THEN v.value < r.threshold ELSE v.value = r.threshold END) AND v.gate`;

/** the labelled fault of the equipment (`$eq`) or one of its points covering `ts` */
const faultEvent = (eq: string, ts: string, org: string) =>
  `(SELECT e.event_key FROM core.haysim_event e
     WHERE e.org_id = ${org} AND e.type = 'fault' AND (e.haystack_id = ${eq} OR left(e.haystack_id, length(${eq}) + 1) = ${eq} || '.')
       AND e.start_ts <= ${ts} AND ${ts} < e.end_ts
     ORDER BY e.start_ts DESC, e.event_key LIMIT 1)`;

const NUMERIC_TEXT = `'^-?[0-9]+(\\.[0-9]+)?$'`;

/** An enum point's stored state name as its integer code: its place in the comma-separated `labels`, from 0 (NULL: not a state). */
const stateCode = (labels: string, name: string) => `array_position(string_to_array(${labels}, ','), ${name}) - 1`;

/**
 * Wide layout: per equipment table, one scan of its range with the rules' columns unpivoted through
 * VALUES, lag() per rule. Rows deleted and inserted in the caller's transaction.
 */
export async function writeWideAlerts(
  tx: SqlClient,
  cx: { readonly schema: string; readonly tables: readonly WideTable[] },
  rules: readonly BoundRule[],
  range: AlertRange,
): Promise<number> {
  const alerts = `${quoteIdent(cx.schema)}.${quoteIdent(ALERTS_TABLE)}`;
  const start = new Date(range.start).toISOString();
  const end = new Date(range.end).toISOString();
  let written = 0;
  for (const table of cx.tables) {
    const bound = rules.filter((b) => b.equipId === table.equipId);
    const columnOf = new Map(table.columns.map((c) => [c.pointId, c]));
    const usable = bound.filter(
      (b) => columnOf.has(b.point.id) && (!b.gate || columnOf.has(b.gate.id)) && (!b.command || columnOf.has(b.command.id)),
    );
    const name = `${quoteIdent(cx.schema)}.${quoteIdent(table.name)}`;
    if (usable.length === 0) {
      await tx.query(`DELETE FROM ${alerts} WHERE equipment_id = $1 AND ts >= $2 AND ts < $3`, [table.equipId, start, end]);
      continue;
    }
    const col = (b: BoundRule) => columnOf.get(b.point.id)!;
    const columns = [...new Set(usable.map((b) => quoteIdent(col(b).name)))];
    // the last reading of any rule column before the range and the first at or after its end
    const [bounds] = await tx.query<{ lo: string | null; hi: string | null }>(
      `SELECT to_json(least(${columns.map((c) => `(SELECT max(ts) FROM ${name} WHERE ts < $1 AND ${c} IS NOT NULL)`).join(', ')})) #>> '{}' AS lo,
              to_json(greatest(${columns.map((c) => `(SELECT min(ts) FROM ${name} WHERE ts >= $2 AND ${c} IS NOT NULL)`).join(', ')})) #>> '{}' AS hi`,
      [start, end],
    );
    const lo = bounds?.lo ?? start;
    const hi = reachAfter(bounds?.hi ?? null, range.end, Math.max(...usable.map(startDelay)));
    await tx.query(`DELETE FROM ${alerts} WHERE equipment_id = $1 AND ts >= $2 AND (ts < $3 OR ts <= $4)`, [table.equipId, start, end, hi]);
    // an enum rule's state names, one parameter each after the fixed seven
    const labels: string[] = [];
    const cells = usable.map((b, idx) => {
      const c = col(b);
      const w = `w.${quoteIdent(c.name)}`;
      let value = w;
      if (c.type === 'boolean') value = `${w}::int::float8`;
      else if (c.type !== 'double precision') {
        labels.push(b.labels?.join(',') ?? '');
        value = `CASE WHEN ${w} ~ ${NUMERIC_TEXT} THEN ${w}::float8 ELSE ${stateCode(`$${7 + labels.length}::text`, w)} END`;
      }
      // a gate logged on change has NULL cells between changes: the last value logged holds
      const held = (point: PointInfo) => {
        const g = quoteIdent(columnOf.get(point.id)!.name);
        return `coalesce(w.${g}, (SELECT x.${g} FROM ${name} x WHERE x.ts < w.ts AND x.${g} IS NOT NULL ORDER BY x.ts DESC LIMIT 1), false)`;
      };
      let gate = 'true';
      if (b.gate) {
        const g = quoteIdent(columnOf.get(b.gate.id)!.name);
        gate = held(b.gate);
        if (b.command) gate += ` AND ${held(b.command)}`;
        const delay = startDelay(b);
        // and running `delay` minutes before (the gate's last value logged then: a heartbeat bounds the walk back)
        if (delay > 0)
          gate += ` AND coalesce((SELECT x.${g} FROM ${name} x WHERE x.ts <= w.ts - interval '${delay} minutes' AND x.${g} IS NOT NULL ORDER BY x.ts DESC LIMIT 1), false)`;
      }
      return `(${idx}, ${value}, ${gate})`;
    });
    const rows = await tx.query<{ n: string | number }>(
      `WITH r AS (SELECT * FROM jsonb_to_recordset($5::jsonb) AS r(${RULE_COLUMNS})),
       s AS (SELECT w.ts, v.idx, v.value, ${HIT} AS hit
               FROM ${name} w CROSS JOIN LATERAL (VALUES ${cells.join(', ')}) AS v(idx, value, gate) JOIN r ON r.idx = v.idx
              WHERE w.ts >= $1 AND (w.ts < $3 OR w.ts <= $4) AND v.value IS NOT NULL),
       c AS (SELECT s.*, lag(s.hit) OVER (PARTITION BY s.idx ORDER BY s.ts) AS prev FROM s),
       ins AS (
         INSERT INTO ${alerts} (ts, equipment_id, severity, message, metric, threshold, value, fault_event, rule)
         SELECT c.ts, $6, r.severity, replace(r.message, '{value}', round(c.value::numeric, 2)::text), r.metric, r.threshold, c.value,
                ${faultEvent('$6::varchar', 'c.ts', '$7::int')}, r.rule
           FROM c JOIN r ON r.idx = c.idx
          WHERE c.hit AND c.prev IS DISTINCT FROM true AND c.ts >= $2
         RETURNING 1)
       SELECT count(*) AS n FROM ins`,
      [lo, start, end, hi, JSON.stringify(ruleRows(usable, (b) => col(b).name)), table.equipId, range.orgId, ...labels],
    );
    written += Number(rows[0]?.n ?? 0);
  }
  return written;
}

/**
 * Haystack layout: all rules in one statement over `core.values_{org}` (its (entity_id, ts) key finds each
 * point's rows), lag() per rule; each rule's range ends at its own point's first reading at or after `end`.
 */
export async function writeCoreAlerts(
  tx: SqlClient,
  t: { readonly values: string; readonly alerts: string },
  rules: readonly BoundRule[],
  ids: ReadonlyMap<string, number>,
  range: AlertRange,
): Promise<number> {
  const start = new Date(range.start).toISOString();
  const end = new Date(range.end).toISOString();
  const equipIds = [...new Set(rules.map((b) => b.equipId))];
  const usable = rules.filter((b) => ids.has(b.point.id) && (!b.gate || ids.has(b.gate.id)) && (!b.command || ids.has(b.command.id)));
  const rows = ruleRows(usable, (b) => b.point.key).map((r, i) => {
    const b = usable[i]!;
    const command = b.command ? ids.get(b.command.id) : null;
    return {
      ...r,
      equipment_id: b.equipId,
      point: ids.get(b.point.id),
      gate: b.gate ? ids.get(b.gate.id) : null,
      command,
      kind: b.point.kind,
    };
  });
  const recordset = `jsonb_to_recordset($3::jsonb) AS r(${RULE_COLUMNS}, equipment_id varchar, point int, gate int, command int, kind varchar)`;
  // each rule's last reading before the range and first at or after its end
  // as JSON text: exact to the microsecond, whatever the session's DateStyle
  const bounds = await tx.query<{ idx: number; lo: string | null; hi: string | null }>(
    `SELECT r.idx, to_json((SELECT max(v.ts) FROM ${t.values} v WHERE v.entity_id = r.point AND v.ts < $1)) #>> '{}' AS lo,
            to_json((SELECT min(v.ts) FROM ${t.values} v WHERE v.entity_id = r.point AND v.ts >= $2)) #>> '{}' AS hi
       FROM ${recordset}`,
    [start, end, JSON.stringify(rows)],
  );
  const byIdx = new Map(bounds.map((b) => [Number(b.idx), b]));
  const withBounds = rows.map((r) => ({
    ...r,
    lo: byIdx.get(r.idx)?.lo ?? start,
    hi: reachAfter(byIdx.get(r.idx)?.hi ?? null, range.end, r.delay),
  }));
  await tx.query(`DELETE FROM ${t.alerts} WHERE equipment_id = ANY($1::text[]) AND ts >= $2 AND ts < $3`, [equipIds, start, end]);
  await tx.query(
    `DELETE FROM ${t.alerts} a USING jsonb_to_recordset($2::jsonb) AS b(equipment_id varchar, rule varchar, hi timestamptz)
      WHERE a.equipment_id = b.equipment_id AND a.rule = b.rule AND a.ts >= $1 AND a.ts <= b.hi`,
    [end, JSON.stringify(withBounds.filter((r) => r.hi !== null))],
  );
  if (withBounds.length === 0) return 0;
  const value = `CASE r.kind WHEN 'Number' THEN h.value_n::float8 WHEN 'Bool' THEN h.value_b::int::float8
                   ELSE CASE WHEN h.value_s ~ ${NUMERIC_TEXT} THEN h.value_s::float8 ELSE ${stateCode('r.labels', 'h.value_s')} END END`;
  // a gate logged on change has no row at every reading: the last value logged holds
  // and, with a start-up delay, running `delay` minutes before as well; and the command's last value logged on
  const gate = `(r.gate IS NULL OR coalesce(g.value_b, (SELECT x.value_b FROM ${t.values} x WHERE x.entity_id = r.gate AND x.ts < h.ts
                   ORDER BY x.ts DESC LIMIT 1), false)
                 AND (r.command IS NULL OR coalesce((SELECT x.value_b FROM ${t.values} x WHERE x.entity_id = r.command AND x.ts <= h.ts
                   ORDER BY x.ts DESC LIMIT 1), false))
                 AND (r.delay = 0 OR coalesce((SELECT x.value_b FROM ${t.values} x WHERE x.entity_id = r.gate
                   AND x.ts <= h.ts - make_interval(mins => r.delay) ORDER BY x.ts DESC LIMIT 1), false)))`;
  const [inserted] = await tx.query<{ n: string | number }>(
    `WITH r AS (SELECT r.*, b.lo, b.hi FROM ${recordset}
                  JOIN jsonb_to_recordset($4::jsonb) AS b(idx int, lo timestamptz, hi timestamptz) ON b.idx = r.idx),
     s AS (SELECT h.ts, r.idx, v.value, ${HIT} AS hit
             FROM r JOIN ${t.values} h ON h.entity_id = r.point AND h.ts >= r.lo AND (h.ts < $2 OR h.ts <= r.hi)
             LEFT JOIN ${t.values} g ON g.entity_id = r.gate AND g.ts = h.ts
             CROSS JOIN LATERAL (SELECT ${value} AS value, ${gate} AS gate) v
            WHERE v.value IS NOT NULL),
     c AS (SELECT s.*, lag(s.hit) OVER (PARTITION BY s.idx ORDER BY s.ts) AS prev FROM s),
     ins AS (
       INSERT INTO ${t.alerts} (ts, equipment_id, severity, message, metric, threshold, value, fault_event, rule)
       SELECT c.ts, r.equipment_id, r.severity, replace(r.message, '{value}', round(c.value::numeric, 2)::text), r.metric, r.threshold, c.value,
              ${faultEvent('r.equipment_id', 'c.ts', '$5::int')}, r.rule
         FROM c JOIN r ON r.idx = c.idx
        WHERE c.hit AND c.prev IS DISTINCT FROM true AND c.ts >= $1
       RETURNING 1)
     SELECT count(*) AS n FROM ins`,
    [start, end, JSON.stringify(rows), JSON.stringify(withBounds.map((r) => ({ idx: r.idx, lo: r.lo, hi: r.hi }))), range.orgId],
  );
  return Number(inserted?.n ?? 0);
}
