import { describe, expect, it } from 'vitest';
import { lagSegment } from './first-order-lag.js';

describe('lagSegment', () => {
  it('a step held constant reaches 63.2 % at one time constant', () => {
    expect(lagSegment(0, 1, 1, 180, 180)).toBeCloseTo(1 - Math.exp(-1), 12);
  });

  it('one long segment equals many short ones (the solution is exact for a linear input)', () => {
    const tau = 37;
    const whole = lagSegment(5, 10, 70, 120, tau);
    let y = 5;
    for (let i = 0; i < 120; i++) y = lagSegment(y, 10 + (60 * i) / 120, 10 + (60 * (i + 1)) / 120, 1, tau);
    expect(whole).toBeCloseTo(y, 9);
    // and a fine Euler integration of the ODE agrees
    let z = 5;
    const dt = 0.001;
    for (let s = 0; s < 120; s += dt) z += ((10 + (60 * s) / 120 - z) / tau) * dt;
    expect(whole).toBeCloseTo(z, 2);
  });

  it('a zero-length segment leaves the state as it is', () => {
    expect(lagSegment(42, 0, 100, 0, 10)).toBe(42);
  });
});
