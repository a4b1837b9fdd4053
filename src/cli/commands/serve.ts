import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_PGLITE_DIR } from '../../outputs/pglite/pglite-options.js';
import { PgliteStore } from '../../outputs/pglite/pglite-store.js';
import { startPgWireServer } from '../../api/pg-wire/pg-wire-server.js';
import { isLoopbackHost } from '../../api/api-auth.js';
import { formatCredential, makeCredential } from '../../api/auth/scram.js';
import { loadUsersFile } from '../../api/auth/users-file.js';
import { type ServeHandle, serveHaystack } from '../../api/haystack-service.js';
import { ArgsError, HaysimError } from '../../errors.js';
import { runLiveSession } from '../../live/live-session.js';
import { stopSignal } from '../../live/stop-signal.js';
import { selectOutputs } from '../../outputs/registry.js';
import { parseWhole } from '../flag-values.js';
import { addOutputFlags, outputRequests } from '../output-flags.js';
import { addRunFlags } from '../run-options.js';
import type { CliCommand } from './command.js';
import { liveSessionSettings } from './live.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve a store over HTTP: the Haystack API at /api (and the live control routes with --live)',
  configure(command: Command, cx) {
    addOutputFlags(addRunFlags(command), cx.outputs, ['store'])
      .option('--host <host>', 'address to listen on; beyond loopback it needs --users', '127.0.0.1')
      .option('--port <port>', 'HTTP port (0: any free port)', '8080')
      .option('--users <file>', 'users.yaml: who may sign in (SCRAM-SHA-256); without it reading is open on this machine')
      .option('--allow-writes', 'let requests change state (hisWrite, pointWrite, live control) without a user granted write')
      .option('--live', 'run the live service in this process too: values stay current, its control routes under /live')
      .option('--acceleration <n>', 'with --live: simulated seconds per wall-clock second', '1')
      .option('--backfill-days <n>', 'with --live: days to backfill into an empty store', '1')
      .option('--service-name <name>', 'with --live: row of simulator_state this service owns', 'haystack_simulator')
      .option('--pg-port <port>', 'also serve the embedded store over the PostgreSQL protocol on 127.0.0.1:<port> (psql, Grafana)')
      .option('--hash-password <user>', 'print a users.yaml entry for <user> from a password read on stdin, then exit')
      .option('--write', 'with --hash-password: the user may change state');
  },
  async run(o, cx) {
    if (o.hashPassword !== undefined) return hashPassword(String(o.hashPassword), o.write === true);
    const host = String(o.host);
    const port = parseWhole(String(o.port), '--port', 0, 65535);
    const users = o.users === undefined ? undefined : loadUsersFile(String(o.users));
    if (!isLoopbackHost(host) && !users) throw new ArgsError(`--host ${host} serves beyond this machine: give --users so callers sign in`);
    const org = String(o.org);
    const requests = outputRequests(o, cx.outputs, ['store']);
    // serving an embedded store that is not there would create an empty one
    const dataDir = requests.length === 0 ? DEFAULT_PGLITE_DIR : requests.find((r) => r.name === 'pglite')?.options.dataDir;
    if (!o.live && typeof dataDir === 'string' && !existsSync(join(resolve(dataDir), 'PG_VERSION')))
      throw new ArgsError(`no embedded store in ${dataDir}: pass --db or --data-dir, or run haysim generate first`);
    const say = (line: string) => process.stderr.write(`haysim serve: ${line}\n`);
    const embedded =
      o.pgPort === undefined ? undefined : await serveEmbeddedOverPg(o, requests, String(dataDir ?? DEFAULT_PGLITE_DIR), org, say);
    const store = embedded?.store ?? selectOutputs(requests, { org }, cx.outputs).store;
    if (!store) throw new ArgsError('serve needs a store: pass --db or --data-dir (default ./haysim-data)');
    const announce = (listening: number) => {
      say(`Haystack API on http://${host}:${listening}/api (about, read, nav, hisRead, watchSub, pointWrite, …)`);
      say(users ? `sign-in required: ${users.size} user(s) from ${o.users}` : 'no users: reading is open to this machine');
      say(o.allowWrites ? 'writes allowed (--allow-writes)' : 'read-only unless a user has write: true');
    };
    if (o.live) {
      const { request, maxBackfillDays } = await liveSessionSettings(o);
      // one store for the service and the API: the embedded store takes one process's connection at a time
      await runLiveSession(
        { ...request, sinks: [store], stateStore: store },
        {
          serve: (control) =>
            serveOnceSiteWritten(
              () =>
                serveHaystack({ store, org, host, port, users, allowWrites: o.allowWrites === true, live: { control, maxBackfillDays } }),
              (handle) => {
                announce(handle.port);
                say(`live control routes under /live (status, start, stop, config, …)`);
              },
              say,
            ),
          stopping: (signal) => say(`${signal}: finishing the current tick and stopping`),
        },
      );
      await embedded?.close();
      return 0;
    }
    const stop = stopSignal((signal) => say(`${signal}: stopping`));
    try {
      const handle = await serveHaystack({ store, org, host, port, users, allowWrites: o.allowWrites === true });
      announce(handle.port);
      await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
      await handle.close();
      return 0;
    } finally {
      stop.dispose();
      await store.close();
      await embedded?.close();
    }
  },
};

/**
 * --pg-port: the embedded store opened on this thread (the wire protocol needs PGlite's own instance) and
 * served over the PostgreSQL protocol on loopback; the API reads the same instance.
 */
async function serveEmbeddedOverPg(
  o: Record<string, unknown>,
  requests: readonly { readonly name: string }[],
  dataDir: string,
  org: string,
  say: (line: string) => void,
): Promise<{ store: PgliteStore; close(): Promise<void> }> {
  if (requests.some((r) => r.name === 'postgres'))
    throw new ArgsError('--pg-port serves the embedded store: a --db server speaks the protocol already');
  const port = parseWhole(String(o.pgPort), '--pg-port', 0, 65535);
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(resolve(dataDir));
  const server = await startPgWireServer(db, port).catch(async (error: Error) => {
    await db.close();
    throw new ArgsError(`--pg-port ${port}: ${error.message}`);
  });
  const address = server.address();
  say(
    `embedded store over the PostgreSQL protocol: psql -h 127.0.0.1 -p ${typeof address === 'object' && address ? address.port : port} -U postgres postgres`,
  );
  return {
    store: new PgliteStore({ instance: db, org }),
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await db.close();
    },
  };
}

/** The password comes on stdin, never argv (process lists and shell history would keep it). */
async function hashPassword(user: string, write: boolean): Promise<number> {
  if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(user)) throw new ArgsError(`--hash-password "${user}": letters, digits, _ . @ or -, at most 64`);
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const password = text.split(/\r?\n/)[0] ?? '';
  if (password.length < 8) throw new ArgsError('the password (first line on stdin) must have at least 8 characters');
  process.stdout.write(`  - name: ${user}\n    write: ${write}\n    scram: "${formatCredential(makeCredential(password))}"\n`);
  return 0;
}

/**
 * The API over a live service's store. An empty store gets its site from the service's first write (org and
 * entities in one transaction), which comes after this returns: until then the API is retried, not refused.
 * Resolves with how to stop serving.
 */
async function serveOnceSiteWritten(
  open: () => Promise<ServeHandle>,
  ready: (handle: ServeHandle) => void,
  say: (line: string) => void,
): Promise<() => void> {
  let handle: ServeHandle | undefined;
  let stopped = false;
  const opened = (h: ServeHandle) => {
    if (stopped) return void h.close();
    handle = h;
    ready(h);
  };
  try {
    opened(await open());
  } catch (error) {
    if (!siteMissing(error)) throw error;
    say('the store holds no site yet: the API opens once the live service has written it');
    void (async () => {
      while (!stopped) {
        await new Promise((resolve) => setTimeout(resolve, SITE_POLL_MS));
        try {
          return opened(await open());
        } catch (e) {
          if (!siteMissing(e)) return say(`the API could not open: ${(e as Error).message}`);
        }
      }
    })();
  }
  return () => {
    stopped = true;
    void handle?.close();
  };
}

const SITE_POLL_MS = 250;

/** What opening the API over a store without this org's site throws (no core schema yet, or no such org). */
function siteMissing(error: unknown): boolean {
  return (
    (error instanceof HaysimError && error.code === 'STORE_READ_FAILED' && error.message.includes('no core.org table')) ||
    (error instanceof ArgsError && error.message.includes('no organization with this key'))
  );
}
