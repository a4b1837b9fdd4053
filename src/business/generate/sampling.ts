// Exact-count choices and sorted draws over typed arrays: how the planner keeps every count exact
// while each entity's own randomness still comes from its (seed, stream, index) hash.
import { rowRandom } from './row-random.js';

/**
 * Chooses exactly k of n items: the k smallest keys −ln(u)/w (weighted sampling without
 * replacement, Efraimidis–Spirakis), u drawn per item from (seed, stream, index). Weight 0 items
 * come last (in index order) and are chosen only if fewer than k items have weight. Returns a mask.
 */
export function chooseExactly(seed: number, stream: string, n: number, k: number, weight: (i: number) => number = () => 1): Uint8Array {
  const mask = new Uint8Array(n);
  if (k <= 0) return mask;
  if (k >= n) return mask.fill(1);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weight(i);
    keys[i] = w > 0 ? -Math.log(1 - rowRandom(seed, stream, i).next()) / w : Infinity;
  }
  const order = sortedIndices(keys);
  for (let j = 0; j < k; j++) mask[order[j]] = 1;
  return mask;
}

/** Indices of keys in ascending key order (ties by index), as a typed array. */
export function sortedIndices(keys: Float64Array | Int32Array): Uint32Array {
  const order = new Uint32Array(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => keys[a] - keys[b] || a - b);
}

/**
 * n sorted values from a density over [0, density.length): item i gets the inverse CDF at
 * (i + u_i) / n (stratified sampling), so ids follow time and the shape follows the density.
 */
export function stratifiedPositions(seed: number, stream: string, n: number, density: Float64Array): Int32Array {
  const cdf = new Float64Array(density.length);
  let total = 0;
  for (let d = 0; d < density.length; d++) cdf[d] = total += density[d];
  const out = new Int32Array(n);
  let d = 0;
  for (let i = 0; i < n; i++) {
    const target = ((i + rowRandom(seed, stream, i).next()) / n) * total;
    while (d < cdf.length - 1 && cdf[d] <= target) d++;
    out[i] = d;
  }
  return out;
}

/** How many of sorted[0..length) are < value (binary search). */
export function countBelow(sorted: Int32Array, value: number, length = sorted.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index i with cumulative[i-1] ≤ x < cumulative[i] among the first `length` entries. */
export function pickCumulative(cumulative: Float64Array, x: number, length = cumulative.length): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Splits `total` whole units across items in proportion to weights, exactly (largest-remainder
 * by cumulative rounding): shares sum to `total`, zero-weight items get none.
 */
export function apportion(total: number, weights: Float64Array): Int32Array {
  const shares = new Int32Array(weights.length);
  let sum = 0;
  for (const w of weights) sum += w;
  if (sum <= 0) return shares;
  let acc = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    const upTo = i === weights.length - 1 ? total : Math.round((acc / sum) * total);
    shares[i] = upTo - given;
    given = upTo;
  }
  return shares;
}

/** CSR index: for each group g, the items with group[i] === g, in item order. */
export interface GroupIndex {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** A member of group g chosen by u ∈ [0, 1) (skew > 1 favours the group's first members); any of 0..count−1 if g is empty. */
export function pickInGroup(index: GroupIndex, g: number, u: number, count: number, skew = 1): number {
  const size = index.start[g + 1] - index.start[g];
  return size > 0 ? index.items[index.start[g] + Math.floor(u ** skew * size)] : Math.floor(u * count);
}

export function groupBy(group: Int32Array, groups: number): GroupIndex {
  const start = new Int32Array(groups + 1);
  for (const g of group) if (g >= 0) start[g + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const fill = start.slice(0, groups);
  const items = new Int32Array(start[groups]);
  group.forEach((g, i) => {
    if (g >= 0) items[fill[g]++] = i;
  });
  return { start, items };
}
