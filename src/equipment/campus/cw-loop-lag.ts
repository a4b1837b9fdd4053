const MINUTE = 60_000;
/**
 * the condenser-water loop's time constant, minutes: the water in its pipes and the tower basin (≈ 12–15 min of flow
 * for a basin sized at 3–5 min and a loop at 5–10) mixes the heat a chiller rejects before it comes back to it
 */
const CW_LOOP_TAU_MIN = 12;
/** the loop's load is sampled this often: the lag varies over many of them, minutes */
const SAMPLE_MIN = 3;
/** the samples the lag sums: 4 τ, the weight beyond is under 2 % */
const SAMPLES = Math.ceil((4 * CW_LOOP_TAU_MIN) / SAMPLE_MIN);
/** samples kept: a chunk's worth of steps reuses them */
const RING = 256;

/**
 * Each chiller's load as its condenser-water loop remembers it, share of its rating: the load the plan gave it, through
 * the loop's first-order lag (a normalised exponential window over the last 4 τ, sampled every 3 min on the absolute
 * clock and interpolated between samples), so a pure function of time: the same in any chunk, live or backfilled.
 * The tower returns the loop at the wet bulb plus an approach that grows with this lagged load, not the load of the
 * minute: after a start the condenser water warms over a quarter of an hour, after a stop it cools as slowly.
 */
export class CwLoopLag {
  private readonly weights = new Float64Array(SAMPLES);
  /** samples by slot: the sample index each slot holds (NaN: none) and the chillers' shares then */
  private readonly slotOf = new Float64Array(RING).fill(Number.NaN);
  private readonly ring: Float64Array;
  private readonly lagged: Float64Array;
  private lastSample = Number.NaN;

  constructor(
    private readonly n: number,
    /** fills each chiller's share of its rating at instant t (0: off) */
    private readonly sharesAt: (t: number, out: Float64Array) => void,
  ) {
    this.ring = new Float64Array(RING * n);
    this.lagged = new Float64Array(2 * n);
    let sum = 0;
    for (let j = 0; j < SAMPLES; j++) sum += this.weights[j] = Math.exp(-(j * SAMPLE_MIN) / CW_LOOP_TAU_MIN);
    for (let j = 0; j < SAMPLES; j++) this.weights[j]! /= sum;
  }

  /** Chiller i's lagged load at instant t (from the samples at or before t: the loop cannot know what comes). */
  at(i: number, t: number): number {
    const step = SAMPLE_MIN * MINUTE;
    const s = Math.floor(t / step);
    if (s !== this.lastSample) {
      this.lag(s - 1, 0);
      this.lag(s, this.n);
      this.lastSample = s;
    }
    const f = (t - s * step) / step;
    return (1 - f) * this.lagged[i]! + f * this.lagged[this.n + i]!;
  }

  /** the lag at sample s into `lagged` from `at` */
  private lag(s: number, at: number): void {
    this.lagged.fill(0, at, at + this.n);
    for (let j = 0; j < SAMPLES; j++) {
      const slot = this.sample(s - j);
      const w = this.weights[j]!;
      for (let i = 0; i < this.n; i++) this.lagged[at + i]! += w * this.ring[slot * this.n + i]!;
    }
  }

  /** the slot holding sample s, computed if it is not held */
  private sample(s: number): number {
    const slot = ((s % RING) + RING) % RING;
    if (this.slotOf[slot] !== s) {
      this.sharesAt(s * SAMPLE_MIN * MINUTE, this.ring.subarray(slot * this.n, (slot + 1) * this.n));
      this.slotOf[slot] = s;
    }
    return slot;
  }
}
