// Phase 1 for parts_usage: how many lines each completed call uses (the exact total spread over
// calls by how parts-hungry their work is), which part and how many, and each call's parts cost.
import { CATEGORY_SPECS } from '../vocab/hvac-equipment.js';
import { PART_SPECS, PART_USE, type PartUse } from '../vocab/hvac-parts.js';
import { PART_CATEGORIES } from '../tables/vocabulary-codes.js';
import type { EquipmentTypes, Parts } from './plan-catalog.js';
import { completedDay, type Calls } from './plan-calls.js';
import { deviceCategory, type Devices } from './plan-devices.js';
import { type RowRandom, rowRandom } from './row-random.js';
import { apportion, pickInGroup } from './sampling.js';

export interface PartsUsage {
  readonly count: number;
  /** ascending: a call's lines are consecutive */
  readonly call: Int32Array;
  readonly part: Int32Array;
  readonly quantity: Int32Array;
  readonly usageDay: Int32Array;
}

/** relative number of part lines per call, by SERVICE index */
const LINES_WEIGHT = [1.1, 2.4, 4.5, 2.2, 0.3];
const USE_OF_TYPE = ['maintenance', 'repair', 'installation', 'repair', 'inspection'] as const;

export function planPartsUsage(
  seed: number,
  count: number,
  calls: Calls,
  devices: Devices,
  types: EquipmentTypes,
  parts: Parts,
): PartsUsage {
  const weights = new Float64Array(calls.count);
  for (let i = 0; i < calls.count; i++) {
    if (!calls.cancelled[i]) weights[i] = LINES_WEIGHT[calls.type[i]] * rowRandom(seed, 'parts_usage.lines', i).range(0.4, 1.6);
  }
  const lines = apportion(count, weights);
  const call = new Int32Array(count);
  const part = new Int32Array(count);
  const quantity = new Int32Array(count);
  const usageDay = new Int32Array(count);
  const usage: PartsUsage = { count, call, part, quantity, usageDay };
  let u = 0;
  for (let i = 0; i < calls.count; i++) {
    if (lines[i] === 0) continue;
    const duty = CATEGORY_SPECS[deviceCategory(devices, types, calls.device[i])].duty;
    const use = PART_USE[USE_OF_TYPE[calls.type[i]]][duty];
    u = planCallParts(rowRandom(seed, 'parts_usage.plan', i), calls, i, lines[i], use, parts, usage, u);
  }
  return usage;
}

/**
 * Fills usage lines u, u+1, … with `lines` parts for call i, drawn by category weight, and adds
 * their cost to the call's parts cost. Returns the next free line.
 */
export function planCallParts(
  r: RowRandom,
  calls: Calls,
  i: number,
  lines: number,
  use: PartUse,
  parts: Parts,
  usage: PartsUsage,
  u: number,
): number {
  const categoryWeights = PART_CATEGORIES.map((c) => use[c] ?? 0);
  const day = completedDay(calls, i);
  for (let k = 0; k < lines; k++, u++) {
    const category = r.weighted(categoryWeights);
    // a few SKUs per category are the everyday ones (skewed toward the category's first parts)
    const p = pickInGroup(parts.byCategory, category, r.next(), parts.count, 2.5);
    const [lo, hi] = PART_SPECS[PART_CATEGORIES[parts.category[p]]].quantity;
    usage.call[u] = i;
    usage.part[u] = p;
    usage.quantity[u] = r.int(lo, hi);
    usage.usageDay[u] = day;
    calls.partsCents[i] += usage.quantity[u] * parts.unitCostCents[p];
  }
  return u;
}

/** Units of each part used in the 12 months up to asOf (inventory's annual usage). */
export function annualUsage(usage: PartsUsage, parts: Parts, asOf: number): Int32Array {
  const units = new Int32Array(parts.count);
  for (let u = 0; u < usage.count; u++) if (usage.usageDay[u] > asOf - 365) units[usage.part[u]] += usage.quantity[u];
  return units;
}
