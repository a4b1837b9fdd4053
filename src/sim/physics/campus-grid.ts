import type { SiteSpec } from '../../model/topology.js';
import { hashString, smoothNoise, uniform } from '../../random/rng.js';
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

/**
 * Production level 0..1 by shift: three shifts on working days, fewer at weekends, none on national
 * holidays and planned shutdowns; output dips for the half hour around each shift change.
 */
export class ShiftPattern {
  constructor(
    private readonly spec: CampusSpec['shifts'],
    private readonly seed: number,
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

  /**
   * Production at an instant: the shift's share of full output, scaled by the day's order book (±8 %),
   * dipping for the handover around each shift change and for the meal break five hours into each shift,
   * and wandering a few per cent as lines start, stop and change over.
   */
  level(hour: number, dayOfWeek: number, holiday: boolean, day: number, t: number): number {
    if (holiday || this.shutdown(day)) return 0;
    const { starts } = this.spec;
    const levels = dayOfWeek === 0 ? this.spec.sunday : dayOfWeek === 6 ? this.spec.saturday : this.spec.weekday;
    // the shift running at this hour: the last start at or before it (wrapping past midnight)
    let s = starts.length - 1;
    for (let i = 0; i < starts.length; i++) if (hour >= starts[i]!) s = i;
    const base = levels[Math.min(s, levels.length - 1)] ?? 0;
    let dip = 0;
    for (const st of starts) {
      // handover: machines idle for about 20 minutes around each change
      const d = ((hour - st + 36) % 24) - 12;
      dip = Math.max(dip, 0.35 * Math.exp(-(((Math.abs(d) * 60) / 12) ** 2)));
      // the meal break: half an hour, five hours into the shift, with lines run down before it
      const m = ((hour - st - 5.25 + 36) % 24) - 12;
      dip = Math.max(dip, 0.22 * Math.exp(-(((Math.abs(m) * 60) / 16) ** 4)));
    }
    const orders = 0.92 + 0.16 * uniform(this.seed, 0x0dde, day);
    const wander = 1 + 0.035 * smoothNoise(this.seed, 0x9a1e, t, 40 * 60_000) + 0.015 * smoothNoise(this.seed, 0x9a1f, t, 9 * 60_000);
    return Math.min(1, base * orders * wander) * (1 - dip);
  }
}
