import { type HVal, ZincReader } from 'haystack-core';
import type { Store } from '../../outputs/output.js';
import { HaystackRequestError } from './haystack-errors.js';

/** The priority array's levels, 1 (emergency) … 17 (default), as BACnet and Haystack number them. */
export const LEVELS = 17;

export interface LevelWrite {
  readonly val: HVal;
  readonly who: string;
  /** epoch ms after which the level relinquishes itself (a timed override), undefined for none */
  readonly expires: number | undefined;
}

const TABLE = 'core.haysim_point_write';

/**
 * The priority arrays of writable points: a write sets a level, writing null relinquishes it, and the
 * effective value is the lowest-numbered level set. Kept in memory and in the store (the table is created
 * by the first write, so a read-only server writes nothing), and read back when the server starts.
 */
export class PointWrites {
  private readonly arrays = new Map<string, (LevelWrite | undefined)[]>();

  private constructor(
    private readonly store: Store,
    private readonly org: string,
    private readonly clock: () => number,
  ) {}

  static async load(store: Store, org: string, clock: () => number = Date.now): Promise<PointWrites> {
    const writes = new PointWrites(store, org, clock);
    const rows = await store.readOnly(async (tx) => {
      const [exists] = await tx.query<{ t: boolean }>(`SELECT to_regclass('${TABLE}') IS NOT NULL AS t`);
      return exists?.t
        ? tx.query<{ point: string; level: number; val: string; who: string; expires: number | null }>(
            `SELECT point_id AS point, level, val, who, (extract(epoch FROM expires) * 1000)::float8 AS expires
               FROM ${TABLE} WHERE org_key = $1`,
            [org],
          )
        : [];
    });
    for (const r of rows) {
      const val = ZincReader.readValue(r.val);
      if (val) writes.levels(r.point)[r.level - 1] = { val, who: r.who, expires: r.expires === null ? undefined : Number(r.expires) };
    }
    return writes;
  }

  /** The 17 levels of a point, unset ones undefined (expired ones relinquished). */
  array(point: string): readonly (LevelWrite | undefined)[] {
    const levels = this.levels(point);
    const now = this.clock();
    for (let i = 0; i < LEVELS; i++) if (levels[i]?.expires !== undefined && levels[i]!.expires! <= now) levels[i] = undefined;
    return levels;
  }

  /** The value in effect and its level, undefined when every level is relinquished. */
  effective(point: string): (LevelWrite & { readonly level: number }) | undefined {
    const levels = this.array(point);
    const i = levels.findIndex((l) => l !== undefined);
    return i < 0 ? undefined : { ...levels[i]!, level: i + 1 };
  }

  /**
   * The value in effect from now on as consecutive spans (end Infinity: until relinquished), each level's
   * expiry ending its span; empty when every level is relinquished.
   */
  timeline(point: string): { from: number; spans: { start: number; end: number; val: HVal }[] } {
    const from = this.clock();
    const levels = this.array(point);
    const cuts = [...new Set([from, ...levels.flatMap((l) => (l?.expires === undefined ? [] : [l.expires]))])].sort((a, b) => a - b);
    const spans: { start: number; end: number; val: HVal }[] = [];
    cuts.forEach((start, i) => {
      const level = levels.find((l) => l !== undefined && !(l.expires !== undefined && l.expires <= start));
      const end = cuts[i + 1] ?? Infinity;
      const last = spans.at(-1);
      if (!level) return;
      if (last?.val.equals(level.val) && last.end === start) last.end = end;
      else spans.push({ start, end, val: level.val });
    });
    return { from, spans };
  }

  /** Sets (val) or relinquishes (null) one level; persisted before it takes effect. */
  async write(point: string, level: number, val: HVal | null, who: string, durationMs: number | undefined): Promise<void> {
    if (!Number.isInteger(level) || level < 1 || level > LEVELS) throw new HaystackRequestError(`level must be 1-${LEVELS}, got ${level}`);
    const expires = val !== null && durationMs !== undefined ? this.clock() + durationMs : undefined;
    await this.store.query(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (
         org_key varchar NOT NULL, point_id varchar NOT NULL, level int NOT NULL,
         val varchar NOT NULL, who varchar NOT NULL, expires timestamptz, written_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (org_key, point_id, level))`,
    );
    if (val === null)
      await this.store.query(`DELETE FROM ${TABLE} WHERE org_key = $1 AND point_id = $2 AND level = $3`, [this.org, point, level]);
    else
      await this.store.query(
        `INSERT INTO ${TABLE} (org_key, point_id, level, val, who, expires) VALUES ($1, $2, $3, $4, $5, to_timestamp($6::float8 / 1000))
         ON CONFLICT (org_key, point_id, level) DO UPDATE SET val = EXCLUDED.val, who = EXCLUDED.who, expires = EXCLUDED.expires, written_at = now()`,
        [this.org, point, level, val.toZinc(), who, expires ?? null],
      );
    this.levels(point)[level - 1] = val === null ? undefined : { val, who, expires };
  }

  private levels(point: string): (LevelWrite | undefined)[] {
    let levels = this.arrays.get(point);
    if (!levels) this.arrays.set(point, (levels = new Array<LevelWrite | undefined>(LEVELS).fill(undefined)));
    return levels;
  }
}
