import { describe, expect, it } from 'vitest';
import {
  apfcRelay,
  RELAY_HIGH_PF,
  RELAY_LOW_PF,
  RELAY_MASK_BITS,
  RELAY_TARGET_PF,
  rotateEqualSteps,
  stepCount,
  stepsKvar,
  HARMONIC_GROUP,
  harmonicKvaRss,
  rectifierThdPct,
  UPS_HARMONICS,
  VFD_HARMONICS,
  IEEE519_VINDIVIDUAL_LIMIT_LV,
  IEEE519_VTHD_LIMIT_LV,
  tddLimitPct,
  voltageThdPct,
} from './elec-power-quality.js';

describe('current THD of a rectifier front end against its load', () => {
  it('a 6-pulse drive with a choke: 38 % at full load, 52.25 % at half, 80.75 % at a quarter, 95 % at a fifth', () => {
    // harmonic amps 38·(0.375 + 0.625·x) % of rated over a fundamental of x
    expect(rectifierThdPct(VFD_HARMONICS, 1)).toBeCloseTo(38, 9);
    expect(rectifierThdPct(VFD_HARMONICS, 0.5)).toBeCloseTo(52.25, 9);
    expect(rectifierThdPct(VFD_HARMONICS, 0.25)).toBeCloseTo(80.75, 9);
    expect(rectifierThdPct(VFD_HARMONICS, 0.2)).toBeCloseTo(95, 9);
  });
  it('the harmonic amps fall with load, more slowly than the fundamental; idling holds the THD at its 10 % load value', () => {
    const amps = (x: number) => rectifierThdPct(VFD_HARMONICS, x) * x;
    expect(amps(0.3)).toBeLessThan(amps(0.8));
    expect(amps(0.3) / amps(0.8)).toBeGreaterThan(0.3 / 0.8);
    expect(rectifierThdPct(VFD_HARMONICS, 0.02)).toBe(rectifierThdPct(VFD_HARMONICS, 0.1));
  });
  it('an IGBT-rectifier UPS stays below 5 % at rated load and near 10 % at a quarter', () => {
    expect(rectifierThdPct(UPS_HARMONICS, 1)).toBeCloseTo(4, 9);
    expect(rectifierThdPct(UPS_HARMONICS, 0.25)).toBeCloseTo((4 * (0.6 + 0.1)) / 0.25, 9);
  });
});

describe('harmonic current of a bus from its groups', () => {
  const kva = new Float64Array(4);
  kva[HARMONIC_GROUP.drive] = 30;
  kva[HARMONIC_GROUP.ups] = 4;
  kva[HARMONIC_GROUP.linear] = 12;
  kva[HARMONIC_GROUP.singlePhase] = 10;
  it('groups add root-sum-square: √(30² + 4² + 12² + 10²) = √1160', () => {
    expect(harmonicKvaRss(kva, 0, false)).toBeCloseTo(Math.sqrt(1160), 9);
  });
  it("through a delta winding the single-phase group's triplens (60 % of its square) are gone: √(900 + 16 + 144 + 40)", () => {
    expect(harmonicKvaRss(kva, 0, true)).toBeCloseTo(Math.sqrt(1100), 9);
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
    // bare 6-pulse drives (≈ 80 % THD_I) on 80 % of a weak bus's current
    expect(voltageThdPct(0.8 * 80, 1391, 1391 * 18)).toBeGreaterThan(IEEE519_VTHD_LIMIT_LV);
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
  const steps = [25, 25, 50, 50, 50, 100] as const;
  const pf = (kw: number, kvar: number, mask: number, bank: readonly number[] = steps) => kw / Math.hypot(kw, kvar - stepsKvar(mask, bank));
  /** kVAr a load of `kw` draws at power factor `p` */
  const at = (kw: number, p: number) => kw * Math.tan(Math.acos(p));

  it('holds its steps while the bus PF stays in 0.96–0.99, whatever the load does inside the band', () => {
    const held = 0b100100; // 100 + 50 = 150 kVAr in
    for (let kw = 300; kw <= 700; kw += 5) {
      const kvar = 150 + at(kw, 0.975);
      expect(pf(kw, kvar, held)).toBeGreaterThan(RELAY_LOW_PF);
      expect(apfcRelay(held, kw, kvar, steps, 0)).toBe(held);
    }
  });

  it('500 kW from PF 0.8 (375 kVAr): from no steps in, lands in 0.97–0.99 with the fewest contactors', () => {
    const mask = apfcRelay(0, 500, 375, steps, 0);
    // 375 − 500·tan(acos 0.97) = 249.7 … 375 − 500·tan(acos 0.99) = 303.8: 250 or 275 or 300 kVAr; 100 + 50 + 50 + 50 = 250 is 4 steps,
    // 100 + 50 + 50 + 25 + 25 = 250 is 5: the fewest toggles from none is 4 steps
    expect(stepCount(mask)).toBe(4);
    expect(pf(500, 375, mask)).toBeGreaterThanOrEqual(0.97);
    expect(pf(500, 375, mask)).toBeLessThanOrEqual(0.99);
  });

  it('a machine starting moves one step, not the whole bank', () => {
    const before = apfcRelay(0, 500, 375, steps, 0);
    // a 50 kW motor at PF 0.8 starts: +37.5 kVAr takes the bus to 0.959; one 25 kVAr step brings it to 0.970
    const kw = 550;
    const kvar = 375 + at(50, 0.8);
    expect(pf(kw, kvar, before)).toBeLessThan(RELAY_LOW_PF);
    const after = apfcRelay(before, kw, kvar, steps, 0);
    expect(stepCount(after ^ before)).toBe(1);
    expect(pf(kw, kvar, after)).toBeGreaterThanOrEqual(0.97);
  });

  it('takes steps out when the bus goes past 0.99 or leading, never leaving it over-compensated', () => {
    const all = 0b111111; // 300 kVAr
    for (let kw = 50; kw < 800; kw += 7) {
      for (const p0 of [0.7, 0.8, 0.9, 0.95, 0.985]) {
        const kvar = at(kw, p0);
        const mask = apfcRelay(all, kw, kvar, steps, 0);
        expect(stepsKvar(mask, steps)).toBeLessThanOrEqual(kvar + 1e-9);
        expect(pf(kw, kvar, mask)).toBeLessThanOrEqual(RELAY_HIGH_PF + 1e-9);
      }
    }
  });

  it('keeps blocked steps out (discharging after a disconnection, or the panel tripped)', () => {
    const mask = apfcRelay(0, 500, 375, steps, 0b000100); // a 50 kVAr step is still discharging
    expect(mask & 0b000100).toBe(0);
    expect(pf(500, 375, mask)).toBeGreaterThanOrEqual(0.97);
    expect(apfcRelay(0b111111, 500, 375, steps, 0b111111)).toBe(0);
  });

  it('short of capacitance, puts in what brings the PF closest to the target', () => {
    const mask = apfcRelay(0, 1000, 750, steps, 0); // 300 kVAr cannot reach the band: all in
    expect(mask).toBe(0b111111);
    // below the C/k threshold (0.65 × 2.5 kVAr) a move is not worth a switching
    const bank = [2.5, 5];
    expect(apfcRelay(0b11, 100, 7.5 + at(100, 0.955), bank, 0b100)).toBe(0b11);
  });

  it('switches nothing at no load or with no lagging kVAr', () => {
    expect(apfcRelay(0b111, 0, 50, steps, 0)).toBe(0);
    expect(apfcRelay(0b111, 500, 0, steps, 0)).toBe(0);
    expect(apfcRelay(0, 500, 50, steps, 0)).toBe(0); // PF 0.995 uncorrected: nothing to do
  });

  it('matches a straightforward search over random banks: in band when reachable, fewest toggles, then nearest the target', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const sizes = [5, 10, 12.5, 15, 20, 25, 50, 75, 100];
    const tanOf = (p: number) => Math.tan(Math.acos(p));
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rnd() * 8);
      const bank = Array.from({ length: n }, () => sizes[Math.floor(rnd() * sizes.length)]!);
      const prev = Math.floor(rnd() * (1 << n));
      const kw = 50 + rnd() * 800;
      const kvar = kw * tanOf(0.65 + rnd() * 0.33);
      const got = apfcRelay(prev, kw, kvar, bank, 0);
      const left = (m: number) => kvar - stepsKvar(m, bank);
      const inside = (m: number, lo: number) => left(m) >= kw * tanOf(RELAY_HIGH_PF) - 1e-9 && left(m) <= kw * tanOf(lo) + 1e-9;
      if (inside(prev, RELAY_LOW_PF)) {
        expect(got).toBe(prev);
        continue;
      }
      const all = Array.from({ length: 1 << n }, (_, m) => m);
      const aim = all.filter((m) => inside(m, 0.97));
      const band = aim.length ? aim : all.filter((m) => inside(m, RELAY_LOW_PF));
      if (band.length === 0) continue;
      const fewest = Math.min(...band.map((m) => stepCount(m ^ prev)));
      expect(band).toContain(got);
      expect(stepCount(got ^ prev)).toBe(fewest);
      const err = (m: number) => Math.abs(left(m) - kw * tanOf(RELAY_TARGET_PF));
      expect(err(got)).toBeCloseTo(Math.min(...band.filter((m) => stepCount(m ^ prev) === fewest).map(err)), 6);
    }
  });
});

describe('equal steps rotated first in, first out', () => {
  // a 10 kVAr step and three equal 50s (bits 1–3)
  const bank = [10, 50, 50, 50];
  const inGroup = (state: number) => (state & RELAY_MASK_BITS & 0b1110) >> 1;

  it('takes in the one out longest and out the one in longest (hand-worked sequence)', () => {
    // the relay asks for a count of 50s (any of them, here always the lowest bits) and keeps the 10 in
    const ask = (fifties: number) => 1 | (((1 << fifties) - 1) << 1);
    let state = 0;
    const seq: number[] = [];
    for (const fifties of [1, 2, 1, 2, 1, 2, 1, 0, 1]) {
      state = rotateEqualSteps(state, ask(fifties), bank);
      expect(state & 1).toBe(1);
      seq.push(inGroup(state));
    }
    // A in; B in; A out (in longest); C in (never in: out longest); B out; A in (out since the 3rd move, B only since
    // the 5th); C out; A out; B in (out since the 5th, C since the 7th, A since the 8th)
    expect(seq).toEqual([0b001, 0b011, 0b010, 0b110, 0b100, 0b101, 0b001, 0b000, 0b010]);
  });

  it("matches a relay that keeps each step's last switching time, over random moves of one step", () => {
    const steps = [5, 50, 50, 100, 100, 100];
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // never switched: the lower index counts as out longer
    const last = steps.map((_, i) => -100 + i);
    let mask = 0;
    let state = 0;
    const ops = steps.map(() => 0);
    for (let move = 0; move < 2000; move++) {
      // one step of a random size in or out, as the relay's fewest-toggles rule mostly moves
      const size = [5, 50, 100][Math.floor(rnd() * 3)]!;
      const group = steps.flatMap((s, i) => (s === size ? [i] : []));
      const ins = group.filter((i) => mask & (1 << i));
      const outs = group.filter((i) => !(mask & (1 << i)));
      const goIn = outs.length > 0 && (ins.length === 0 || rnd() < 0.5);
      const pool = goIn ? outs : ins;
      const pick = pool.reduce((a, b) => (last[b]! < last[a]! ? b : a));
      mask ^= 1 << pick;
      last[pick] = move;
      ops[pick]!++;
      // the relay's own decision names any member of the group: the lowest ones
      const count = stepCount(mask & group.reduce((m, i) => m | (1 << i), 0));
      const asked = (mask & ~group.reduce((m, i) => m | (1 << i), 0)) | group.slice(0, count).reduce((m, i) => m | (1 << i), 0);
      state = rotateEqualSteps(state, asked, steps);
      expect(state & RELAY_MASK_BITS, `move ${move}`).toBe(mask);
    }
    // even wear: switchings in go round the group, and so do those out: equal steps' operations within two
    expect(Math.min(...ops)).toBeGreaterThan(100);
    expect(Math.abs(ops[1]! - ops[2]!)).toBeLessThanOrEqual(2);
    expect(Math.max(ops[3]!, ops[4]!, ops[5]!) - Math.min(ops[3]!, ops[4]!, ops[5]!)).toBeLessThanOrEqual(2);
  });
});
