// Phase 1 for inventory: one stock record per part (the first `count` parts), with usage, ABC
// class and reorder levels all derived from parts_usage.
import type { Parts } from './plan-catalog.js';
import { rowRandom } from './row-random.js';
import { sortedIndices } from './sampling.js';

export interface Inventory {
  readonly count: number;
  readonly annualUnits: Int32Array;
  readonly annualValueCents: Float64Array;
  /** 0 A, 1 B, 2 C */
  readonly abc: Uint8Array;
  readonly reorderPoint: Int32Array;
  readonly reorderQuantity: Int32Array;
  readonly onHand: Int32Array;
}

/** cumulative share of usage value before a part, below which it is A (then B) */
const ABC_LIMITS = [0.8, 0.95] as const;
/** months of usage per replenishment order, by class: fast movers are ordered often */
const ORDER_MONTHS = [1, 2, 6];

/**
 * ABC: parts sorted by annual usage value (highest first, ties by part id); a part is A while
 * the value of the parts ranked above it is under 80 % of the total, B under 95 %, else C; parts
 * with no usage are C. Reorder point = lead-time demand × 1.5 (50 % safety stock), at least 1.
 */
export function planInventory(seed: number, count: number, parts: Parts, units: Int32Array): Inventory {
  const annualUnits = units.slice(0, count);
  const annualValueCents = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) total += annualValueCents[k] = annualUnits[k] * parts.unitCostCents[k];
  const abc = new Uint8Array(count).fill(2);
  const order = sortedIndices(annualValueCents.map((v) => -v));
  let before = 0;
  for (const k of order) {
    if (annualValueCents[k] > 0) abc[k] = before < ABC_LIMITS[0] * total ? 0 : before < ABC_LIMITS[1] * total ? 1 : 2;
    before += annualValueCents[k];
  }
  const reorderPoint = new Int32Array(count);
  const reorderQuantity = new Int32Array(count);
  const onHand = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const r = rowRandom(seed, 'inventory.plan', k);
    const daily = annualUnits[k] / 365;
    reorderPoint[k] = Math.max(1, Math.ceil(daily * parts.leadTimeDays[k] * 1.5));
    reorderQuantity[k] = Math.max(abc[k] === 2 ? 2 : 1, Math.ceil((annualUnits[k] * ORDER_MONTHS[abc[k]]) / 12));
    onHand[k] = reorderPoint[k] + r.int(0, reorderQuantity[k]);
  }
  return { count, annualUnits, annualValueCents, abc, reorderPoint, reorderQuantity, onHand };
}
