import { type HDict, HDateTime, type HGrid, type HRef, type HVal, Kind, valueIsKind } from 'haystack-core';
import { formatLocal } from '../../time/date-time-text.js';
import type { LiveControl } from '../../live/live-session.js';
import type { Store } from '../../outputs/output.js';
import type { QueryClient } from '../../query/query-client.js';
import type { EntityIndex } from './entity-index.js';
import { HaystackRequestError } from './haystack-errors.js';
import type { PointWrites } from './point-writes.js';
import type { Watches } from './watches.js';

/** What every op may use: the store read through the query library, the entities, writes and watches. */
export interface OpContext {
  readonly client: QueryClient;
  /** the same store, for the writing ops (hisWrite) */
  readonly store: Store;
  readonly entities: EntityIndex;
  readonly writes: PointWrites;
  readonly watches: Watches;
  /** the site's IANA zone and its Haystack name (`America/New_York`, `New_York`) */
  readonly timeZone: string;
  readonly tzName: string;
  readonly bootTime: number;
  /** the ops served, for the `ops` op */
  readonly ops: readonly HaystackOp[];
  /** who made the request (the authenticated user, or `anonymous`) */
  readonly who: string;
  /** the request may change state (ops marked `writes` are refused before they run otherwise) */
  readonly mayWrite: boolean;
  /** the live simulation writes feed (serve --live) */
  readonly simulation?: Simulation;
  clock(): number;
}

/** What pointWrite needs of a live service: its simulated clock and its override input. */
export type Simulation = Pick<LiveControl, 'simNow' | 'override' | 'takesOverride'>;

/** One Haystack op: adding one is a module and a line in ops/index.ts. */
export interface HaystackOp {
  readonly name: string;
  readonly summary: string;
  /** changes state: refused unless the request may write */
  readonly writes?: boolean;
  run(request: HGrid, cx: OpContext): Promise<HGrid>;
}

/** A tag's Ref id, or the request's error naming it. */
export function refArg(dict: HDict | undefined, name: string): string {
  const v = dict?.get(name);
  if (v && valueIsKind<HRef>(v, Kind.Ref)) return v.value;
  if (v && valueIsKind(v, Kind.Str)) return String((v as unknown as { value: string }).value).replace(/^@/, '');
  throw new HaystackRequestError(`expected a Ref in "${name}"`);
}

/** A tag's value as text (Str as it is, anything else as Zinc), undefined when absent. */
export function textArg(dict: HDict | undefined, name: string): string | undefined {
  const v: HVal | null | undefined = dict?.get(name);
  if (v === undefined || v === null) return undefined;
  return valueIsKind(v, Kind.Str) ? String((v as unknown as { value: string }).value) : (v as HVal).toZinc();
}

/** A whole number argument within bounds, or `fallback` when absent. */
export function wholeArg(dict: HDict | undefined, name: string, fallback: number, max: number): number {
  const text = textArg(dict, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new HaystackRequestError(`${name} must be a whole number 1-${max}, got ${text}`);
  return n;
}

export function firstRow(request: HGrid): HDict | undefined {
  return request.get(0) ?? undefined;
}

/** An instant as a DateTime in the site's zone, as every op answers times. */
export function siteDateTime(t: number, cx: OpContext): HDateTime {
  return HDateTime.make({ _kind: Kind.DateTime, val: formatLocal(t, cx.timeZone), tz: cx.tzName });
}
