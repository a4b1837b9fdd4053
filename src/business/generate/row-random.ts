// Randomness keyed by (seed, table, row): each row's draws are a pure hash of those three and a
// counter, so a row's values never depend on how many rows came before it or on iteration order.
import { gaussianFromBits, hash3, hashString, mix, uniform } from '../../random/rng.js';

/** The draws of one row of one purpose ("stream"), in sequence. */
export class RowRandom {
  private counter = 0;
  private readonly key: number;

  constructor(
    private readonly seed: number,
    stream: number,
    index: number,
  ) {
    this.key = mix(stream, index);
  }

  /** raw uint32 */
  bits(): number {
    return hash3(this.seed, this.key, this.counter++);
  }

  /** uniform in [0, 1) */
  next(): number {
    return uniform(this.seed, this.key, this.counter++);
  }

  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** uniform in [lo, hi) */
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** index chosen with probability proportional to weights[i] */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  gaussian(): number {
    return gaussianFromBits(this.bits());
  }

  /** a 32-bit seed for faker.seed(), from this row's stream */
  fakerSeed(): number {
    return this.bits();
  }
}

/** Stream keys: one per (table, purpose), from their names, so adding a stream never shifts another. */
function streamKey(name: string): number {
  let key = STREAM_KEYS.get(name);
  if (key === undefined) STREAM_KEYS.set(name, (key = hashString(name)));
  return key;
}

const STREAM_KEYS = new Map<string, number>();

/** A row's random source: `rowRandom(seed, 'service_calls.timing', i)`. */
export function rowRandom(seed: number, stream: string, index: number): RowRandom {
  return new RowRandom(seed, streamKey(stream), index);
}
