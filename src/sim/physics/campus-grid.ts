import type { SiteSpec } from '../../model/topology.js';
import { hashString, smoothNoise, uniform } from '../../random/rng.js';
import { civilFromDays, type HolidayCalendar, packedDay, packedMonth, packedYear, weekdayOfDays } from '../../time/holidays.js';
import type { GroundTruthEvent } from '../sample.js';

type CampusSpec = NonNullable<SiteSpec['campus']>;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** IST has no DST: outage days are counted on local midnight */
const IST_OFFSET_MS = 5.5 * 3_600_000;
/** the longest an interruption may last, so a query only looks back this far */
const MAX_OUTAGE_MS = DAY;
const KEY_COUNT = hashString('grid-outage:count');
const KEY_START = hashString('grid-outage:start');
const KEY_LENGTH = hashString('grid-outage:length');

export interface Outage {
  readonly start: number;
  readonly end: number;
}

/**
 * Utility interruptions on the campus's incoming feeder: a Poisson number per local day (more in the
 * monsoon, June–September, when lines trip in storms), each at a random minute and log-uniform in length.
 * Every day's outages are a pure function of (seed, day), so any instant can ask whether the grid is up.
 */
export class GridOutages {
  private readonly perDay: number;
  private readonly cache = new Map<number, readonly Outage[]>();
  /** prefix[i]: outages starting on local days [prefixFrom, prefixFrom + i) */
  private prefix: number[] = [0];
  private prefixFrom = Number.POSITIVE_INFINITY;

  constructor(
    private readonly spec: CampusSpec['grid'],
    private readonly seed: number,
  ) {
    this.perDay = (spec.outagesPerMonth * 12) / 365;
  }

  /** The outages that start on local day `day` (days since 1970 in IST). */
  onDay(day: number): readonly Outage[] {
    let list = this.cache.get(day);
    if (list) return list;
    const month = new Date(day * DAY).getUTCMonth();
    const rate = this.perDay * (month >= 5 && month <= 8 ? this.spec.monsoonFactor : 1) * (month >= 5 && month <= 8 ? 0.8 : 1.1);
    // Poisson count by inversion of one uniform
    const u = uniform(this.seed, KEY_COUNT, day);
    let n = 0;
    let p = Math.exp(-rate);
    let cdf = p;
    while (u > cdf && n < 12) {
      n++;
      p *= rate / n;
      cdf += p;
    }
    const [lo, hi] = this.spec.outageMinutes;
    const dayStart = day * DAY - IST_OFFSET_MS;
    list = Array.from({ length: n }, (_, i) => {
      const start = dayStart + Math.floor(uniform(this.seed, KEY_START, day * 16 + i) * 1440) * MINUTE;
      // a few seconds off the minute: a feeder trips whenever it trips
      const jitter = Math.floor(uniform(this.seed, KEY_START ^ 0x5bd1e995, day * 16 + i) * 59) * 1000;
      const minutes = lo * (hi / lo) ** (uniform(this.seed, KEY_LENGTH, day * 16 + i) ** 1.6);
      return { start: start + jitter, end: start + jitter + Math.round(minutes * 60) * 1000 };
    }).sort((a, b) => a.start - b.start);
    if (this.cache.size > 64) this.cache.clear();
    this.cache.set(day, list);
    return list;
  }

  /**
   * Transfers an ATS has made from local day `since` to t: one to its DG set at each outage's start and one back
   * once the grid has been back for the retransfer delay. Outages per day are counted once and kept as running
   * sums from the earliest day asked.
   */
  transfersSince(since: number, t: number): number {
    const day = Math.floor((t + IST_OFFSET_MS) / DAY);
    // outages of the last two days may still be on at t: their start and end are compared with t
    const settled = Math.max(since, day - 1);
    // `since` first: it may move the running sums' origin back
    const before = this.startsBefore(since);
    let n = 2 * (this.startsBefore(settled) - before);
    const back = this.spec.retransferMinutes * MINUTE;
    for (let d = settled; d <= day; d++) for (const o of this.onDay(d)) n += (o.start <= t ? 1 : 0) + (o.end + back <= t ? 1 : 0);
    return n;
  }

  /** Outages starting on the local days before `day`, from the first day ever asked (prefix sums, extended as asked). */
  private startsBefore(day: number): number {
    if (day < this.prefixFrom) {
      this.prefixFrom = day;
      this.prefix = [0];
    }
    while (this.prefixFrom + this.prefix.length - 1 < day) {
      const d = this.prefixFrom + this.prefix.length - 1;
      this.prefix.push(this.prefix[this.prefix.length - 1]! + this.onDay(d).length);
    }
    return this.prefix[day - this.prefixFrom]!;
  }

  /** The outage covering t, else undefined. */
  at(t: number): Outage | undefined {
    const day = Math.floor((t + IST_OFFSET_MS) / DAY);
    for (let d = day; d >= day - Math.ceil(MAX_OUTAGE_MS / DAY); d--)
      for (const o of this.onDay(d)) if (t >= o.start && t < o.end) return o;
    return undefined;
  }

  /** The latest outage that ended at or before t (within a day), else undefined. */
  lastBefore(t: number): Outage | undefined {
    const day = Math.floor((t + IST_OFFSET_MS) / DAY);
    let best: Outage | undefined;
    for (let d = day - 2; d <= day; d++) for (const o of this.onDay(d)) if (o.end <= t && (!best || o.end > best.end)) best = o;
    return best && t - best.end < DAY ? best : undefined;
  }

  /** Ground truth: the interruptions overlapping [start, end), on the site. */
  eventsBetween(start: number, end: number, siteId: string): GroundTruthEvent[] {
    const out: GroundTruthEvent[] = [];
    const first = Math.floor((start + IST_OFFSET_MS) / DAY) - 1;
    const last = Math.floor((end + IST_OFFSET_MS) / DAY);
    for (let d = first; d <= last; d++) {
      for (const o of this.onDay(d)) {
        if (o.end <= start || o.start >= end) continue;
        out.push({
          id: `grid-outage:${siteId}:${o.start}`,
          type: 'grid-outage',
          entityId: siteId,
          start: o.start,
          end: o.end,
          params: { kind: 'grid-outage', minutes: Math.round((o.end - o.start) / 6000) / 10 },
        });
      }
    }
    return out;
  }
}

/** half the handover, h: output moves from the outgoing shift's level to the incoming one's over 20 minutes */
const HANDOVER_H = 10 / 60;

/**
 * Production level 0..1 by shift: three shifts on working days, fewer at weekends, none on national
 * holidays and planned shutdowns. A shift belongs to the day it starts on: the night shift that starts on a
 * Sunday at 22:00 runs at Sunday's level until Monday's first shift takes over, and the night before a holiday
 * runs as its own day's. Output moves from one shift's level to the next over the handover and dips around it.
 */
export class ShiftPattern {
  /** each local day's shift levels: every instant and every machine's quarter hour asks for the same few days */
  private readonly dayLevels = new Map<number, number[]>();

  constructor(
    private readonly spec: CampusSpec['shifts'],
    private readonly seed: number,
    private readonly holidays: HolidayCalendar,
  ) {}

  /** Is local day `day` (days since 1970) inside a planned maintenance shutdown? */
  shutdown(day: number): boolean {
    const { shutdownsPerYear, shutdownDays } = this.spec;
    if (shutdownsPerYear === 0) return false;
    const span = Math.floor(365 / shutdownsPerYear);
    const block = Math.floor(day / span);
    // each block of the year holds one shutdown starting on a day fixed by the seed
    const first = block * span + Math.floor(uniform(this.seed, 0x5d0e, block) * (span - shutdownDays));
    return day >= first && day < first + shutdownDays;
  }

  /** Shift i of local day `day`: its share of full output on that weekday, scaled by the day's order book (±8 %). */
  private shiftLevel(i: number, day: number): number {
    let levels = this.dayLevels.get(day);
    if (!levels) {
      const p = civilFromDays(day);
      const idle = this.holidays.isHoliday(packedYear(p), packedMonth(p), packedDay(p)) || this.shutdown(day);
      const dow = weekdayOfDays(day);
      const table = dow === 0 ? this.spec.sunday : dow === 6 ? this.spec.saturday : this.spec.weekday;
      const orders = 0.92 + 0.16 * uniform(this.seed, 0x0dde, day);
      levels = this.spec.starts.map((_, s) => (idle ? 0 : (table[Math.min(s, table.length - 1)] ?? 0) * orders));
      if (this.dayLevels.size > 8) this.dayLevels.clear();
      this.dayLevels.set(day, levels);
    }
    return levels[i]!;
  }

  /**
   * Production at local `hour` of local day `day` (instant t): the running shift's level, moving to the next
   * one's across the handover, dipping for the handover and for the meal break five hours into each shift,
   * and wandering a few per cent as lines start, stop and change over.
   */
  level(hour: number, day: number, t: number): number {
    const { starts } = this.spec;
    const n = starts.length;
    // the shift change nearest this hour, and how far from it (h, −12…12)
    let c = 0;
    let from = Number.POSITIVE_INFINITY;
    let dip = 0;
    for (let i = 0; i < n; i++) {
      const d = ((hour - starts[i]! + 36) % 24) - 12;
      if (Math.abs(d) < Math.abs(from)) {
        c = i;
        from = d;
      }
      // handover: machines idle for about 20 minutes around each change
      dip = Math.max(dip, 0.35 * Math.exp(-(((Math.abs(d) * 60) / 12) ** 2)));
      // the meal break: half an hour, five hours into the shift, with lines run down before it
      const m = ((hour - starts[i]! - 5.25 + 36) % 24) - 12;
      dip = Math.max(dip, 0.22 * Math.exp(-(((Math.abs(m) * 60) / 16) ** 4)));
    }
    // the day the incoming shift starts on (the change may be across midnight from this hour), and the outgoing one's
    const inDay = day + Math.round((hour - from - starts[c]!) / 24);
    const incoming = this.shiftLevel(c, inDay);
    const outgoing = c === 0 ? this.shiftLevel(n - 1, inDay - 1) : this.shiftLevel(c - 1, inDay);
    const x = Math.min(1, Math.max(0, (from + HANDOVER_H) / (2 * HANDOVER_H)));
    const base = outgoing + (incoming - outgoing) * x * x * (3 - 2 * x);
    const wander = 1 + 0.035 * smoothNoise(this.seed, 0x9a1e, t, 40 * 60_000) + 0.015 * smoothNoise(this.seed, 0x9a1f, t, 9 * 60_000);
    return Math.min(1, base * wander) * (1 - dip);
  }
}
