import type { SqlReader } from '../outputs/core-store/find-org.js';
import type { Period } from './layout-sql.js';
import type { Catalog, CatalogEquipment } from './query-catalog.js';
import type { EventRow } from './query-types.js';

/**
 * Ground-truth events (core.haysim_event) overlapping a period, of the equipment given or all: each keyed to
 * an equipment id and, when it hit one point, that point's column. An event names an equip or one of its
 * points (`<equip hid>.<key>`), so both match by the equipment's Haystack id or that id and a dot.
 */
export async function readEvents(
  tx: SqlReader,
  catalog: Catalog,
  equipment: readonly CatalogEquipment[],
  period: Period,
  type: string | undefined,
  limit: number,
): Promise<EventRow[]> {
  const rows = await tx.query<{ key: string; type: string; hid: string; s: number; e: number; params: Record<string, unknown> | string }>(
    `SELECT e.event_key AS key, e.type, e.haystack_id AS hid, (extract(epoch FROM e.start_ts) * 1000)::float8 AS s,
            (extract(epoch FROM e.end_ts) * 1000)::float8 AS e, e.params
       FROM core.haysim_event e JOIN unnest($2::text[]) q(hid) ON e.haystack_id = q.hid OR left(e.haystack_id, length(q.hid) + 1) = q.hid || '.'
      WHERE e.org_id = $1 AND e.start_ts < $4::timestamptz AND e.end_ts > $3::timestamptz AND ($5::text IS NULL OR e.type = $5::text)
      ORDER BY e.start_ts, e.event_key LIMIT $6`,
    [catalog.orgId, equipment.map((e) => e.haystackId), period.from, period.to, type ?? null, limit],
  );
  const points = new Map(equipment.flatMap((e) => e.columns.map((c) => [c.pointId, { e, column: c.name }] as const)));
  return rows.map((r): EventRow => {
    const point = points.get(r.hid);
    return {
      key: r.key,
      type: r.type,
      equipment: point?.e.id ?? catalog.byId.get(r.hid)?.id ?? r.hid,
      column: point?.column ?? null,
      start: new Date(Number(r.s)).toISOString(),
      end: new Date(Number(r.e)).toISOString(),
      params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params,
    };
  });
}
