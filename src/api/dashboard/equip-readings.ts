import { orgTables } from '../../outputs/core-store/org-key.js';
import type { Store } from '../../outputs/output.js';
import type { QueryClient } from '../../query/query-client.js';
import type { Cell } from '../../query/query-types.js';

/** One point of an equipment as the panel shows it: its newest value and that reading's quality. */
export interface PointReading {
  readonly name: string;
  readonly description: string | null;
  readonly unit: string | null;
  readonly kind: string;
  readonly pointId: string;
  readonly value: Cell;
  /** `ok`, `stale`, `fault` (the reading's status), or null when the store keeps none */
  readonly status: string | null;
}

/** A ground-truth event (core.haysim_event): what the engine injected, where and when. */
export interface GroundTruthEvent {
  readonly key: string;
  readonly type: string;
  /** the point or equipment it affects */
  readonly target: string;
  /** epoch ms */
  readonly start: number;
  readonly end: number;
  readonly params: unknown;
}

const MAX_EVENTS = 500;

/** The store's read-only transactions; the query library takes its own, so none is held across its calls. */
type Reader = Pick<Store, 'readOnly'>;

/** Every point of an equipment with its newest value (the query library's latest row) and status (the current table). */
export async function loadReadings(
  query: QueryClient,
  store: Reader,
  orgId: number,
  equip: string,
): Promise<{ ts: string | null; points: PointReading[] }> {
  const columns = (await query.columns(equip)).rows;
  const [latest] = (await query.latest(equip)).rows;
  const current = orgTables(query.org).current;
  const statuses = await store.readOnly(async (tx) => {
    const [has] = await tx.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [current]);
    return has?.ok
      ? await tx.query<{ hid: string; status: string | null }>(
          `SELECT e.haystack_id AS hid, c.status FROM ${current} c JOIN core.entity e ON e.id = c.entity_id
          WHERE e.org_id = $1 AND e.haystack_id = ANY($2::text[])`,
          [orgId, columns.map((c) => c.pointId)],
        )
      : [];
  });
  const statusOf = new Map(statuses.map((s) => [s.hid, s.status]));
  return {
    ts: latest?.ts ?? null,
    points: columns.map((c) => ({ ...c, value: latest?.[c.name] ?? null, status: statusOf.get(c.pointId) ?? null })),
  };
}

/** The ground-truth events of an equipment or any of its points that overlap [from, to), oldest first. */
export async function loadEvents(
  query: QueryClient,
  store: Reader,
  orgId: number,
  equip: string,
  period: { from: number; to: number },
): Promise<GroundTruthEvent[]> {
  const [e] = (await query.equipment()).rows.filter((r) => r.id === equip || r.haystackId === equip);
  if (!e) return [];
  const ids = [e.haystackId, ...(await query.columns(e.id)).rows.map((c) => c.pointId)];
  const rows = await store.readOnly((tx) =>
    tx.query<{ key: string; type: string; target: string; s: number; e: number; params: unknown }>(
      `SELECT event_key AS key, type, haystack_id AS target, (extract(epoch FROM start_ts) * 1000)::float8 AS s,
            (extract(epoch FROM end_ts) * 1000)::float8 AS e, params
       FROM core.haysim_event WHERE org_id = $1 AND haystack_id = ANY($2::text[])
        AND start_ts < $4::timestamptz AND end_ts > $3::timestamptz
      ORDER BY start_ts, event_key LIMIT ${MAX_EVENTS}`,
      [orgId, ids, new Date(period.from).toISOString(), new Date(period.to).toISOString()],
    ),
  );
  return rows.map((r) => ({ key: r.key, type: r.type, target: r.target, start: Number(r.s), end: Number(r.e), params: r.params }));
}
