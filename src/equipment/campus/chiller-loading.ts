/** a starting screw chiller's load limit ramps from the slide valve's minimum to full over this (its soft-load), minutes */
export const SOFT_LOAD_MIN = 15;
/** a chiller staged off unloads its slide valve over this before the compressor stops, minutes */
export const UNLOAD_MIN = 15;

/**
 * A running chiller's load limit, share of its rating: soft-loading for `onMinutes` since its start (a compressor
 * just started pumps little while the evaporator pulls down, then its limit ramps), unloading over the last minutes
 * before a staged stop `toStopMinutes` away (Infinity: none planned). Either way the other chillers take or give its
 * load a tenth of its rating a minute at most, as their controllers follow the chilled water.
 */
export function loadLimit(onMinutes: number, toStopMinutes: number): number {
  return Math.min(1, Math.max(0, (onMinutes + 1) / SOFT_LOAD_MIN), Math.max(0, toStopMinutes / UNLOAD_MIN));
}

/**
 * The loop's call on each running chiller, shares of their ratings: every chiller holds its own leaving water at the
 * setpoint, so all see the same return and the uncapped ones load to the same share while a capped one (soft-loading,
 * unloading) delivers its limit; the level at which the load is met (water filling). Short of capacity (every chiller
 * at its limit), the highest limit plus the unmet load's share of the running flow: the return comes back warmer.
 */
export function loopShare(loadTr: number, ratings: readonly number[], limits: Float64Array, on: Uint8Array, order: Int32Array): number {
  let n = 0;
  let flow = 0;
  for (let i = 0; i < ratings.length; i++) {
    if (!on[i]) continue;
    // insertion by limit: at most a handful of chillers
    let j = n++;
    while (j > 0 && limits[order[j - 1]!]! > limits[i]!) {
      order[j] = order[j - 1]!;
      j--;
    }
    order[j] = i;
    flow += ratings[i]!;
  }
  if (n === 0) return 0;
  let rest = loadTr;
  let free = flow;
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    if (limits[i]! * free >= rest) return rest / free;
    rest -= limits[i]! * ratings[i]!;
    free -= ratings[i]!;
  }
  return limits[order[n - 1]!]! + rest / flow;
}
