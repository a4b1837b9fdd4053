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

/** The ground-truth events of an equipment or any of its points that overlap [from, to), oldest first (the query library's reader). */
export async function loadEvents(
  query: QueryClient,
  _store: Reader,
  _orgId: number,
  equip: string,
  period: { from: number; to: number },
): Promise<GroundTruthEvent[]> {
  const [e] = (await query.equipment()).rows.filter((r) => r.id === equip || r.haystackId === equip);
  if (!e) return [];
  const events = await query.groundTruth({ equipment: [e.id], from: period.from, to: period.to, limit: MAX_EVENTS });
  return events.map((r) => ({ key: r.event, type: r.type, target: r.target, start: r.start, end: r.end, params: r.params }));
}
