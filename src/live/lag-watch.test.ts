import { describe, expect, it } from 'vitest';
import { LagWatch } from './lag-watch.js';

const MIN = 60_000;

describe('LagWatch', () => {
  it('says nothing while lag stays under one interval or holds steady', () => {
    const watch = new LagWatch(10_000, MIN);
    const verdicts = [0, 5_000, 10_000, 15_000, 20_000, 30_000].map((t, i) => watch.observe(t, i % 2 === 0 ? 0 : 30_000));
    expect(verdicts.filter(Boolean)).toEqual([]);
    const steady = new LagWatch(10_000, MIN);
    expect([0, 10_000, 20_000].map((t) => steady.observe(t, 5 * MIN)).filter(Boolean)).toEqual([]);
  });

  it('reports falling behind once when lag grows over a whole window, and caught up once when it is back under an interval', () => {
    const watch = new LagWatch(10_000, MIN);
    expect(watch.observe(0, 0)).toBeUndefined();
    expect(watch.observe(5_000, 2 * MIN)).toBeUndefined(); // the window is not over yet
    expect(watch.observe(10_000, 3 * MIN)).toBe('falling_behind');
    expect(watch.observe(20_000, 9 * MIN)).toBeUndefined(); // still behind: said once
    expect(watch.observe(25_000, MIN / 2)).toBe('caught_up');
    expect(watch.observe(30_000, 0)).toBeUndefined();
  });
});
