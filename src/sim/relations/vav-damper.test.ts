import { describe, expect, it } from 'vitest';
import { damperOpening, staticPressureReset } from './vav-damper.js';
import { floatDecay, floatingTemp, infiltrationUa } from './zone-thermal.js';

describe('pressure-independent VAV dampers and static reset', () => {
  it('opens in proportion to flow and less at higher duct static', () => {
    // 1050 cfm of a 3000 cfm box that passes 1.5 × 3000 wide open at the lowest static: 1050 / 4500
    expect(damperOpening(1050, 3000, 1.5, 0.6, 0.6)).toBeCloseTo(1050 / 4500, 12);
    // four times the static doubles what it passes wide open: half the opening
    expect(damperOpening(1050, 3000, 1.5, 2.4, 0.6)).toBeCloseTo(1050 / 9000, 12);
    expect(damperOpening(0, 3000, 1.5, 0.6, 0.6)).toBe(0);
    expect(damperOpening(9000, 3000, 1.5, 0.6, 0.6)).toBe(1);
  });

  it('resets static so the neediest box sits at the target opening, within limits', () => {
    // neediest box needs 1.1 of its wide-open flow at 0.6 in: static rises by (1.1 / 0.88)² = 1.5625
    const sp = staticPressureReset(1.1, 0.88, 0.6, 1.8);
    expect(sp).toBeCloseTo(0.6 * 1.5625, 12);
    expect(damperOpening(1.1 * 3000, 3000, 1, sp, 0.6)).toBeCloseTo(0.88, 12);
    expect(staticPressureReset(0.3, 0.88, 0.6, 1.8)).toBe(0.6);
    expect(staticPressureReset(5, 0.88, 0.6, 1.8)).toBe(1.8);
  });
});

describe('zones floating on their mass', () => {
  it('starts at the room, settles onto the mass within hours, then drifts toward the free balance', () => {
    expect(floatingTemp(72, 75, 88, floatDecay(0, 30))).toBe(72);
    // after 11 h: 88 + (75 − 88) e^(−11/30) + (72 − 75) e^(−11)
    expect(floatingTemp(72, 75, 88, floatDecay(11, 30))).toBeCloseTo(88 - 13 * Math.exp(-11 / 30) - 3 * Math.exp(-11), 12);
    expect(floatingTemp(72, 75, 88, floatDecay(1000, 30))).toBeCloseTo(88, 6);
  });

  it('leaks more air in cold weather (stack effect) and less with the fans pressurizing', () => {
    expect(infiltrationUa(1000, 30, false)).toBeCloseTo(1.08 * 1000 * (0.05 + 0.004 * 35), 12);
    expect(infiltrationUa(1000, 80, false)).toBeCloseTo(1.08 * 1000 * 0.05, 12);
    expect(infiltrationUa(1000, 30, true)).toBeCloseTo(infiltrationUa(1000, 30, false) / 2, 12);
  });
});
