import { ArgsError } from '../errors.js';

/**
 * A commanded value of a writable point over [start, end) (epoch ms; end Infinity while in force): what a
 * pointWrite's priority array makes effective. A schedule is a list of them, at most one covering any
 * instant of a point; the simulation is a pure function of (profile, seed, schedule).
 */
export interface Override {
  readonly point: string;
  readonly start: number;
  readonly end: number;
  readonly value: number;
}

export type OverrideSchedule = readonly Override[];

/**
 * A point's override as a frame's timestamps see it: per timestamp k, the latest override that began at or
 * before it (still in force when `timestamps[k] < end[k]`, else relinquished and fading); `value[k]` NaN
 * where none has begun yet.
 */
export interface OverrideTrack {
  readonly value: Float64Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
}

/** The overrides of a frame by truth row: empty (and never looked into) when the schedule is. */
export type FrameOverrides = ReadonlyMap<number, OverrideTrack>;

export const NO_OVERRIDES: FrameOverrides = new Map();

/** Checks a schedule: known points whose equipment's physics takes them, finite values, no overlaps per point. */
export function checkSchedule(schedule: OverrideSchedule, overridable: ReadonlySet<string>, known: { has(point: string): boolean }): void {
  const byPoint = new Map<string, Override[]>();
  for (const o of schedule) {
    if (!known.has(o.point)) throw new ArgsError(`override of ${o.point}: no such point`);
    if (!overridable.has(o.point)) throw new ArgsError(`override of ${o.point}: the simulation does not take this point as an input`);
    if (!Number.isFinite(o.value) || !Number.isFinite(o.start) || !(o.end > o.start))
      throw new ArgsError(`override of ${o.point}: expected a finite value over a non-empty span, got ${o.value} over ${o.start}…${o.end}`);
    const list = byPoint.get(o.point);
    if (list) list.push(o);
    else byPoint.set(o.point, [o]);
  }
  for (const [point, list] of byPoint) {
    const sorted = list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i]!.start < sorted[i - 1]!.end) throw new ArgsError(`overrides of ${point} overlap at ${sorted[i]!.start}`);
  }
}

/**
 * `schedule` with `point`'s overrides from `from` on replaced by `next` (each clipped to start no earlier):
 * one in force at `from` ends there, later ones are dropped. What a write or relinquish at `from` does.
 */
export function replaceFrom(schedule: OverrideSchedule, point: string, from: number, next: OverrideSchedule): Override[] {
  const kept = schedule.flatMap((o) => (o.point !== point || o.end <= from ? [o] : o.start < from ? [{ ...o, end: from }] : []));
  return [...kept, ...next.map((o) => ({ ...o, point, start: Math.max(from, o.start) }))].filter((o) => o.end > o.start);
}

/** The earliest instant where two schedules can differ (Infinity when equal). */
export function firstDifference(a: OverrideSchedule, b: OverrideSchedule): number {
  const key = (o: Override) => `${o.point} ${o.start} ${o.end} ${o.value}`;
  const inA = new Set(a.map(key));
  const inB = new Set(b.map(key));
  let first = Infinity;
  for (const o of a) if (!inB.has(key(o))) first = Math.min(first, o.start);
  for (const o of b) if (!inA.has(key(o))) first = Math.min(first, o.start);
  return first;
}

/** Each overridden row's track over `timestamps` (ascending); `byRow` holds each row's overrides sorted by start. */
export function fillTracks(byRow: ReadonlyMap<number, readonly Override[]>, timestamps: Float64Array): FrameOverrides {
  if (byRow.size === 0) return NO_OVERRIDES;
  const T = timestamps.length;
  const out = new Map<number, OverrideTrack>();
  for (const [row, list] of byRow) {
    const track = { value: new Float64Array(T).fill(Number.NaN), start: new Float64Array(T), end: new Float64Array(T) };
    let i = -1;
    for (let k = 0; k < T; k++) {
      const t = timestamps[k]!;
      while (i + 1 < list.length && list[i + 1]!.start <= t) i++;
      if (i < 0) continue;
      track.value[k] = list[i]!.value;
      track.start[k] = list[i]!.start;
      track.end[k] = list[i]!.end;
    }
    out.set(row, track);
  }
  return out;
}
