import { columnName } from '../outputs/wide/wide-names.js';
import { orgWideTables } from '../outputs/wide/wide-tables.js';
import { quoteIdent, quoteLiteral } from '../sql/sql-quote.js';
import type { StoreEntity } from './entity-index.js';
import { iso, type ValidationContext } from './validation-context.js';

/**
 * One equipment's readings as rows, one per timestamp with a column per point: what relations between an
 * equipment's own columns (kW = √3·V·I·PF, input = output + losses) need. In the wide layout the rows are
 * the equipment's own table (core.values_{org} is a view over every table, so a query of it scans all of
 * them: 16 s for one point of the campus against 0.2 s for the table); in the Haystack layout they are
 * pivoted from the narrow rows of the equipment's points.
 */
export interface EquipSeries {
  /**
   * SQL (a subquery) with `t` (epoch ms), `ts` and one float8 column per key (booleans as 0/1), for the
   * timestamps of the range where every key has a reading and no ground-truth event of the equipment or of
   * those points (a fault, maintenance, a stale block, a spike, a drift) covers it; undefined when the
   * equipment lacks a key.
   */
  rows(equip: StoreEntity, keys: readonly string[], keep?: readonly ('drift' | 'calibration')[]): string | undefined;
  /** as `rows`, keeping the labelled timestamps (checks that judge what a fault does) */
  allRows(equip: StoreEntity, keys: readonly string[]): string | undefined;
}

const KEY = /^[a-z][a-z0-9_]*$/;

export async function equipSeries(ctx: ValidationContext): Promise<EquipSeries> {
  const wide = await orgWideTables({ query: (sql, params) => ctx.query('the wide tables', sql, params) }, ctx.tables);
  const org = Math.trunc(ctx.orgId);
  const zoned = ctx.values.cast === 'timestamptz';
  const [lo, hi] = ctx.range.start < ctx.range.end ? [iso(ctx.range.start), iso(ctx.range.end)] : ['', ''];
  const cast = ctx.values.cast;
  const lit = (ms: string) => `${quoteLiteral(zoned ? ms : ms.replace('Z', ''))}::${cast}`;

  const pointsByKey = (equip: StoreEntity, keys: readonly string[]) => {
    const pts = ctx.entities.pointsOf(equip, 'point');
    const found = keys.map((k) => pts.find((p) => p.tags.navName === k));
    return found.every((p) => p !== undefined) ? (found as StoreEntity[]) : undefined;
  };

  const build = (equip: StoreEntity, keys: readonly string[], exclude: boolean, keep: readonly string[] = []): string | undefined => {
    for (const k of keys) if (!KEY.test(k)) throw new Error(`bad column key ${k}`);
    const pts = pointsByKey(equip, keys);
    if (!pts) return undefined;
    const ids = [equip.id, ...pts.map((p) => p.id)].map((i) => Math.trunc(i)).join(', ');
    // one multirange per query: a row costs a containment test
    const labelled = (ts: string) =>
      exclude
        ? `AND NOT coalesce((SELECT range_agg(tstzrange(e.start_ts, e.end_ts, '[]')) FROM core.haysim_event e
                 WHERE e.org_id = ${org} AND e.entity_id IN (${ids}) AND e.type NOT IN (${['grid-outage', ...keep].map(quoteLiteral).join(', ')})) @> ${ts}, false)`
        : '';
    const table = wide?.get(equip.hid);
    const cols = pts.map((p, i) => columnName(keys[i]!, typeof p.tags.unit === 'string' ? p.tags.unit : undefined));
    if (table && cols.every((c) => table.columns.has(c))) {
      const sel = cols.map((c, i) => {
        const col = `w.${quoteIdent(c)}`;
        return `${pts[i]!.tags.kind === 'Bool' ? `${col}::int::float8` : `${col}::float8`} AS ${quoteIdent(keys[i]!)}`;
      });
      return `(SELECT extract(epoch FROM w.ts)::float8 * 1000 AS t, w.ts, ${sel.join(', ')} FROM ${table.table} w
        WHERE w.ts >= ${lit(lo)} AND w.ts < ${lit(hi)} AND ${cols.map((c) => `w.${quoteIdent(c)} IS NOT NULL`).join(' AND ')}
        ${labelled('w.ts')})`;
    }
    const sel = pts.map((p, i) => {
      const value = p.tags.kind === 'Bool' ? 'v.value_b::int::float8' : 'v.value_n::float8';
      return `max(${value}) FILTER (WHERE v.entity_id = ${Math.trunc(p.id)}) AS ${quoteIdent(keys[i]!)}`;
    });
    const at = zoned ? 'v.ts' : `(v.ts AT TIME ZONE 'UTC')`;
    return `(SELECT extract(epoch FROM v.ts)::float8 * 1000 AS t, v.ts, ${sel.join(', ')} FROM ${ctx.values.table} v
      WHERE v.entity_id IN (${pts.map((p) => Math.trunc(p.id)).join(', ')}) AND v.ts >= ${lit(lo)} AND v.ts < ${lit(hi)}
        AND v.status = 'ok' AND (v.value_n IS NOT NULL OR v.value_b IS NOT NULL) ${labelled(at)}
      GROUP BY v.ts HAVING count(DISTINCT v.entity_id) = ${pts.length})`;
  };
  return { rows: (e, k, keep) => build(e, k, true, keep), allRows: (e, k) => build(e, k, false) };
}
