import { describe, expect, it } from 'vitest';
import {
  apfcCompensation,
  currentThdPct,
  IEEE519_VINDIVIDUAL_LIMIT_LV,
  IEEE519_VTHD_LIMIT_LV,
  tddLimitPct,
  voltageThdPct,
} from './elec-power-quality.js';

describe('current THD of a load mix', () => {
  it('pure groups give their own THD', () => {
    expect(currentThdPct(1, 0, 0)).toBe(40);
    expect(currentThdPct(0, 2, 0)).toBe(10);
    expect(currentThdPct(0, 0, 1)).toBe(4);
    expect(currentThdPct(0, 0, 0)).toBe(0);
  });
  it('mix 30 % VFD, 20 % electronic, 50 % linear: √(12² + 2² + 2²) = 12.33 %', () => {
    expect(currentThdPct(0.3, 0.2, 0.5)).toBeCloseTo(Math.sqrt(152), 9);
    expect(currentThdPct(3, 2, 5)).toBeCloseTo(Math.sqrt(152), 9); // shares normalised
  });
});

describe('voltage THD at the bus', () => {
  it('1000 kVA 5 % transformer at full load (Isc/IL = 20) with 15 % THD-I: √(1 + (15·0.05·5.5)²) = 4.24 %', () => {
    expect(voltageThdPct(15, 1391, 1391 * 20)).toBeCloseTo(Math.sqrt(1 + 4.125 ** 2), 9);
  });
  it('only the grid background with no load; grows with load and a weaker source', () => {
    expect(voltageThdPct(30, 0, 20000)).toBe(1);
    expect(voltageThdPct(12, 800, 20000)).toBeLessThan(voltageThdPct(12, 1200, 20000));
    expect(voltageThdPct(12, 800, 30000)).toBeLessThan(voltageThdPct(12, 800, 20000));
    const typical = voltageThdPct(12, 900, 25000);
    expect(typical).toBeGreaterThan(1.5);
    expect(typical).toBeLessThan(4);
  });
  it('IEEE 519-2014 Table 1 at ≤ 1 kV: 8 % THD, 5 % individual; a bus loaded heavily with bare VFDs breaks it', () => {
    expect([IEEE519_VTHD_LIMIT_LV, IEEE519_VINDIVIDUAL_LIMIT_LV]).toEqual([8, 5]);
    expect(voltageThdPct(currentThdPct(0.8, 0, 0.2), 1391, 1391 * 18)).toBeGreaterThan(IEEE519_VTHD_LIMIT_LV);
  });
});

describe('IEEE 519-2014 Table 2 TDD limits', () => {
  it('follows the rows', () => {
    expect(tddLimitPct(10)).toBe(5);
    expect(tddLimitPct(20)).toBe(8);
    expect(tddLimitPct(35)).toBe(8);
    expect(tddLimitPct(50)).toBe(12);
    expect(tddLimitPct(99)).toBe(12);
    expect(tddLimitPct(100)).toBe(15);
    expect(tddLimitPct(999)).toBe(15);
    expect(tddLimitPct(5000)).toBe(20);
  });
});

describe('APFC relay', () => {
  const out = { kvarSwitched: 0, stepsOn: 0, stepsMask: 0 };
  const steps = [25, 25, 50, 50, 50, 100] as const;

  it('500 kW at PF 0.8 (375 kVAr) to 0.98: wants 375 − 101.5 = 273.5 kVAr → 275 kVAr in', () => {
    apfcCompensation(500, 375, steps, 0.98, 0, out);
    expect(out.kvarSwitched).toBe(275);
    expect(out.stepsOn).toBe(5); // 100 + 50 + 50 + 50 + 25: no four steps make 275
  });

  it('never leads and prefers fewer steps on a tie', () => {
    for (let kw = 10; kw < 800; kw += 7) {
      for (const pf0 of [0.7, 0.8, 0.9, 0.95]) {
        const kvar = kw * Math.tan(Math.acos(pf0));
        apfcCompensation(kw, kvar, steps, 0.99, 0, out);
        expect(out.kvarSwitched).toBeLessThanOrEqual(kvar);
      }
    }
    apfcCompensation(400, 200, [50, 25, 25], 1, 0, out);
    expect(out.kvarSwitched).toBe(100);
    apfcCompensation(400, 60, [50, 25, 25], 1, 0, out);
    expect(out).toMatchObject({ kvarSwitched: 50, stepsOn: 1 }); // 50 beats 25+25 (same kVAr, fewer steps)
  });

  it("stops below the relay's upper limit, even when a step closer to the target would pass it", () => {
    for (let kw = 10; kw < 800; kw += 7) {
      for (const pf0 of [0.7, 0.8, 0.9, 0.95, 0.985]) {
        const kvar = kw * Math.tan(Math.acos(pf0));
        for (const gray of [0, 0b1, 0b1001]) {
          apfcCompensation(kw, kvar, steps, 0.98, gray, out, 0.99);
          expect(kw / Math.hypot(kw, kvar - out.kvarSwitched)).toBeLessThanOrEqual(0.99 + 1e-9);
        }
      }
    }
    // 100 kW, 35 kVAr (PF 0.944): 0.98 wants 14.7 kVAr; 25 in is closest but gives 0.995, past 0.99, so none
    apfcCompensation(100, 35, steps, 0.98, 0, out, 0.99);
    expect(out.kvarSwitched).toBe(0);
    apfcCompensation(100, 35, steps, 0.98, 0, out);
    expect(out.kvarSwitched).toBe(25);
  });

  it('failed steps stay out, so PF sags', () => {
    apfcCompensation(500, 375, steps, 0.98, 0b100000, out); // the 100 kVAr step failed
    // the remaining 25 + 25 + 50 + 50 + 50 = 200 kVAr all go in, short of the 273.5 wanted
    expect(out).toMatchObject({ kvarSwitched: 200, stepsOn: 5 });
    const kvarLeft = 375 - out.kvarSwitched;
    expect(500 / Math.hypot(500, kvarLeft)).toBeLessThan(0.98);
  });

  it('switches nothing at no load or when already at target', () => {
    apfcCompensation(0, 50, steps, 0.98, 0, out);
    expect(out.kvarSwitched).toBe(0);
    apfcCompensation(500, 50, steps, 0.98, 0, out);
    expect(out).toEqual({ kvarSwitched: 0, stepsOn: 0, stepsMask: 0 }); // 50 < 101.5 kVAr allowed at PF 0.98
  });

  it('greedy path for a long step list matches the exhaustive result on equal steps', () => {
    // 273.5 kVAr wanted from 40-kVAr steps: 7 steps (280, 6.5 over) beat 6 (240, 33.5 short)
    apfcCompensation(500, 375, new Array<number>(12).fill(40), 0.98, 0, out);
    expect(out).toMatchObject({ kvarSwitched: 280, stepsOn: 7 });
    apfcCompensation(500, 375, new Array<number>(8).fill(40), 0.98, 0, out);
    expect(out).toMatchObject({ kvarSwitched: 280, stepsOn: 7 });
    apfcCompensation(500, 375, new Array<number>(12).fill(40), 0.98, 0b111111111, out); // 9 of 12 failed
    expect(out).toMatchObject({ kvarSwitched: 120, stepsOn: 3 });
  });
});

describe('APFC relay against brute force', () => {
  it('matches a straightforward subset search on random banks', () => {
    const out = { kvarSwitched: 0, stepsOn: 0, stepsMask: 0 };
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const sizes = [5, 10, 12.5, 15, 20, 25, 50, 75, 100];
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rnd() * 8);
      const steps = Array.from({ length: n }, () => sizes[Math.floor(rnd() * sizes.length)]!);
      const failed = Math.floor(rnd() * (1 << n)) & Math.floor(rnd() * (1 << n));
      const kw = 50 + rnd() * 800;
      const kvar = kw * Math.tan(Math.acos(0.65 + rnd() * 0.33));
      const wanted = kvar - kw * Math.tan(Math.acos(0.97));
      let best = 0;
      let bestErr = Math.max(0, wanted);
      let bestCount = 0;
      if (wanted > 0) {
        for (let m = 1; m < 1 << n; m++) {
          if (m & failed) continue;
          let s = 0;
          let c = 0;
          for (let i = 0; i < n; i++) if (m & (1 << i)) (s += steps[i]!), c++;
          if (s > kvar) continue;
          const e = Math.abs(wanted - s);
          if (e < bestErr - 1e-9 || (Math.abs(e - bestErr) <= 1e-9 && c < bestCount)) [best, bestErr, bestCount] = [s, e, c];
        }
      }
      apfcCompensation(kw, kvar, steps, 0.97, failed, out);
      expect(out.kvarSwitched).toBeCloseTo(best, 6);
      expect(out.stepsOn).toBe(bestCount);
    }
  });
});
