import { describe, expect, it } from 'vitest';
import { newTransformerState, transformerLossesW, transformerState } from './elec-transformer.js';

describe('distribution transformer losses', () => {
  it('gives the table value at a standard rating and stays within the ECBC 100 % maxima', () => {
    expect(transformerLossesW(1000)).toEqual({ noLoadW: 1100, loadLossW: 8600 });
    const t630 = transformerLossesW(630);
    expect(t630.noLoadW + t630.loadLossW).toBeLessThanOrEqual(6640);
    const t1000 = transformerLossesW(1000);
    expect(t1000.noLoadW + t1000.loadLossW).toBeLessThanOrEqual(9800);
  });

  it('interpolates between ratings and grows monotonically', () => {
    const mid = transformerLossesW(1125);
    expect(mid.noLoadW).toBeCloseTo(1200, 9);
    expect(mid.loadLossW).toBeCloseTo(9450, 9);
    let prev = 0;
    for (let kva = 100; kva <= 3150; kva += 25) {
      const l = transformerLossesW(kva);
      expect(l.noLoadW + l.loadLossW).toBeGreaterThan(prev);
      prev = l.noLoadW + l.loadLossW;
    }
  });
});

describe('transformer state', () => {
  const st = newTransformerState();
  const { noLoadW, loadLossW } = transformerLossesW(1000);

  it('input = output + losses; at rated kVA losses = P0 + Pk', () => {
    transformerState(800, 600, 1000, noLoadW, loadLossW, 30, 433, 5, st);
    expect(st.loadingPct).toBeCloseTo(100, 9);
    expect(st.lossKw).toBeCloseTo(9.7, 12);
    expect(st.inputKw).toBe(800 + st.lossKw);
    expect(st.efficiencyPct).toBeCloseTo((100 * 800) / 809.7, 9);
  });

  it('is most efficient where load loss equals no-load loss (K = √(P0/Pk) = 35.8 %)', () => {
    const kStar = Math.sqrt(noLoadW / loadLossW);
    let best = 0;
    let bestK = 0;
    for (let k = 0.05; k <= 1.2; k += 0.001) {
      transformerState(k * 1000, 0, 1000, noLoadW, loadLossW, 30, 433, 5, st);
      if (st.efficiencyPct > best) {
        best = st.efficiencyPct;
        bestK = k;
      }
    }
    expect(bestK).toBeCloseTo(kStar, 2);
  });

  it('at no load draws only the core loss', () => {
    transformerState(0, 0, 1000, noLoadW, loadLossW, 30, 433, 5, st);
    expect(st.inputKw).toBeCloseTo(1.1, 12);
    expect(st.efficiencyPct).toBe(0);
    expect(st.secondaryV).toBe(433);
  });

  it('temperatures: 98 °C hot spot at rated load and 20 °C ambient (IEC 60076-7); rise with load; hot-spot above top oil', () => {
    transformerState(1000, 0, 1000, noLoadW, loadLossW, 20, 433, 5, st);
    expect(st.oilTempC).toBeCloseTo(75, 9);
    expect(st.windingTempC).toBeCloseTo(98, 9);
    let prevOil = 0;
    let prevHs = 0;
    for (const k of [0, 0.25, 0.5, 0.75, 1, 1.2]) {
      transformerState(k * 1000, 0, 1000, noLoadW, loadLossW, 35, 433, 5, st);
      expect(st.oilTempC).toBeGreaterThan(prevOil);
      expect(st.windingTempC).toBeGreaterThan(prevHs);
      expect(st.windingTempC).toBeGreaterThanOrEqual(st.oilTempC);
      prevOil = st.oilTempC;
      prevHs = st.windingTempC;
    }
  });

  it('regulation: 5 % impedance, rated load at PF 0.8 lagging drops ≈ 4 % (e_r 0.86 %, e_x 4.93 %)', () => {
    transformerState(800, 600, 1000, noLoadW, loadLossW, 30, 433, 5, st);
    // 0.86·0.8 + 4.925·0.6 = 3.643; + (4.925·0.8 − 0.86·0.6)²/200 = 0.058 → 3.70 %
    expect(st.secondaryV).toBeCloseTo(433 * (1 - 0.037), 0);
    const lagging = st.secondaryV;
    transformerState(1000, 0, 1000, noLoadW, loadLossW, 30, 433, 5, st);
    expect(st.secondaryV).toBeGreaterThan(lagging);
    transformerState(800, -600, 1000, noLoadW, loadLossW, 30, 433, 5, st);
    expect(st.secondaryV).toBeGreaterThan(433); // leading load (over-compensated APFC) raises the voltage
  });
});
