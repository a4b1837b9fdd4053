/**
 * Injected faults of one device, for testing detectors: a spike (one reading
 * far off), a stuck sensor (the same reading repeats), a dropout (no
 * readings). Like weather, starts are a per-minute Poisson draw keyed by the
 * device, so any instant can be asked in any order; a newer anomaly ends an
 * older one. Every anomaly is reported with the readings it touches, on the
 * reading grid (multiples of the interval since 1970), as ground truth.
 */
import { hash3, hashString, mix, uniform } from '../random/rng.js';
import { MS_PER_MINUTE } from '../time/clock.js';

export type AnomalyType = 'spike' | 'stuck' | 'dropout';
export type Quantity = 'temperature' | 'humidity' | 'pressure';

export interface Anomaly {
  readonly type: AnomalyType;
  /** first and last affected reading timestamps (epoch ms, inclusive) */
  readonly first: number;
  readonly last: number;
  /** spikes hit one quantity by `offset` */
  readonly quantity?: Quantity;
  readonly offset?: number;
}

export interface AnomalyRates {
  readonly spikesPerDay: number;
  readonly stuckPerDay: number;
  readonly dropoutsPerDay: number;
}

const SLOT_MS = MS_PER_MINUTE;
const SLOTS_PER_DAY = 1440;
/** stuck 10–120 min, dropout 5–60 min: blocks, not coin flips per row (realism.md) */
const LENGTH_MS: Record<Exclude<AnomalyType, 'spike'>, [number, number]> = {
  stuck: [10 * MS_PER_MINUTE, 120 * MS_PER_MINUTE],
  dropout: [5 * MS_PER_MINUTE, 60 * MS_PER_MINUTE],
};
const MAX_MS = 120 * MS_PER_MINUTE;
/** spike sizes: far enough off to be a fault, inside the sensor's limits after clamping */
const SPIKE: Record<Quantity, [number, number]> = { temperature: [5, 15], humidity: [15, 40], pressure: [10, 40] };
const QUANTITIES: readonly Quantity[] = ['temperature', 'humidity', 'pressure'];

export class SensorAnomalies {
  private readonly key: number;
  private readonly pSpike: number;
  private readonly pStuck: number;
  private readonly pAny: number;
  private readonly span: number;

  constructor(
    private readonly seed: number,
    deviceId: string,
    rates: AnomalyRates,
    private readonly intervalMs: number,
  ) {
    this.key = hashString(`anomaly/${deviceId}`);
    this.pSpike = rates.spikesPerDay / SLOTS_PER_DAY;
    this.pStuck = this.pSpike + rates.stuckPerDay / SLOTS_PER_DAY;
    this.pAny = this.pStuck + rates.dropoutsPerDay / SLOTS_PER_DAY;
    this.span = Math.max(MAX_MS, intervalMs) + intervalMs;
  }

  /** The anomaly affecting the reading at grid instant t, if any. */
  at(t: number): Anomaly | null {
    if (this.pAny === 0) return null;
    const found = this.startingIn(t - this.span, t + 1);
    for (let i = found.length - 1; i >= 0; i--) {
      const a = found[i]!;
      if (a.first <= t) return t <= a.last ? a : null;
    }
    return null;
  }

  /** Anomalies touching a reading in [from, to), in time order. */
  between(from: number, to: number): Anomaly[] {
    if (this.pAny === 0) return [];
    return this.startingIn(from - this.span, to).filter((a) => a.last >= from && a.first < to);
  }

  private startingIn(from: number, to: number): Anomaly[] {
    const starts: { at: number; slot: number; roll: number }[] = [];
    for (let k = Math.floor(from / SLOT_MS); k <= Math.floor((to + this.span) / SLOT_MS); k++) {
      const roll = uniform(this.seed, this.key, k);
      if (roll < this.pAny)
        starts.push({ at: k * SLOT_MS + Math.floor(uniform(this.seed, mix(this.key, 1), k) * 60) * 1000, slot: k, roll });
    }
    const out: Anomaly[] = [];
    for (let i = 0; i < starts.length; i++) {
      const s = starts[i]!;
      if (s.at < from || s.at >= to) continue;
      const type: AnomalyType = s.roll < this.pSpike ? 'spike' : s.roll < this.pStuck ? 'stuck' : 'dropout';
      const u = uniform(this.seed, mix(this.key, 2), s.slot);
      const planned =
        type === 'spike' ? s.at + this.intervalMs : s.at + LENGTH_MS[type][0] + Math.round(u * (LENGTH_MS[type][1] - LENGTH_MS[type][0]));
      const end = Math.min(planned, starts[i + 1]?.at ?? Infinity);
      // readings are on the grid: the first at or after the start, the last before the end
      const first = Math.ceil(s.at / this.intervalMs) * this.intervalMs;
      const last = Math.ceil(end / this.intervalMs) * this.intervalMs - this.intervalMs;
      if (last < first) continue; // fell between two readings: nothing to label
      if (type !== 'spike') {
        out.push({ type, first, last });
        continue;
      }
      const h = hash3(this.seed, mix(this.key, 3), s.slot);
      const quantity = QUANTITIES[h % 3]!;
      const [lo, hi] = SPIKE[quantity];
      const size = lo + (((h >>> 8) & 0xffff) / 0x10000) * (hi - lo);
      out.push({ type, first, last, quantity, offset: h & 0x80000000 ? size : -size });
    }
    return out;
  }
}
