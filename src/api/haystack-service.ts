import type { Server } from 'node:http';
import type { LiveControl } from '../live/live-session.js';
import type { Store } from '../outputs/output.js';
import { QueryClient } from '../query/query-client.js';
import { ServeAuth } from './auth/serve-auth.js';
import type { ServeUser } from './auth/users-file.js';
import { EntityIndex } from './haystack/entity-index.js';
import { HaystackApi } from './haystack/haystack-api.js';
import { createDashboardHandler } from './dashboard/dashboard-handler.js';
import { startServeServer } from './serve-server.js';

export interface ServeRequest {
  /** the store to serve (opened here if it is not yet; the caller closes it) */
  readonly store: Store;
  readonly org: string;
  readonly host: string;
  readonly port: number;
  /** users who sign in with SCRAM; undefined: no sign-in, reading open */
  readonly users?: ReadonlyMap<string, ServeUser>;
  readonly allowWrites: boolean;
  readonly live?: { readonly control: LiveControl; maxBackfillDays(): number };
}

export interface ServeHandle {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/** `haysim serve` as a library call: the store's catalog and entities read, the server listening. */
export async function serveHaystack(req: ServeRequest): Promise<ServeHandle> {
  const client = await QueryClient.over(req.store, { org: req.org });
  const entities = new EntityIndex(await client.entities());
  const api = await HaystackApi.open(client, req.store, entities, Date.now, req.live?.control);
  const auth = new ServeAuth(req.users, req.allowWrites);
  const live = req.live;
  const dashboard = createDashboardHandler({
    query: client,
    store: req.store,
    entities,
    live: req.live?.control,
    maxBackfillDays: live && (() => live.maxBackfillDays()),
    authorize: auth.authorize,
  });
  const server = await startServeServer({ host: req.host, port: req.port, api, auth, live: req.live, dashboard });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : req.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
