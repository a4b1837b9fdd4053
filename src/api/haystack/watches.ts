import { randomBytes } from 'node:crypto';
import { HaystackRequestError } from './haystack-errors.js';

/** Bounds on what clients may hold open: watches are memory the server keeps for them. */
const MAX_WATCHES = 256;
const MAX_IDS_PER_WATCH = 10_000;
const DEFAULT_LEASE_MS = 60_000;
const MAX_LEASE_MS = 24 * 3_600_000;

interface Watch {
  readonly dis: string;
  readonly ids: Set<string>;
  leaseMs: number;
  touched: number;
  /** Zinc of each id's row at the last poll: a poll answers what changed since */
  readonly last: Map<string, string>;
}

/** Open watches: ids subscribed by watchSub, polled for changes by watchPoll, closed by watchUnsub or their lease. */
export class Watches {
  private readonly open = new Map<string, Watch>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** A new watch (or `watchId` extended) with these ids; returns its id and lease. */
  subscribe(
    watchId: string | undefined,
    dis: string,
    ids: readonly string[],
    leaseMs: number | undefined,
  ): { id: string; leaseMs: number } {
    this.expire();
    let id = watchId;
    let watch = id === undefined ? undefined : this.get(id);
    if (!watch) {
      if (this.open.size >= MAX_WATCHES)
        throw new HaystackRequestError(`too many open watches (${MAX_WATCHES}): close some with watchUnsub`, 503);
      id = `w-${randomBytes(9).toString('base64url')}`;
      watch = { dis, ids: new Set(), leaseMs: DEFAULT_LEASE_MS, touched: this.clock(), last: new Map() };
      this.open.set(id, watch);
    }
    if (leaseMs !== undefined) watch.leaseMs = Math.min(Math.max(leaseMs, 1000), MAX_LEASE_MS);
    if (watch.ids.size + ids.length > MAX_IDS_PER_WATCH) throw new HaystackRequestError(`a watch holds at most ${MAX_IDS_PER_WATCH} ids`);
    for (const i of ids) watch.ids.add(i);
    watch.touched = this.clock();
    return { id: id!, leaseMs: watch.leaseMs };
  }

  /** The watch's ids, or an error for a watch that is unknown or whose lease ran out. */
  get(watchId: string): Watch {
    this.expire();
    const watch = this.open.get(watchId);
    if (!watch) throw new HaystackRequestError(`unknown or expired watch "${watchId}"`, 404);
    watch.touched = this.clock();
    return watch;
  }

  /** Removes ids from a watch, or closes it (no ids given with `close`). */
  unsubscribe(watchId: string, ids: readonly string[], close: boolean): void {
    const watch = this.get(watchId);
    if (close) this.open.delete(watchId);
    for (const i of ids) {
      watch.ids.delete(i);
      watch.last.delete(i);
    }
  }

  private expire(): void {
    const now = this.clock();
    for (const [id, w] of this.open) if (now - w.touched > w.leaseMs) this.open.delete(id);
  }
}
