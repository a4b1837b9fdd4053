/** What the watch concluded from the latest reading, if anything changed. */
export type LagVerdict = 'falling_behind' | 'caught_up' | undefined;

/**
 * Tells a service that cannot keep up from one catching up: over each window
 * of wall-clock time, lag that ended above one interval and grew by more than
 * one interval means the configured rate is beyond what the outputs take.
 * It reports once on falling behind and once when lag is back under one interval.
 */
export class LagWatch {
  private windowStart: { wallMs: number; lagMs: number } | undefined;
  private behind = false;

  /**
   * @param windowMs wall-clock window over which lag must keep growing
   * @param intervalMs one tick of simulated time
   */
  constructor(
    private readonly windowMs: number,
    private readonly intervalMs: number,
  ) {}

  /** One reading: wall-clock time and simulated lag (ms of simulated time due but not written). */
  observe(wallMs: number, lagMs: number): LagVerdict {
    if (this.behind && lagMs < this.intervalMs) {
      this.behind = false;
      this.windowStart = { wallMs, lagMs };
      return 'caught_up';
    }
    if (!this.windowStart) this.windowStart = { wallMs, lagMs };
    if (wallMs - this.windowStart.wallMs < this.windowMs) return undefined;
    const grew = lagMs >= this.intervalMs && lagMs - this.windowStart.lagMs > this.intervalMs;
    this.windowStart = { wallMs, lagMs };
    if (!grew || this.behind) return undefined;
    this.behind = true;
    return 'falling_behind';
  }
}
