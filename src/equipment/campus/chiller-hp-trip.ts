/** the high-pressure cut-out, bar gauge (180 psig: R-134a condensing at 50.6 °C) */
export const HP_CUTOUT_BAR = 12.4;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** IST: the plant's shift clock */
const IST_MS = 5.5 * HOUR;
/**
 * The cut-out is a manual reset. The operators reset it once a day, at the 06:00 shift change, after the morning
 * shift's engineer has looked at the machine: a tripped chiller stays locked out through the evening and night
 * (the standby carries the load), restarts in the cool morning and trips again on the next hot afternoon.
 */
const RESET_HOUR = 6;
/** days memoized before the cache starts over */
const MEMO_DAYS = 64;

/**
 * When a chiller whose condenser is fouling trips on its high-pressure cut-out, as a pure function of time: the
 * minute after the first of each reset day (06:00–06:00 IST) at which its condensing pressure, computed by `headBar`
 * at the plan's load, passes the cut-out. Each day is scanned once per fault window and remembered.
 */
export class ChillerHpTrips {
  private readonly memo = new Map<string, number>();

  constructor(
    /**
     * chiller i's condensing pressure (bar g) at minute m with `extraFouling` of the fault, if the plan runs it then;
     * NaN when the plan has it stopped
     */
    private readonly headBar: (i: number, m: number, extraFouling: number) => number,
  ) {}

  /**
   * The minute chiller `i` tripped, if it is locked out at `t` (NaN otherwise), in a fault window [start, end) whose
   * extra fouling grows linearly to `finalFouling`.
   */
  lockedOutSince(i: number, t: number, start: number, end: number, finalFouling: number): number {
    const resetAt = resetBefore(t);
    const key = `${i}:${resetAt}:${start}`;
    let trip = this.memo.get(key);
    if (trip === undefined) {
      if (this.memo.size >= MEMO_DAYS) this.memo.clear();
      trip = Number.NaN;
      const from = Math.ceil(Math.max(resetAt, start) / MINUTE) * MINUTE;
      for (let m = from; m < Math.min(end, resetAt + DAY); m += MINUTE) {
        // the minute's reading shows the head past the cut-out; the machine is stopped from the next
        if (this.headBar(i, m, (finalFouling * (m - start)) / (end - start)) > HP_CUTOUT_BAR) {
          trip = m + MINUTE;
          break;
        }
      }
      this.memo.set(key, trip);
    }
    return trip <= t ? trip : Number.NaN;
  }

  /** The reset at or before `t` that ended a lockout of chiller `i` in the window (NaN: it was not locked out then). */
  resetAfterTrip(i: number, t: number, start: number, end: number, finalFouling: number): number {
    const resetAt = resetBefore(t);
    return resetAt > start && !Number.isNaN(this.lockedOutSince(i, resetAt - MINUTE, start, end, finalFouling)) ? resetAt : Number.NaN;
  }
}

/** the last 06:00 IST at or before t */
const resetBefore = (t: number) => Math.floor((t + IST_MS - RESET_HOUR * HOUR) / DAY) * DAY - IST_MS + RESET_HOUR * HOUR;
