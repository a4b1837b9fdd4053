import { hashString, uniform } from '../random/rng.js';

/**
 * Seeded draws in named streams (`state`, `split`, …): each stream counts its draws and each draw is a pure
 * hash of (seed, stream, counter), so the same seed and the same calls give the same samples, and a redraw
 * in one stream moves no other.
 */
export class Draws {
  private readonly counters = new Map<string, number>();

  constructor(private readonly seed: number) {}

  /** the stream's next uniform in [0, 1) */
  next(stream: string): number {
    const i = this.counters.get(stream) ?? 0;
    this.counters.set(stream, i + 1);
    return uniform(this.seed, hashString(stream), i);
  }

  /** a whole number in [0, n) */
  below(stream: string, n: number): number {
    return Math.min(n - 1, Math.floor(this.next(stream) * n));
  }

  pick<T>(stream: string, items: readonly T[]): T {
    return items[this.below(stream, items.length)]!;
  }

  /** a copy in seeded order (Fisher–Yates) */
  shuffle<T>(stream: string, items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.below(stream, i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}
