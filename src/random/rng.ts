/**
 * Counter-based randomness: every draw is a pure hash of (seed, stream key,
 * integer counter), so any value can be computed for any timestamp in any
 * order, and splitting a run into pieces never changes a number. There is no
 * generator state anywhere.
 */

const INV_TWO_POW_32 = 1 / 4294967296;

/** murmur3 finalizer: full avalanche of a 32-bit value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One murmur3 block step: folds the 32-bit word k into the running hash h. */
function step(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Stable 32-bit hash of a string's UTF-16 code units (FNV-1a, then fmix32 to spread the low bits). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Combines two 32-bit values into a well-mixed uint32 (order matters). */
export function mix(a: number, b: number): number {
  return fmix32(step(step(0x3c6ef372, a | 0), b | 0) ^ 8);
}

/**
 * uint32 hash of (seed, key, counter). Seed and key are taken as 32-bit
 * integers; the counter may be any integer up to ±2^53 (its high word is
 * hashed too, so millisecond timestamps are fine). Non-integer counters are
 * truncated toward zero in the low word; pass integers.
 */
export function hash3(seed: number, key: number, counter: number): number {
  const lo = counter >>> 0;
  // the high word is 0 for the common 32-bit counters; skip the float division there
  const hi = counter >= 0 && counter < 4294967296 ? 0 : Math.floor(counter * INV_TWO_POW_32) | 0;
  let h = step(seed | 0, key | 0);
  h = step(h, lo);
  h = step(h, hi);
  return fmix32(h ^ 12);
}

/** The part of hash3 that depends only on (seed, key): hoist it out of per-counter loops. */
export function streamPrefix(seed: number, key: number): number {
  return step(seed | 0, key | 0);
}

/** hash3(seed, key, counter) given streamPrefix(seed, key), for 32-bit counters (0 ≤ counter < 2^32). */
export function hashWithPrefix(prefix: number, counter: number): number {
  return fmix32(step(step(prefix, counter >>> 0), 0) ^ 12);
}

/** Uniform in [0, 1) with 32 bits of resolution. */
export function uniform(seed: number, key: number, counter: number): number {
  return hash3(seed, key, counter) * INV_TWO_POW_32;
}

// ---- standard normal via inverse-CDF table lookup -------------------------

/** Acklam's rational approximation of the normal quantile (|rel. error| < 1.2e-9); only used to build tables. */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pLow) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

const TABLE_BITS = 12;
const TABLE_SIZE = 1 << TABLE_BITS; // 4096 bins
/** BODY[i] = Φ⁻¹(i / 4096) for i = 1..4095 (ends unused: they are ±∞). */
const BODY = new Float64Array(TABLE_SIZE + 1);
/** TAIL[j] = Φ⁻¹(j / 2^24) for the outermost body bin, refined 4096×; TAIL[0] stands in for p = 2^-33. */
const TAIL = new Float64Array(TABLE_SIZE + 1);
for (let i = 1; i < TABLE_SIZE; i++) BODY[i] = normalQuantile(i / TABLE_SIZE);
TAIL[0] = normalQuantile(2 ** -33);
for (let j = 1; j <= TABLE_SIZE; j++) TAIL[j] = normalQuantile(j / TABLE_SIZE / TABLE_SIZE);

/**
 * Standard normal deviate: top 12 hash bits choose a quantile-table bin, the
 * remaining 20 interpolate inside it; the two outer bins use a 4096× finer
 * tail table, so values reach about ±6.3. No log/sqrt per call.
 */
export function gaussian(seed: number, key: number, counter: number): number {
  return gaussianFromBits(hash3(seed, key, counter));
}

/**
 * Maps a uint32 to a standard normal deviate (the table lookup behind gaussian()). The tails are computed
 * here, not in a function of their own: a call's result is a boxed number, and the callers' loops would
 * box every deviate to merge it with one.
 */
export function gaussianFromBits(u: number): number {
  const i = u >>> 20;
  const low = u & 0xfffff;
  if (i === 0 || i === TABLE_SIZE - 1) {
    // the lower tail's quantile, mirrored for the upper one, for the 20 low bits (p in [0, 1/4096))
    const bits = i === 0 ? low : 0xfffff - low;
    const j = bits >>> 8;
    const f = (bits & 0xff) * (1 / 256);
    const q = TAIL[j] + (TAIL[j + 1] - TAIL[j]) * f;
    return i === 0 ? q : -q;
  }
  return BODY[i] + (BODY[i + 1] - BODY[i]) * (low * (1 / 1048576));
}

// ---- smooth value noise ----------------------------------------------------

/**
 * 1-D value noise: a standard normal knot at every multiple of `period`,
 * joined by Catmull-Rom cubics (C1-smooth), divided by the weights' RMS so the
 * variance is 1 everywhere, not only at knots. Pure in t (any float, same
 * units as period).
 */
export function smoothNoise(seed: number, key: number, t: number, period: number): number {
  const x = t / period;
  const k = Math.floor(x);
  return catmullRomUnit(x - k, gaussian(seed, key, k - 1), gaussian(seed, key, k), gaussian(seed, key, k + 1), gaussian(seed, key, k + 2));
}

/** Catmull-Rom between g1 and g2 at fraction f, divided by the weights' RMS (unit variance for unit-variance knots). */
function catmullRomUnit(f: number, g0: number, g1: number, g2: number, g3: number): number {
  const f2 = f * f;
  const f3 = f2 * f;
  const w0 = 0.5 * (-f3 + 2 * f2 - f);
  const w1 = 0.5 * (3 * f3 - 5 * f2 + 2);
  const w2 = 0.5 * (-3 * f3 + 4 * f2 + f);
  const w3 = 0.5 * (f3 - f2);
  return (w0 * g0 + w1 * g1 + w2 * g2 + w3 * g3) / Math.sqrt(w0 * w0 + w1 * w1 + w2 * w2 + w3 * w3);
}

/**
 * Sum of `octaves` smoothNoise layers, each with half the period and `gain`
 * times the amplitude of the one before, scaled back to unit variance.
 * `period` is the longest (first) octave's period.
 */
export function fractalNoise(seed: number, key: number, t: number, period: number, octaves = 3, gain = 0.5): number {
  let sum = 0;
  let amp = 1;
  let power = 0;
  let p = period;
  for (let o = 0; o < octaves; o++) {
    sum += amp * smoothNoise(seed, mix(key, o + 1), t, p);
    power += amp * amp;
    amp *= gain;
    p *= 0.5;
  }
  return sum / Math.sqrt(power);
}

/**
 * smoothNoise for one (seed, key, period) with the four knots of the last
 * segment memoized: bit-identical results, but consecutive timestamps in the
 * same segment cost no hashing. Still pure: the memo is a function of the knot
 * index only, so call order never changes a value.
 */
export class NoiseTrack {
  private k = NaN;
  private g0 = 0;
  private g1 = 0;
  private g2 = 0;
  private g3 = 0;

  constructor(
    readonly seed: number,
    readonly key: number,
    readonly period: number,
  ) {}

  at(t: number): number {
    const x = t / this.period;
    const k = Math.floor(x);
    if (k !== this.k) this.load(k);
    return catmullRomUnit(x - k, this.g0, this.g1, this.g2, this.g3);
  }

  private load(k: number): void {
    const { seed, key } = this;
    // a step forward of up to three knots keeps the knots it still needs (a track shorter than the interval skips some)
    const ahead = k - this.k;
    if (ahead === 1) {
      this.g0 = this.g1;
      this.g1 = this.g2;
      this.g2 = this.g3;
    } else if (ahead === 2) {
      this.g0 = this.g2;
      this.g1 = this.g3;
      this.g2 = gaussian(seed, key, k + 1);
    } else if (ahead === 3) {
      this.g0 = this.g3;
      this.g1 = gaussian(seed, key, k);
      this.g2 = gaussian(seed, key, k + 1);
    } else {
      this.g0 = gaussian(seed, key, k - 1);
      this.g1 = gaussian(seed, key, k);
      this.g2 = gaussian(seed, key, k + 1);
    }
    this.g3 = gaussian(seed, key, k + 2);
    this.k = k;
  }
}

/**
 * NoiseTracks of one period (one per zone, say) read together at the same instants: the knot index is the
 * same for all of them, so they step their knots together and read into one array, with no object per track
 * (bit-identical to a NoiseTrack of its key).
 */
export class NoiseBank {
  private k = NaN;
  private readonly g0: Float64Array;
  private readonly g1: Float64Array;
  private readonly g2: Float64Array;
  private readonly g3: Float64Array;
  /** each track's value at the instant last read */
  readonly value: Float64Array;

  constructor(
    readonly seed: number,
    private readonly keys: readonly number[],
    readonly period: number,
  ) {
    const n = keys.length;
    this.g0 = new Float64Array(n);
    this.g1 = new Float64Array(n);
    this.g2 = new Float64Array(n);
    this.g3 = new Float64Array(n);
    this.value = new Float64Array(n);
  }

  /** Reads every track at t into `value`. */
  read(t: number): void {
    const x = t / this.period;
    const k = Math.floor(x);
    if (k !== this.k) this.load(k);
    const f = x - k;
    const { g0, g1, g2, g3, value } = this;
    for (let i = 0; i < value.length; i++) value[i] = catmullRomUnit(f, g0[i]!, g1[i]!, g2[i]!, g3[i]!);
  }

  /** NoiseTrack.load for every track. */
  private load(k: number): void {
    const { seed, keys, g0, g1, g2, g3 } = this;
    const ahead = k - this.k;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (ahead === 1) {
        g0[i] = g1[i]!;
        g1[i] = g2[i]!;
        g2[i] = g3[i]!;
      } else if (ahead === 2) {
        g0[i] = g2[i]!;
        g1[i] = g3[i]!;
        g2[i] = gaussian(seed, key, k + 1);
      } else if (ahead === 3) {
        g0[i] = g3[i]!;
        g1[i] = gaussian(seed, key, k);
        g2[i] = gaussian(seed, key, k + 1);
      } else {
        g0[i] = gaussian(seed, key, k - 1);
        g1[i] = gaussian(seed, key, k);
        g2[i] = gaussian(seed, key, k + 1);
      }
      g3[i] = gaussian(seed, key, k + 2);
    }
    this.k = k;
  }
}

/** fractalNoise for fixed parameters, built from NoiseTracks (bit-identical to fractalNoise). */
export class FractalTrack {
  private readonly tracks: NoiseTrack[] = [];
  private readonly amps: number[] = [];
  private readonly norm: number;

  constructor(seed: number, key: number, period: number, octaves = 3, gain = 0.5) {
    let amp = 1;
    let power = 0;
    let p = period;
    for (let o = 0; o < octaves; o++) {
      this.tracks.push(new NoiseTrack(seed, mix(key, o + 1), p));
      this.amps.push(amp);
      power += amp * amp;
      amp *= gain;
      p *= 0.5;
    }
    this.norm = Math.sqrt(power);
  }

  at(t: number): number {
    let sum = 0;
    for (let o = 0; o < this.tracks.length; o++) sum += this.amps[o] * this.tracks[o].at(t);
    return sum / this.norm;
  }
}
