import { describe, expect, it } from 'vitest';
import { extendCheckpoint, initialCheckpoint, RegisterBook, type RegisterSpec } from './registers.js';

const DAY = 86_400_000;
const STEP = 900_000;
const EPOCH = Date.parse('2025-01-01T00:00:00Z');
/** row 0: a rate in kW that swings over the day and drifts over the weeks; row 1: its register (kWh) */
const rate = (t: number) => 50 + 40 * Math.sin((2 * Math.PI * (t - EPOCH)) / DAY) + 7 * Math.cos((t - EPOCH) / (9 * DAY));
const SPECS: RegisterSpec[] = [{ row: 1, sourceRow: 0, perHour: 1, initial: 123_456.7, rises: false }];
const sample = (ts: Float64Array) => {
  const truth = new Float64Array(2 * ts.length);
  ts.forEach((t, k) => (truth[k] = rate(t)));
  return truth;
};
const book = () => new RegisterBook(SPECS, EPOCH, sample);

/** The register at each instant, read from a frame of exactly those instants. */
function read(b: RegisterBook, ...ts: number[]): number[] {
  const truth = new Float64Array(2 * ts.length);
  b.fill(truth, Float64Array.from(ts));
  return [...truth.subarray(ts.length)];
}

describe('registers', () => {
  it('rise between two instants by the trapezoid integral of the 15-min rate samples', () => {
    const t1 = EPOCH + 3 * DAY + 17 * STEP;
    const t2 = EPOCH + 9 * DAY + 62 * STEP;
    let integral = 0;
    for (let t = t1; t < t2; t += STEP) integral += ((rate(t) + rate(t + STEP)) / 2) * 0.25;
    const [r1, r2] = read(book(), t1, t2);
    expect(r2! - r1!).toBeCloseTo(integral, 6);
    // between grid instants the rate is linear: half a step in, the mean of the rate there and at the step's start over 1/8 h
    const [mid] = read(book(), t1 + STEP / 2);
    const halfway = (rate(t1) + rate(t1 + STEP)) / 2;
    expect(mid! - r1!).toBeCloseTo((0.125 * (rate(t1) + halfway)) / 2, 9);
  });

  it('read the same at a day boundary from a frame that ends there and one that starts there', () => {
    const boundary = EPOCH + 12 * DAY;
    const [before, atEnd] = read(book(), boundary - STEP, boundary);
    const [atStart] = read(book(), boundary, boundary + STEP);
    expect(Object.is(atEnd, atStart)).toBe(true);
    expect(atEnd!).toBeGreaterThan(before!);
  });

  it('read identically from day totals computed in slices and from integrating day by day', () => {
    const late = Array.from({ length: 7 }, (_, k) => EPOCH + 40 * DAY + k * 3.3 * 3_600_000);
    const expected = read(book(), ...late);
    const totals = book();
    for (const cuts of [
      [0, 40],
      [0, 13, 40],
      [0, 1, 2, 39, 40],
    ]) {
      const slices = cuts.slice(1).map((to, i) => totals.dayTotals(cuts[i]!, to));
      const seeded = book();
      seeded.seed(extendCheckpoint(initialCheckpoint(SPECS), ...slices));
      read(seeded, ...late).forEach((v, i) => expect(Object.is(v, expected[i])).toBe(true));
    }
  });
});
