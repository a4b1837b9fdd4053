import { describe, expect, it } from 'vitest';
import { fillThreePhase, nemaImbalancePct, newThreePhase } from './elec-three-phase.js';

describe('three-phase meter quantities', () => {
  const out = newThreePhase();

  it('balanced 415 V: 300 kW at PF 0.9 draws 300000 / (√3·415·0.9) = 463.8 A', () => {
    const kvar = 300 * Math.tan(Math.acos(0.9));
    fillThreePhase(300, kvar, 415, 0, 0, 0, 0, 0, 0, 0, out);
    expect(out.pf).toBeCloseTo(0.9, 9);
    expect(out.currentA).toBeCloseTo(463.77, 1);
    expect(out.va).toBeCloseTo(239.6, 1);
    expect(out.vab).toBeCloseTo(415, 9);
    expect(out.kwA).toBeCloseTo(100, 9);
    expect(out.currentImbalancePct).toBe(0);
    expect(out.voltageImbalancePct).toBeCloseTo(0, 12);
  });

  it('keeps the invariants with a phase spread', () => {
    for (const [kw, kvar] of [
      [120, 60],
      [850, 410],
      [5, -2],
      [1500, 0],
    ] as const) {
      fillThreePhase(kw, kvar, 418, 0.006, -0.002, -0.001, 0.05, -0.03, -0.01, 0, out);
      expect(Math.abs(out.kwA + out.kwB + out.kwC - kw)).toBeLessThan(1e-9);
      expect(out.kva ** 2).toBeCloseTo(kw * kw + kvar * kvar, 6);
      expect(out.pf).toBeCloseTo(kw / out.kva, 12);
      const fromVi = (Math.sqrt(3) * out.voltageV * out.currentA * out.pf) / 1000;
      expect(Math.abs(fromVi / kw - 1)).toBeLessThan(0.005);
      expect(out.kwB).toBeCloseTo((out.vb * out.ib * out.pf) / 1000, 9);
      expect(out.kwC).toBeCloseTo((out.vc * out.ic * out.pf) / 1000, 9);
      expect((out.ia + out.ib + out.ic) / 3).toBeCloseTo(out.currentA, 9);
    }
  });

  it('re-centres the deviations: +0.05,−0.03,−0.01 and +0.06,−0.02,0 are the same spread', () => {
    const a = newThreePhase();
    const b = newThreePhase();
    fillThreePhase(200, 100, 415, 0, 0, 0, 0.05, -0.03, -0.01, 0, a);
    fillThreePhase(200, 100, 415, 0, 0, 0, 0.06, -0.02, 0, 0, b);
    expect(a.ia).toBeCloseTo(b.ia, 9);
    // centred: +0.0467, −0.0333, −0.0133 → NEMA imbalance 4.67 %
    expect(a.currentImbalancePct).toBeCloseTo(14 / 3, 9);
  });

  it('computes imbalance the NEMA way: 410, 415, 420 V → 5/415 = 1.205 %', () => {
    expect(nemaImbalancePct(410, 415, 420)).toBeCloseTo(1.2048, 3);
    // NEMA MG 1 worked example: 460, 467, 450 → mean 459, max dev 9 → 1.96 %
    expect(nemaImbalancePct(460, 467, 450)).toBeCloseTo(1.96, 2);
  });

  it('zero load reads PF 1 and zero current, voltages still there', () => {
    fillThreePhase(0, 0, 415, 0.01, 0, -0.01, 0.1, 0, -0.1, 0, out);
    expect(out.pf).toBe(1);
    expect(out.currentA).toBe(0);
    expect(out.ia + out.ib + out.ic).toBe(0);
    expect(out.kwA + out.kwB + out.kwC).toBe(0);
    expect(out.voltageV).toBeGreaterThan(410);
    expect(out.voltageImbalancePct).toBeGreaterThan(0);
  });

  it('leading load gives a positive PF with negative kVAr', () => {
    fillThreePhase(100, -30, 415, 0, 0, 0, 0, 0, 0, 0, out);
    expect(out.pf).toBeCloseTo(100 / Math.hypot(100, 30), 12);
    expect(out.kvar).toBe(-30);
  });

  it('distorted current: 45 kW drive at DPF 0.96 and 60 % THD_I reads true PF 0.96/√1.36 = 0.823 and the RMS amps', () => {
    const kvar = 45 * Math.tan(Math.acos(0.96));
    fillThreePhase(45, kvar, 415, 0, 0, 0, 0, 0, 0, 0.6, out);
    // S1 = 45/0.96 = 46.875 kVA, S = S1·√(1 + 0.36) = 54.665 kVA, I = S/(√3·415) = 76.05 A
    expect(out.kva).toBeCloseTo(54.665, 3);
    expect(out.pf).toBeCloseTo(0.96 / Math.sqrt(1.36), 9);
    expect(out.currentA).toBeCloseTo(76.05, 2);
    // distortion power D = S1·THD = 28.125 kVA closes the triangle
    expect(Math.sqrt(out.kva ** 2 - 45 ** 2 - kvar ** 2)).toBeCloseTo(28.125, 6);
  });
});
