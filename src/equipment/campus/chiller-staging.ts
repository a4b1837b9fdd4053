/** a staging period: chillers start and stop only at its boundaries (outages and trips aside) */
export const STAGE_MS = 30 * 60_000;
const WEEK = 7 * 86_400_000;
/**
 * how far back a run or rest is traced: past it a stopped machine has long settled (72 h, 6 of its slowest time
 * constants, its standing evaporator's: what it stopped at weighs 0.25 %)
 */
const LOOKBACK_PERIODS = 144;
/** periods memoized before the cache starts over */
const MEMO_PERIODS = 256;

/**
 * The plant's chiller staging as a pure function of time: in each half-hour period, the chillers the staged
 * load calls for, lead first, the lead rotating weekly so run hours even out. `planned` is the staging with
 * every chiller available (memoized per period), which tells when a chiller's current run or rest began.
 */
export class ChillerStaging {
  private readonly memo = new Map<number, { load: number; on: Uint8Array }>();
  /** `since`, by period and chiller */
  private readonly began = new Map<number, number>();

  constructor(
    private readonly ratings: readonly number[],
    /** the plant load a period is staged for, TR */
    private readonly stagedLoadOf: (period: number) => number,
  ) {}

  /**
   * The chillers on in `period` (written to `on`), given which are `available`: in rotation order while the running
   * capacity is short of the staged load over 88 % (the stage-up threshold). Returns the running capacity, TR.
   */
  stage(period: number, available: (i: number) => boolean, on: Uint8Array): number {
    const n = this.ratings.length;
    const lead = Math.floor(period / WEEK) % n;
    const staged = this.stagedLoad(period);
    let running = 0;
    on.fill(0);
    for (let j = 0; j < n; j++) {
      const i = (lead + j) % n;
      if (!available(i) || running >= staged / 0.88) continue;
      on[i] = 1;
      running += this.ratings[i]!;
    }
    return running;
  }

  stagedLoad(period: number): number {
    return this.entry(period).load;
  }

  /** the staging with every chiller available */
  planned(period: number): Uint8Array {
    return this.entry(period).on;
  }

  /** Start of the run (or rest) chiller `i` is in at `period` by the plan; −Infinity when it began more than 72 h back. */
  since(i: number, period: number): number {
    const key = (period / STAGE_MS) * this.ratings.length + i;
    let start = this.began.get(key);
    if (start === undefined) {
      if (this.began.size >= MEMO_PERIODS * this.ratings.length) this.began.clear();
      start = Number.NEGATIVE_INFINITY;
      const state = this.planned(period)[i];
      for (let p = period, n = 0; n < LOOKBACK_PERIODS; n++, p -= STAGE_MS) {
        if (this.planned(p - STAGE_MS)[i] !== state) {
          start = p;
          break;
        }
      }
      this.began.set(key, start);
    }
    return start;
  }

  private entry(period: number) {
    let e = this.memo.get(period);
    if (!e) {
      if (this.memo.size >= MEMO_PERIODS) this.memo.clear();
      const load = this.stagedLoadOf(period);
      e = { load, on: new Uint8Array(this.ratings.length) };
      this.memo.set(period, e);
      this.stage(period, () => true, e.on);
    }
    return e;
  }
}
