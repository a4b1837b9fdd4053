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
  /** epoch ms, start inclusive, end exclusive */
  readonly start: number;
  readonly end: number;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * The events of `types` on the given equipment (or their points) that overlap [from, to), oldest first.
 * Equipment and points are matched by the Haystack ids of the catalog; site-wide events (a grid outage)
 * are on no equipment and left out.
 */
export async function readGroundTruth(
  tx: SqlReader,
  catalog: Catalog,
  equipment: readonly CatalogEquipment[],
  types: readonly string[],
  period: { readonly from: number; readonly to: number },
): Promise<GroundTruthEvent[]> {
  const [has] = await tx.query<{ ok: boolean }>(`SELECT to_regclass('core.haysim_event') IS NOT NULL AS ok`);
  if (!has?.ok) return [];
  const owner = new Map<string, { equip: CatalogEquipment; column: string | null }>();
  for (const e of equipment) {
    owner.set(e.haystackId, { equip: e, column: null });
    for (const c of e.columns) owner.set(c.pointId, { equip: e, column: c.name });
  }
  const rows = await tx.query<{ k: string; y: string; h: string; s: number; e: number; p: Record<string, unknown> }>(
    `SELECT event_key AS k, type AS y, haystack_id AS h, (extract(epoch FROM start_ts) * 1000)::float8 AS s,
            (extract(epoch FROM end_ts) * 1000)::float8 AS e, params AS p
       FROM core.haysim_event
      WHERE org_id = $1 AND type = ANY($2::text[]) AND haystack_id = ANY($3::text[])
        AND end_ts > $4::timestamptz AND start_ts < $5::timestamptz
      ORDER BY start_ts, event_key`,
    [catalog.orgId, [...types], [...owner.keys()], new Date(period.from).toISOString(), new Date(period.to).toISOString()],
  );
  return rows.map((r) => {
    const o = owner.get(r.h)!;
    const params = typeof r.p === 'string' ? (JSON.parse(r.p) as Record<string, unknown>) : (r.p ?? {});
    return {
      event: r.k,
      type: r.y,
      kind: typeof params.kind === 'string' ? params.kind : null,
      equipment: o.equip.id,
      column: o.column,
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
