/**
 * The per-test session every store-contract file shares: a fresh harness for
 * each test (closed afterwards with every store it opened), and the helpers
 * that load chunks and read back entities and history. Expected history comes
 * from the fixture's formulas (store-contract-fixture.ts).
 */
import { afterEach, beforeEach } from 'vitest';
import type { Store, WriteSummary } from '../../src/outputs/output.js';
import type { Chunk } from '../../src/sim/sample.js';
import * as f from './store-contract-fixture.js';

export interface StoreHarness {
  /** a new store on the harness's database; every store of one harness shares it */
  createStore(options?: { org?: string }): Store;
  /** SQL on the same database, outside the stores; session time zone UTC */
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** several statements without parameters */
  exec(script: string): Promise<void>;
  dispose(): Promise<void>;
}

export const ROWS_PER_CHUNK = f.STEPS * f.POINTS.length;

/** Sorts rows by their first two fields in code-point order (independent of database collation). */
export function byKey(a: readonly unknown[], b: readonly unknown[]): number {
  for (const i of [0, 1]) {
    const x = String(a[i] ?? ''),
      y = String(b[i] ?? '');
    if (typeof a[i] === 'number' && typeof b[i] === 'number') {
      if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export type StoreContractSession = ReturnType<typeof storeContractSession>;

/** Call inside a `describe`: registers the per-test harness hooks and returns the helpers. */
export function storeContractSession(makeHarness: () => Promise<StoreHarness>) {
  let current: StoreHarness;
  /** the current test's harness, under one name the test bodies can hold on to */
  const h: StoreHarness = {
    createStore: (options) => current.createStore(options),
    sql: <R>(text: string, params?: unknown[]) => current.sql<R>(text, params),
    exec: (script) => current.exec(script),
    dispose: () => current.dispose(),
  };
  const open: Store[] = [];
  const store = (org?: string) => {
    const s = h.createStore(org ? { org } : {});
    open.push(s);
    return s;
  };
  /** open → begin → chunks → finish → close */
  async function load(chunks: readonly (number | Chunk)[], run = f.storeRun(), reset = false, org?: string): Promise<WriteSummary> {
    const s = store(org);
    await s.open();
    await s.begin(f.storeModel(), { ...run, org: org ?? run.org }, { reset });
    for (const c of chunks) await s.writeChunk(typeof c === 'number' ? f.storeChunk(c) : c);
    const summary = await s.finish();
    await s.close();
    return summary;
  }
  const ids = async (org = 'demo') =>
    new Map(
      (
        await h.sql<{ h: string; id: number }>(
          'SELECT haystack_id AS h, id FROM core.entity WHERE org_id = (SELECT id FROM core.org WHERE key = $1) AND disabled_ts IS NULL',
          [org],
        )
      ).map((r) => [r.h, Number(r.id)]),
    );
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await h.sql<{ n: number }>(`SELECT (${sql})::int AS n`, params))[0].n);
  /** history as [point id, step, value text, bool, str, status], sorted */
  const history = async (table = 'values_demo') =>
    (
      await h.sql<{ id: string; g: number; n: string | null; b: boolean | null; s: string | null; status: string }>(
        `SELECT e.haystack_id AS id, round((extract(epoch FROM v.ts) * 1000 - $1) / $2)::int AS g,
              v.value_n::text AS n, v.value_b AS b, v.value_s AS s, v.status
         FROM core.${table} v JOIN core.entity e ON e.id = v.entity_id`,
        [f.EPOCH, f.INTERVAL_MS],
      )
    )
      .map((r) => [r.id, r.g, r.n, r.b, r.s, r.status])
      .sort(byKey);
  /** the same rows from the formulas: numbers as toFixed(decimals) */
  const expectedHistory = (stepList: readonly number[]) =>
    f.POINTS.flatMap((pt) =>
      stepList.map((g) => {
        const v = f.pointValueAt(pt.index, g);
        const n = pt.kind === 'Number' && v !== null ? (v as number).toFixed(pt.decimals) : null;
        return [pt.id, g, n, pt.kind === 'Bool' ? v : null, pt.kind === 'Str' ? v : null, f.statusOf(pt.index, g)];
      }),
    ).sort(byKey);
  const stepsOf = (...chunks: number[]) => chunks.flatMap((c) => Array.from({ length: f.STEPS }, (_, k) => c * f.STEPS + k));

  beforeEach(async () => {
    current = await makeHarness();
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await h.dispose();
  });

  return { h, store, load, ids, count, history, expectedHistory, stepsOf };
}
