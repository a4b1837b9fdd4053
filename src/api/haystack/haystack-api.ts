import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../../outputs/output.js';
import type { Caller } from '../auth/serve-auth.js';
import type { QueryClient } from '../../query/query-client.js';
import type { EntityIndex } from './entity-index.js';
import { errorGrid, negotiate, readRequestGrid, sendGrid } from './grid-codec.js';
import { HaystackRequestError } from './haystack-errors.js';
import type { HaystackOp, OpContext, Simulation } from './haystack-op.js';
import { HAYSTACK_OPS } from './ops/index.js';
import { PointWrites } from './point-writes.js';
import { Watches } from './watches.js';

/** `/api/{op}` or `/api/{project}/{op}` (clients such as haystack-nclient add a project). */
const OP_PATH = /^\/api\/(?:[A-Za-z0-9_-]{1,64}\/)?([A-Za-z][A-Za-z0-9]{0,63})$/;

/**
 * The Haystack HTTP API over a store: ops from the registry, request grids in Zinc or JSON (GET query
 * parameters for one-row requests), answers in the encoding the Accept header asks for, every failure an
 * error grid with a 4xx/5xx status.
 */
export class HaystackApi {
  private constructor(private readonly base: Omit<OpContext, 'who' | 'mayWrite'>) {}

  /**
   * `entities`: the org's, read once (the dashboard's site tree is built from the same index). With a live
   * `simulation` (serve --live), writes to the points it takes as inputs feed it, and the priority arrays keep
   * its simulated time: a timed write lasts that long in the data, at any acceleration.
   */
  static async open(
    client: QueryClient,
    store: Store,
    entities: EntityIndex,
    clock: () => number = Date.now,
    simulation?: Simulation,
  ): Promise<HaystackApi> {
    const tzName = client.timeZone.split('/').pop()!;
    return new HaystackApi({
      client,
      store,
      entities,
      writes: await PointWrites.load(store, client.org, simulation ? () => simulation.simNow() : clock),
      simulation,
      watches: new Watches(clock),
      timeZone: client.timeZone,
      tzName,
      bootTime: clock(),
      ops: HAYSTACK_OPS,
      clock,
    });
  }

  /** Answers `/api/…`; false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller): Promise<boolean> {
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return false;
    const encoding = negotiate(req.headers.accept);
    try {
      const op = this.op(url.pathname);
      const request = await readRequestGrid(req, url);
      const changes = op.writes || (op.name === 'pointWrite' && request.getRows().some((r) => r.has('level')));
      if (changes && req.method !== 'POST') throw new HaystackRequestError(`${op.name} changes state: send it as POST`, 405);
      if (op.writes && !caller.mayWrite)
        throw new HaystackRequestError(`${op.name} needs write permission: a user with write access, or serve --allow-writes`, 403);
      sendGrid(res, await op.run(request, { ...this.base, ...caller }), encoding);
    } catch (error) {
      if (error instanceof HaystackRequestError) sendGrid(res, errorGrid(error.message), encoding, error.status);
      else sendGrid(res, errorGrid(`internal error: ${(error as Error).message}`, 'haysim::InternalErr'), encoding, 500);
    }
    return true;
  }

  private op(path: string): HaystackOp {
    const name = OP_PATH.exec(path)?.[1];
    const op = name === undefined ? undefined : this.base.ops.find((o) => o.name === name);
    if (!op) throw new HaystackRequestError(`unknown op "${path}": see /api/ops`, 404);
    return op;
  }
}
