import { ArgsError } from '../errors.js';
import type { DataExtent } from '../query/query-ground-truth.js';
import type { Draws } from './ml-draws.js';

export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];
export type SplitBy = 'time' | 'equipment';

export interface SplitOptions {
  readonly by: SplitBy;
  /** train, validation, test: non-negative, summing to 1 */
  readonly ratios: readonly [number, number, number];
}

export function parseSplitBy(text: unknown): SplitBy {
  if (text === 'time' || text === 'equipment') return text;
  throw new ArgsError(`--split ${JSON.stringify(text)}: expected time or equipment`);
}

/** `0.8,0.1,0.1` → the three ratios (train first, positive; all summing to 1). */
export function parseSplitRatios(text: string): [number, number, number] {
  const parts = String(text)
    .split(',')
    .map((p) => p.trim());
  const ratios = parts.map((p) => (/^\d*\.?\d+$/.test(p) ? Number(p) : Number.NaN));
  if (
    ratios.length !== 3 ||
    ratios.some((r) => !Number.isFinite(r)) ||
    Math.abs(ratios[0]! + ratios[1]! + ratios[2]! - 1) > 1e-9 ||
    !(ratios[0]! > 0)
  )
    throw new ArgsError(
      `--split-ratios ${JSON.stringify(text)}: expected train,validation,test summing to 1, train above 0 (e.g. 0.8,0.1,0.1)`,
    );
  return ratios as [number, number, number];
}

/**
 * Where each split's records come from, so none leaks into another: by equipment, a seeded partition of the
 * candidates (each equipment in one split); by time, three consecutive periods of the data's span cut on
 * its grid (each record's whole window inside one). Without a split every record is unassigned.
 */
export class SplitPlan {
  private constructor(
    readonly by: SplitBy | undefined,
    private readonly ofEquipment: ReadonlyMap<string, SplitName>,
    /** time: each split's [from, to) */
    private readonly periods: readonly (readonly [number, number])[],
  ) {}

  static make(options: SplitOptions | undefined, equipment: readonly string[], extent: DataExtent, draws: Draws): SplitPlan {
    if (!options) return new SplitPlan(undefined, new Map(), [[extent.from, extent.to]]);
    const [r0, r1] = options.ratios;
    if (options.by === 'equipment') {
      const order = draws.shuffle('split', [...equipment].sort());
      const n = order.length;
      const train = Math.max(1, Math.round(r0 * n));
      const validation = Math.min(n - train, Math.round(r1 * n));
      const map = new Map(order.map((id, i) => [id, SPLIT_NAMES[i < train ? 0 : i < train + validation ? 1 : 2]] as const));
      return new SplitPlan('equipment', map, [[extent.from, extent.to]]);
    }
    const steps = Math.floor((extent.to - extent.from) / extent.intervalMs);
    const cut = (r: number) => extent.from + Math.round(r * steps) * extent.intervalMs;
    const b1 = cut(r0);
    const b2 = cut(r0 + r1);
    return new SplitPlan('time', new Map(), [
      [extent.from, b1],
      [b1, b2],
      [b2, extent.to],
    ]);
  }

  /** The candidates a record may come from given the split of a record it must share a split with. */
  equipmentIn(equipment: readonly string[], split: SplitName | undefined): string[] {
    return this.by === 'equipment' && split ? equipment.filter((id) => this.ofEquipment.get(id) === split) : [...equipment];
  }

  /**
   * A window of `lengthMs` placed at the draw `u` in [0, 1) over the data's span, on the grid, and the split
   * it is in: by time it is moved back to end inside the period the draw fell in (undefined when that period
   * is too short); `within` keeps it in one split's period.
   */
  place(
    u: number,
    lengthMs: number,
    equipment: string,
    intervalMs: number,
    within?: SplitName,
  ): { readonly start: number; readonly split: SplitName | undefined } | undefined {
    const periods = this.by === 'time' && within ? [this.periods[SPLIT_NAMES.indexOf(within)]!] : this.periods;
    const total = periods.reduce((n, [a, b]) => n + (b - a), 0);
    let at = u * total;
    for (const [k, [a, b]] of periods.entries()) {
      if (at >= b - a && k < periods.length - 1) {
        at -= b - a;
        continue;
      }
      const start = a + Math.floor(Math.min(at, b - a - lengthMs) / intervalMs) * intervalMs;
      if (start < a || start + lengthMs > b) return undefined;
      const split = this.by === 'time' ? (within ?? SPLIT_NAMES[k]) : this.ofEquipment.get(equipment);
      return { start, split };
    }
    return undefined;
  }

  /** the split of an instant (time) or an equipment (equipment) */
  splitOf(equipment: string, t: number): SplitName | undefined {
    if (this.by === 'equipment') return this.ofEquipment.get(equipment);
    if (this.by === 'time') return SPLIT_NAMES[this.periods.findIndex(([a, b]) => t >= a && t < b)];
    return undefined;
  }
}
