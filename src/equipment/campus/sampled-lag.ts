const MINUTE = 60_000;
/** samples kept beyond a window's: a chunk's worth of steps reuses them */
const SPARE = 128;

/**
 * A first-order lag of n quantities that are pure functions of time, itself a pure function of time: a normalised
 * exponential window over the last 4 τ of samples taken every `sampleMin` on the absolute clock, interpolated
 * between samples, so the same in any chunk, live or backfilled. A sample is computed once and kept in a ring.
 */
export class SampledLag {
  private readonly weights: Float64Array;
  private readonly step: number;
  /** samples by slot: the sample index each slot holds (NaN: none) and the quantities then */
  private readonly slotOf: Float64Array;
  private readonly size: number;
  private readonly ring: Float64Array;
  private readonly lagged: Float64Array;
  private lastSample = Number.NaN;

  constructor(
    private readonly n: number,
    tauMin: number,
    sampleMin: number,
    /** fills the n quantities at instant t */
    private readonly valuesAt: (t: number, out: Float64Array) => void,
  ) {
    const samples = Math.ceil((4 * tauMin) / sampleMin);
    this.size = samples + SPARE;
    this.slotOf = new Float64Array(this.size).fill(Number.NaN);
    this.step = sampleMin * MINUTE;
    this.weights = new Float64Array(samples);
    this.ring = new Float64Array(this.size * n);
    this.lagged = new Float64Array(2 * n);
    let sum = 0;
    for (let j = 0; j < samples; j++) sum += this.weights[j] = Math.exp(-(j * sampleMin) / tauMin);
    for (let j = 0; j < samples; j++) this.weights[j]! /= sum;
  }

  /** Quantity i's lagged value at instant t (from the samples at or before t: a lag cannot know what comes). */
  at(i: number, t: number): number {
    const s = Math.floor(t / this.step);
    if (s !== this.lastSample) {
      // stepping on by one sample, the lag at the last one is the one before this one
      if (s === this.lastSample + 1) this.lagged.copyWithin(0, this.n, 2 * this.n);
      else this.lag(s - 1, 0);
      this.lag(s, this.n);
      this.lastSample = s;
    }
    const f = (t - s * this.step) / this.step;
    return (1 - f) * this.lagged[i]! + f * this.lagged[this.n + i]!;
  }

  /** the lag at sample s into `lagged` from `at` */
  private lag(s: number, at: number): void {
    this.lagged.fill(0, at, at + this.n);
    for (let j = 0; j < this.weights.length; j++) {
      const slot = this.sample(s - j);
      const w = this.weights[j]!;
      for (let i = 0; i < this.n; i++) this.lagged[at + i]! += w * this.ring[slot * this.n + i]!;
    }
  }

  /** the slot holding sample s, computed if it is not held */
  private sample(s: number): number {
    const slot = ((s % this.size) + this.size) % this.size;
    if (this.slotOf[slot] !== s) {
      this.valuesAt(s * this.step, this.ring.subarray(slot * this.n, (slot + 1) * this.n));
      this.slotOf[slot] = s;
    }
    return slot;
  }
}
