/**
 * The contract both `core` schema stores (PostgreSQL and PGlite) pass: schema
 * and entities (store-contract-schema.ts); exact history, atomic chunks,
 * resume and reset (store-contract-history.ts); the users' validation queries,
 * haysim's views and the hourly rollup (store-contract-queries.ts). Each test
 * gets a fresh harness from store-contract-session.ts. Expected values come
 * from the fixture's formulas (store-contract-fixture.ts), never from what a
 * store wrote.
 */
import { describe } from 'vitest';
import type { SinkHarness } from './sink-contract.js';
import type { HistoryRecord } from './sink-contract-fixture.js';
import { storeHistoryContract } from './store-contract-history.js';
import { storeQueriesContract } from './store-contract-queries.js';
import { storeSchemaContract } from './store-contract-schema.js';
import { type StoreHarness, storeContractSession } from './store-contract-session.js';

export type { StoreHarness } from './store-contract-session.js';

export interface StoreContractOptions {
  /** also run against a database where the users' own core tables exist first */
  readonly existingUsersSchema?: boolean;
}

/** The shared sink contract's view of a store harness (org `demo`). */
export function sinkHarness(h: StoreHarness): SinkHarness {
  return {
    createSink: () => h.createStore(),
    async readHistory() {
      const rows = await h.sql<{
        id: string;
        kind: string;
        ms: number;
        n: string | null;
        b: boolean | null;
        s: string | null;
        status: string;
      }>(
        `SELECT e.haystack_id AS id, e.tags ->> 'kind' AS kind, (extract(epoch FROM v.ts) * 1000)::float8 AS ms,
                v.value_n::text AS n, v.value_b AS b, v.value_s AS s, v.status
           FROM core.values_demo v JOIN core.entity e ON e.id = v.entity_id`,
      );
      return rows.map(
        (r): HistoryRecord => ({
          ts: Number(r.ms),
          pointId: r.id,
          status: r.status,
          value: r.kind === 'Number' ? (r.n === null ? null : Number(r.n)) : r.kind === 'Bool' ? r.b : r.s,
        }),
      );
    },
    readEventIds: async () => (await h.sql<{ k: string }>('SELECT event_key AS k FROM core.haysim_event')).map((r) => r.k),
    dispose: () => h.dispose(),
  };
}

export function describeStoreContract(name: string, makeHarness: () => Promise<StoreHarness>, options: StoreContractOptions = {}): void {
  describe(`Store contract: ${name}`, () => {
    const session = storeContractSession(makeHarness);
    storeSchemaContract(session, options);
    storeHistoryContract(session);
    storeQueriesContract(session);
  });
}
