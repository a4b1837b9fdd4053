import type { PointInfo } from '../model/point.js';

/** A cumulative register and the rate point it integrates. */
export interface RegisterSpec {
  readonly row: number;
  readonly sourceRow: number;
  /** source units per hour → register units: kW·h = kWh, cfh·h = ft³, gpm·60 = gal/h */
  readonly perHour: number;
  /** reading at the grid epoch */
  readonly initial: number;
}

/** Pairs each totalized point with its equipment's rate point (energy ← power, volume ← flow). */
export function registerSpecs(points: readonly PointInfo[]): RegisterSpec[] {
  const byId = new Map(points.map((p) => [p.id, p]));
  return points
    .filter((p) => p.totalized)
    .map((p) => {
      const sourceKey = p.key === 'energy' ? 'power' : 'flow';
      const source = byId.get(`${p.equipId}.${sourceKey}`);
      if (!source) throw new Error(`register ${p.id} has no ${sourceKey} point to integrate`);
      const perHour = source.unit === 'gal/min' ? 60 : 1;
      // a meter commissioned years ago: a plausible non-zero reading, stable per point
      const initial = 100_000 + (hashId(p.id) % 900_000);
      return { row: p.index, sourceRow: source.index, perHour, initial };
    });
}

function hashId(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) >>> 0;
  return h;
}

/**
 * Register readings at chunk starts. A register at step k is its initial
 * value plus the trapezoid integral of its rate from the epoch to step k (a
 * meter integrates continuously; trapezoids of the samples are the honest
 * approximation), always added in the same order, so a chunk's values do not
 * depend on which chunks were computed before it.
 */
export class RegisterBook {
  private readonly prefixes = new Map<number, Float64Array>();

  constructor(readonly specs: readonly RegisterSpec[]) {
    this.prefixes.set(0, Float64Array.from(specs, (s) => s.initial));
  }

  has(chunk: number): boolean {
    return this.prefixes.has(chunk);
  }

  /** Highest chunk ≤ `chunk` whose prefix is known. */
  nearestKnown(chunk: number): number {
    let best = 0;
    for (const c of this.prefixes.keys()) if (c <= chunk && c > best) best = c;
    return best;
  }

  /**
   * Writes running sums into the register rows of `truth` for one chunk
   * (T steps of `stepHours`), starting from the chunk's prefix, and records
   * the next chunk's prefix; `next` holds the true values at the next chunk's
   * first step (point-major, one column), for the last trapezoid.
   */
  integrate(chunk: number, truth: Float64Array, T: number, stepHours: number, next: Float64Array): void {
    const prefix = this.prefixes.get(chunk);
    if (!prefix) throw new Error(`register prefix of chunk ${chunk} not computed`);
    const out = new Float64Array(prefix.length);
    this.specs.forEach((s, i) => {
      let sum = prefix[i]!;
      const half = (stepHours * s.perHour) / 2;
      const base = s.sourceRow * T;
      for (let k = 0; k < T; k++) {
        truth[s.row * T + k] = sum;
        const b = k + 1 < T ? truth[base + k + 1]! : next[s.sourceRow]!;
        sum += (Math.max(0, truth[base + k]!) + Math.max(0, b)) * half;
      }
      out[i] = sum;
    });
    this.prefixes.set(chunk + 1, out);
  }
}
