import { describe, expect, it } from 'vitest';
import { HARMONIC_GROUP, HARMONIC_SPECTRA, SINGLE_PHASE_TRIPLEN_SHARE } from './elec-power-quality.js';
import { loadLoss, newLoadLoss, newTransformerState, transformerLossesW, transformerState } from './elec-transformer.js';

const SINUSOIDAL = new Float64Array(4);

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
    transformerState(800, 600, SINUSOIDAL, 1000, noLoadW, loadLossW, 30, 433, 5, st);
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
      transformerState(k * 1000, 0, SINUSOIDAL, 1000, noLoadW, loadLossW, 30, 433, 5, st);
      if (st.efficiencyPct > best) {
        best = st.efficiencyPct;
        bestK = k;
      }
    }
    expect(bestK).toBeCloseTo(kStar, 2);
  });

  it('at no load draws only the core loss', () => {
    transformerState(0, 0, SINUSOIDAL, 1000, noLoadW, loadLossW, 30, 433, 5, st);
    expect(st.inputKw).toBeCloseTo(1.1, 12);
    expect(st.efficiencyPct).toBe(0);
    expect(st.secondaryV).toBe(433);
  });

  it('temperatures: 98 °C hot spot at rated load and 20 °C ambient (IEC 60076-7); rise with load; hot-spot above top oil', () => {
    transformerState(1000, 0, SINUSOIDAL, 1000, noLoadW, loadLossW, 20, 433, 5, st);
    expect(st.oilTempC).toBeCloseTo(75, 9);
    expect(st.windingTempC).toBeCloseTo(98, 9);
    let prevOil = 0;
    let prevHs = 0;
    for (const k of [0, 0.25, 0.5, 0.75, 1, 1.2]) {
      transformerState(k * 1000, 0, SINUSOIDAL, 1000, noLoadW, loadLossW, 35, 433, 5, st);
      expect(st.oilTempC).toBeGreaterThan(prevOil);
      expect(st.windingTempC).toBeGreaterThan(prevHs);
      expect(st.windingTempC).toBeGreaterThanOrEqual(st.oilTempC);
      prevOil = st.oilTempC;
      prevHs = st.windingTempC;
    }
  });

  it('regulation: 5 % impedance, rated load at PF 0.8 lagging drops ≈ 4 % (e_r 0.86 %, e_x 4.93 %)', () => {
    transformerState(800, 600, SINUSOIDAL, 1000, noLoadW, loadLossW, 30, 433, 5, st);
    // 0.86·0.8 + 4.925·0.6 = 3.643; + (4.925·0.8 − 0.86·0.6)²/200 = 0.058 → 3.70 %
    expect(st.secondaryV).toBeCloseTo(433 * (1 - 0.037), 0);
    const lagging = st.secondaryV;
    transformerState(1000, 0, SINUSOIDAL, 1000, noLoadW, loadLossW, 30, 433, 5, st);
    expect(st.secondaryV).toBeGreaterThan(lagging);
    transformerState(800, -600, SINUSOIDAL, 1000, noLoadW, loadLossW, 30, 433, 5, st);
    expect(st.secondaryV).toBeGreaterThan(433); // leading load (over-compensated APFC) raises the voltage
  });
});

// IEEE C57.110-2018 by hand: a 6-pulse drive's published spectrum (5th 33 %, 7th 12 %, 11th 7 %, 13th 5 %, 17th 3 %,
// 19th 2.5 % of the fundamental) scaled to the 38 % THD the campus's drives draw at rated load
describe('transformer load loss with harmonic current (IEEE C57.110)', () => {
  const published = [
    [5, 0.33],
    [7, 0.12],
    [11, 0.07],
    [13, 0.05],
    [17, 0.03],
    [19, 0.025],
  ] as const;
  const thd = Math.sqrt(published.reduce((s, [, i]) => s + i * i, 0));
  const scaled = published.map(([h, i]) => [h, (i * 0.38) / thd] as const);
  const sumSq = 1 + 0.38 ** 2;
  const fhl = (1 + scaled.reduce((s, [h, i]) => s + i * i * h * h, 0)) / sumSq;
  const fhlStr = (1 + scaled.reduce((s, [h, i]) => s + i * i * h ** 0.8, 0)) / sumSq;
  // Pk split: I²R 80 %, winding eddy 33 % of the 20 % stray (6.6 %), other stray 13.4 %
  const [pr, pec, posl] = [0.8, 0.066, 0.134];
  const drive = (kva: number) => {
    const h = new Float64Array(4);
    h[HARMONIC_GROUP.drive] = kva;
    return h;
  };
  const out = newLoadLoss();

  it('F_HL of a 6-pulse drive spectrum is 4–10 (5.58 at 38 % THD), and the transformer reads it', () => {
    expect(fhl).toBeGreaterThan(4);
    expect(fhl).toBeLessThan(10);
    expect(fhl).toBeCloseTo(5.58, 2);
    loadLoss(1, drive(380), 1000, out);
    expect(out.harmonicLossFactor).toBeCloseTo(fhl, 9);
    loadLoss(0.6, new Float64Array(4), 1000, out);
    expect(out.harmonicLossFactor).toBe(1);
    expect(out.totalPu).toBeCloseTo(0.36, 12);
  });

  it('P_LL = I²·(P_R + F_HL·P_EC + F_HL-STR·P_OSL): +55 % at rated fundamental all on drives', () => {
    loadLoss(1, drive(380), 1000, out);
    expect(out.totalPu).toBeCloseTo(sumSq * (pr + fhl * pec + fhlStr * posl), 9);
    expect(out.totalPu).toBeGreaterThan(1.5);
    expect(out.totalPu).toBeLessThan(1.6);
    // a 15 % THD drive share of a mixed bus: several per cent
    loadLoss(0.8, drive(0.15 * 800), 1000, out);
    const rise = out.totalPu / 0.64 - 1;
    expect(rise).toBeGreaterThan(0.05);
    expect(rise).toBeLessThan(0.15);
  });

  it("the windings reach their rated heating at C57.110's maximum current √(P_LL-R / (1 + F_HL·P_EC-R)) (0.861 pu)", () => {
    const ecR = pec / pr;
    const iMax = Math.sqrt((1 + ecR) / (1 + fhl * ecR));
    expect(iMax).toBeCloseTo(0.861, 3);
    const i1 = iMax / Math.sqrt(sumSq);
    loadLoss(i1, drive(0.38 * i1 * 1000), 1000, out);
    expect(out.windingPu).toBeCloseTo(1, 9);
  });

  it('harmonics heat the oil and the hot spot beyond the same fundamental load; input = output + losses still', () => {
    const st = newTransformerState();
    const { noLoadW, loadLossW } = transformerLossesW(1000);
    transformerState(800, 0, SINUSOIDAL, 1000, noLoadW, loadLossW, 30, 433, 5, st);
    const [oil, hot, loss] = [st.oilTempC, st.windingTempC - st.oilTempC, st.lossKw];
    transformerState(800, 0, drive(0.38 * 800), 1000, noLoadW, loadLossW, 30, 433, 5, st);
    expect(st.lossKw).toBeGreaterThan(loss);
    expect(st.inputKw).toBe(800 + st.lossKw);
    expect(st.oilTempC).toBeGreaterThan(oil);
    expect(st.windingTempC - st.oilTempC).toBeGreaterThan(hot);
    // the gradient at the windings' per-unit loss: 23 K at 1 (IEC 60076-7, y = 1.6 on K)
    expect(st.windingTempC - st.oilTempC).toBeCloseTo(23 * st.load.windingPu ** 0.8, 9);
  });

  it("the single-phase group's spectrum holds its triplen share (what the delta winding circulates)", () => {
    const spectrum = HARMONIC_SPECTRA[HARMONIC_GROUP.singlePhase]!;
    const all = spectrum.reduce((s, [, i]) => s + i * i, 0);
    const triplen = spectrum.filter(([h]) => h % 3 === 0).reduce((s, [, i]) => s + i * i, 0);
    expect(triplen / all).toBeCloseTo(SINGLE_PHASE_TRIPLEN_SHARE, 9);
  });
});
