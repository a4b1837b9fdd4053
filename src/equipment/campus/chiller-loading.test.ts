import { describe, expect, it } from 'vitest';
import { loadLimit, loopShare, SOFT_LOAD_MIN, UNLOAD_MIN } from './chiller-loading.js';

const ratings = [100, 200, 300];
const share = (load: number, limits: number[], on = [1, 1, 1]) =>
  loopShare(load, ratings, Float64Array.from(limits), Uint8Array.from(on), new Int32Array(3));

describe('chiller loading', () => {
  it('soft-loads from a fifteenth of the rating to full, and unloads to a fifteenth before a staged stop', () => {
    expect(loadLimit(0, Number.POSITIVE_INFINITY)).toBeCloseTo(1 / SOFT_LOAD_MIN, 12);
    expect(loadLimit(SOFT_LOAD_MIN / 2 - 1, Number.POSITIVE_INFINITY)).toBeCloseTo(0.5, 12);
    expect(loadLimit(SOFT_LOAD_MIN, Number.POSITIVE_INFINITY)).toBe(1);
    expect(loadLimit(Number.POSITIVE_INFINITY, UNLOAD_MIN / 2)).toBeCloseTo(0.5, 12);
    expect(loadLimit(Number.POSITIVE_INFINITY, 1)).toBeCloseTo(1 / UNLOAD_MIN, 12);
    // never more than a tenth of the rating a minute either way
    for (let m = 0; m < 30; m++) {
      expect(Math.abs(loadLimit(m + 1, 40 - m) - loadLimit(m, 41 - m))).toBeLessThanOrEqual(0.1);
    }
  });

  it('shares the load at one level among the uncapped chillers, hand-worked', () => {
    expect(share(300, [1, 1, 1])).toBeCloseTo(0.5, 12);
    // 100 TR capped at 0.2 carries 20; 280 TR over the other 500 TR of rating
    expect(share(300, [0.2, 1, 1])).toBeCloseTo(0.56, 12);
    // an off chiller takes nothing: 300 TR over 400
    expect(share(300, [1, 1, 1], [1, 0, 1])).toBeCloseTo(0.75, 12);
    // short: every chiller at its limit (270 TR), the 230 TR unmet come back as warmer return over the 600 TR of flow
    expect(share(500, [0.2, 0.5, 0.5])).toBeCloseTo(0.5 + 230 / 600, 12);
  });

  it('meets the load when it can: Σ min(limit, level) × rating = the load', () => {
    for (let n = 0; n < 200; n++) {
      const limits = [((n * 37) % 100) / 100, ((n * 53) % 100) / 100, ((n * 71) % 100) / 100];
      const load = (n * 13) % 600;
      const x = share(load, limits);
      const delivered = ratings.reduce((s, r, i) => s + Math.min(limits[i]!, x) * r, 0);
      const capacity = ratings.reduce((s, r, i) => s + limits[i]! * r, 0);
      expect(delivered).toBeCloseTo(Math.min(load, capacity), 9);
    }
  });
});
