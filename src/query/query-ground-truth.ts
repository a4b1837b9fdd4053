import type { SqlReader } from '../outputs/core-store/find-org.js';
import type { Catalog, CatalogEquipment } from './query-catalog.js';

/** One labelled event of the simulation's ground truth (core.haysim_event), named as the query library names things. */
export interface GroundTruthEvent {
  /** core.haysim_event.event_key, unique in the org */
  readonly event: string;
  /** `fault`, `maintenance`, `spike`, `stale`, … */
  readonly type: string;
  /** the fault's kind (`equipment-off`, `low-refrigerant-charge`), null when the event has none */
  readonly kind: string | null;
  /** the equipment it is on (wide table name) */
  readonly equipment: string;
  /** the column, when the event is on one point of the equipment */
  readonly column: string | null;
  /** the Haystack id the event names: the equipment's, or one of its points' */
  readonly target: string;
  /** epoch ms, start inclusive, end exclusive */
  readonly start: number;
  readonly end: number;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface GroundTruthFilter {
  /** epoch ms: events overlapping [from, to) */
  readonly from: number;
  readonly to: number;
  /** event types (`fault`, `stale`, …); all when undefined */
  readonly types?: readonly string[];
  /** most events returned, oldest first */
  readonly limit?: number;
}

/**
 * The one reader of the ground truth: the events on the given equipment or any of their points that overlap
 * [from, to), oldest first (then by key). An event names an equip or one of its points (`<equip hid>.<key>`),
 * so both match by the equipment's Haystack id or that id and a dot; the column is the catalog's name of the
 * point hit. Site-wide events (a grid outage) are on no equipment and left out; a store without the events
 * table has none.
 */
export async function readGroundTruth(
  tx: SqlReader,
  catalog: Catalog,
  equipment: readonly CatalogEquipment[],
  filter: GroundTruthFilter,
): Promise<GroundTruthEvent[]> {
  const [has] = await tx.query<{ ok: boolean }>(`SELECT to_regclass('core.haysim_event') IS NOT NULL AS ok`);
  if (!has?.ok || equipment.length === 0) return [];
  const rows = await tx.query<{
    k: string;
    y: string;
    h: string;
    q: string;
    s: number;
    e: number;
    p: Record<string, unknown> | string | null;
  }>(
    `SELECT e.event_key AS k, e.type AS y, e.haystack_id AS h, q.hid AS q, (extract(epoch FROM e.start_ts) * 1000)::float8 AS s,
            (extract(epoch FROM e.end_ts) * 1000)::float8 AS e, e.params AS p
       FROM core.haysim_event e JOIN unnest($2::text[]) q(hid) ON e.haystack_id = q.hid OR left(e.haystack_id, length(q.hid) + 1) = q.hid || '.'
      WHERE e.org_id = $1 AND e.start_ts < $4::timestamptz AND e.end_ts > $3::timestamptz
        AND ($5::text[] IS NULL OR e.type = ANY($5::text[]))
      ORDER BY e.start_ts, e.event_key LIMIT $6`,
    [
      catalog.orgId,
      equipment.map((e) => e.haystackId),
      new Date(filter.from).toISOString(),
      new Date(filter.to).toISOString(),
      filter.types ? [...filter.types] : null,
      filter.limit ?? null,
    ],
  );
  const points = new Map(equipment.flatMap((e) => e.columns.map((c) => [c.pointId, c.name] as const)));
  return rows.map((r): GroundTruthEvent => {
    const params = typeof r.p === 'string' ? (JSON.parse(r.p) as Record<string, unknown>) : (r.p ?? {});
    return {
      event: r.k,
      type: r.y,
      kind: typeof params.kind === 'string' ? params.kind : null,
      equipment: catalog.byId.get(r.q)!.id,
      column: points.get(r.h) ?? null,
      target: r.h,
      start: Number(r.s),
      end: Number(r.e),
      params,
    };
  });
}

/** The span and grid of the data haysim wrote for the org: its runs' union and their finest interval. */
export interface DataExtent {
  /** epoch ms, inclusive */
  readonly from: number;
  /** epoch ms, exclusive */
  readonly to: number;
  readonly intervalMs: number;
}

export async function readExtent(tx: SqlReader, catalog: Catalog): Promise<DataExtent | undefined> {
  const [row] = await tx.query<{ s: number | null; e: number | null; i: number | null }>(
    `SELECT (extract(epoch FROM min(start_ts)) * 1000)::float8 AS s, (extract(epoch FROM max(end_ts)) * 1000)::float8 AS e,
            min(interval_ms)::float8 AS i
       FROM core.haysim_run WHERE org_id = $1`,
    [catalog.orgId],
  );
  if (row?.s === null || row?.s === undefined || row.e === null || row.i === null) return undefined;
  return { from: Number(row.s), to: Number(row.e), intervalMs: Number(row.i) };
}
