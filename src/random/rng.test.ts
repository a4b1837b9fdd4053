import { describe, expect, it } from 'vitest';
import { FractalTrack, NoiseTrack, fmix32, fractalNoise, gaussian, hash3, hashString, mix, smoothNoise, uniform } from './rng.js';

/** Textbook byte-wise MurmurHash3 x86_32, written independently of rng.ts. */
function murmur3Bytes(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  const nblocks = bytes.length >> 2;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  for (let i = 0; i < nblocks; i++) {
    let k = bytes[4 * i] | (bytes[4 * i + 1] << 8) | (bytes[4 * i + 2] << 16) | (bytes[4 * i + 3] << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = nblocks * 4;
  const rest = bytes.length & 3;
  if (rest > 0) {
    let k = bytes[tail];
    if (rest > 1) k ^= bytes[tail + 1] << 8;
    if (rest > 2) k ^= bytes[tail + 2] << 16;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const words = (...w: number[]): Uint8Array => new Uint8Array(Uint32Array.from(w.map((x) => x >>> 0)).buffer);

/** Standard normal CDF via Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7), independent of the quantile table. */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

describe('hashing', () => {
  it('the reference murmur3 reproduces published test vectors', () => {
    expect(murmur3Bytes(utf8(''), 0)).toBe(0);
    expect(murmur3Bytes(utf8(''), 1)).toBe(0x514e28b7);
    expect(murmur3Bytes(utf8(''), 0xffffffff)).toBe(0x81f16f39);
    expect(murmur3Bytes(utf8('test'), 0)).toBe(0xba6bd213);
    expect(murmur3Bytes(utf8('Hello, world!'), 0x9747b28c)).toBe(0x24884cba);
    expect(murmur3Bytes(utf8('The quick brown fox jumps over the lazy dog'), 0x9747b28c)).toBe(0x2fa826cd);
  });

  it('hash3 is murmur3 of the 12 bytes (key, counter low word, counter high word) seeded with seed', () => {
    for (const [seed, key, counter] of [
      [0, 0, 0],
      [42, 7, 1],
      [0xdeadbeef, 0x12345678, 1_767_225_600_000],
      [1, 2, -1],
      [3, 4, -1_000_000_007],
      [5, 6, 2 ** 53 - 1],
    ]) {
      const lo = counter >>> 0;
      const hi = Math.floor(counter / 2 ** 32);
      expect(hash3(seed, key, counter)).toBe(murmur3Bytes(words(key, lo, hi), seed));
    }
  });

  it('mix is murmur3 of the 8 bytes (a, b) and depends on order', () => {
    expect(mix(1, 2)).toBe(murmur3Bytes(words(1, 2), 0x3c6ef372));
    expect(mix(1, 2)).not.toBe(mix(2, 1));
  });

  it('hashString is FNV-1a (known vectors) finished with fmix32', () => {
    // fmix32 is murmur3's finalizer: murmur3("", seed) = fmix32(seed)
    expect(fmix32(1)).toBe(0x514e28b7);
    expect(fmix32(0xffffffff)).toBe(0x81f16f39);
    // FNV-1a 32-bit published values; ASCII code units equal bytes
    expect(hashString('')).toBe(fmix32(0x811c9dc5));
    expect(hashString('a')).toBe(fmix32(0xe40c292c));
    expect(hashString('foobar')).toBe(fmix32(0xbf9cf968));
    expect(hashString('zone.east')).not.toBe(hashString('zone.west'));
    expect(hashString('é')).not.toBe(hashString('e'));
  });

  it('hash3 avalanches: flipping any counter bit flips about half the output bits', () => {
    let flipped = 0;
    let trials = 0;
    for (let c = 0; c < 2000; c++) {
      const base = hash3(9, 11, c * 7919);
      for (let bit = 0; bit < 32; bit++) {
        const other = hash3(9, 11, ((c * 7919) ^ (1 << bit)) >>> 0);
        let x = (base ^ other) >>> 0;
        while (x) {
          flipped += x & 1;
          x >>>= 1;
        }
        trials++;
      }
    }
    expect(flipped / trials).toBeGreaterThan(15.8);
    expect(flipped / trials).toBeLessThan(16.2);
  });
});

describe('uniform', () => {
  it('lies in [0,1) and fills 64 bins evenly (chi-square)', () => {
    const n = 640_000;
    const bins = new Float64Array(64);
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = uniform(123, 456, i);
      if (!(u >= 0 && u < 1)) outside++;
      else bins[Math.floor(u * 64)]++;
    }
    expect(outside).toBe(0);
    const expected = n / 64;
    let chi2 = 0;
    for (const b of bins) chi2 += (b - expected) ** 2 / expected;
    // 63 degrees of freedom: the 99.9th percentile is about 103
    expect(chi2).toBeLessThan(103);
  });

  it('different keys and seeds give uncorrelated streams', () => {
    const n = 100_000;
    let sxy = 0;
    let sxz = 0;
    for (let i = 0; i < n; i++) {
      const x = uniform(1, 1, i) - 0.5;
      sxy += x * (uniform(1, 2, i) - 0.5);
      sxz += x * (uniform(2, 1, i) - 0.5);
    }
    // correlation coefficient; sd under independence is 1/sqrt(n) ≈ 0.003
    expect(Math.abs(sxy / n / (1 / 12))).toBeLessThan(0.015);
    expect(Math.abs(sxz / n / (1 / 12))).toBeLessThan(0.015);
  });
});

describe('gaussian', () => {
  const n = 1_000_000;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = gaussian(2024, 77, i);

  it('has mean ≈ 0, sd ≈ 1 and tails past ±4', () => {
    let sum = 0;
    let sq = 0;
    let below = 0;
    let above = 0;
    for (const x of xs) {
      sum += x;
      sq += x * x;
      if (x < -4) below++;
      if (x > 4) above++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(Math.sqrt(sq / n - mean * mean)).toBeCloseTo(1, 2);
    // P(X < −4) = 3.17e-5: about 32 of 1e6 each side
    expect(below).toBeGreaterThan(12);
    expect(below).toBeLessThan(60);
    expect(above).toBeGreaterThan(12);
    expect(above).toBeLessThan(60);
  });

  it('matches the normal CDF (Kolmogorov–Smirnov)', () => {
    const sorted = Float64Array.from(xs).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf(sorted[i]);
      d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    // 1 % critical value 1.63/√n
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
  });

  it('is symmetric in the far tails and bounded', () => {
    const extreme = Array.from(xs).reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    expect(extreme).toBeLessThan(6.5);
    expect(gaussian(1, 1, 1)).toBe(gaussian(1, 1, 1));
  });
});

describe('smoothNoise', () => {
  const day = 86_400_000;

  it('passes through the knot values (standard normal draws) at multiples of the period', () => {
    for (const k of [-3, 0, 1, 17, 20_000]) {
      expect(smoothNoise(5, 6, k * day, day)).toBeCloseTo(gaussian(5, 6, k), 12);
    }
  });

  it('is continuous with a continuous slope across knots', () => {
    const h = 1000; // 1 s in a 1-day period
    for (let k = 1; k < 50; k++) {
      const t = k * day;
      const left = (smoothNoise(5, 6, t, day) - smoothNoise(5, 6, t - h, day)) / h;
      const right = (smoothNoise(5, 6, t + h, day) - smoothNoise(5, 6, t, day)) / h;
      expect(Math.abs(smoothNoise(5, 6, t + 1, day) - smoothNoise(5, 6, t - 1, day))).toBeLessThan(1e-6);
      expect(Math.abs(left - right) * day).toBeLessThan(0.01);
    }
  });

  it('has unit variance between knots as well as at them', () => {
    for (const frac of [0, 0.25, 0.5]) {
      let sq = 0;
      const n = 40_000;
      for (let k = 0; k < n; k++) sq += smoothNoise(8, 9, (k + frac) * day, day) ** 2;
      expect(Math.sqrt(sq / n)).toBeGreaterThan(0.97);
      expect(Math.sqrt(sq / n)).toBeLessThan(1.03);
    }
  });

  it('fractalNoise has unit variance and adds faster detail than a single octave', () => {
    const n = 40_000;
    let sq = 0;
    let roughFractal = 0;
    let roughSingle = 0;
    for (let i = 0; i < n; i++) {
      const t = i * 0.37 * day;
      const f = fractalNoise(8, 9, t, 4 * day, 3, 0.5);
      sq += f * f;
      roughFractal += (fractalNoise(8, 9, t + day / 4, 4 * day, 3, 0.5) - f) ** 2;
      roughSingle += (smoothNoise(8, 9, t + day / 4, 4 * day) - smoothNoise(8, 9, t, 4 * day)) ** 2;
    }
    expect(Math.sqrt(sq / n)).toBeGreaterThan(0.95);
    expect(Math.sqrt(sq / n)).toBeLessThan(1.05);
    expect(roughFractal).toBeGreaterThan(1.5 * roughSingle);
  });

  it('NoiseTrack and FractalTrack give bit-identical values in any call order', () => {
    const track = new NoiseTrack(3, 4, day);
    const fractal = new FractalTrack(3, 4, 5 * day, 3, 0.6);
    const times = Array.from({ length: 3000 }, (_, i) => i * 900_000 - 40 * day);
    // forward, backward, then scattered: memoized knots must never leak into another segment
    const order = [...times, ...[...times].reverse(), ...times.map((_, i) => times[(i * 7919) % times.length])];
    for (const t of order) {
      expect(Object.is(track.at(t), smoothNoise(3, 4, t, day))).toBe(true);
      expect(Object.is(fractal.at(t), fractalNoise(3, 4, t, 5 * day, 3, 0.6))).toBe(true);
    }
  });

  it('NoiseTrack keeps its values when a step skips one, two or more knots', () => {
    // a 12-min track read every 15 min moves 1 or 2 knots a step; every 25 and 40 min, 2, 3 and 4
    for (const step of [15, 25, 40]) {
      const track = new NoiseTrack(5, 6, 720_000);
      for (let i = 0; i < 500; i++) {
        const t = i * step * 60_000 + 17_000;
        expect(Object.is(track.at(t), smoothNoise(5, 6, t, 720_000))).toBe(true);
      }
    }
  });
});

describe('hashWithPrefix', () => {
  it('equals hash3 for 32-bit counters', async () => {
    const { hash3, hashWithPrefix, streamPrefix } = await import('./rng.js');
    for (let i = 0; i < 2000; i++) {
      const seed = (i * 2654435761) >>> 0;
      const key = (i * 40503 + 7) >>> 0;
      const counter = i === 0 ? 4294967295 : (i * 1_800_000_017) >>> 0;
      expect(hashWithPrefix(streamPrefix(seed, key), counter)).toBe(hash3(seed, key, counter));
    }
  });
});
