import { describe, expect, it } from 'vitest';
import { campusWith, seriesOf } from '../../../test/helpers/campus-fault-runs.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const run = campusWith(null);
/** two days around the June grid outage campus-coherence reads (2025-06-04 ≈ 02:50 UTC) */
const FROM = Date.parse('2025-06-03T00:00:00Z');
const TO = Date.parse('2025-06-05T00:00:00Z');

const steps = (v: readonly number[]) => v.slice(1).map((x, i) => Math.abs(x - v[i]!));
const percentile = (v: readonly number[], p: number) => [...v].sort((a, b) => a - b)[Math.floor(p * (v.length - 1))]!;

describe('campus thermal lags', () => {
  const trf = seriesOf(run, 'trf_001', ['load_percent', 'oil_temp_c', 'winding_temp_c'], FROM, TO, MINUTE);

  it('transformer top oil moves slowly (hours), the hot spot within minutes', () => {
    const oil = steps(trf.values.oil_temp_c!);
    const hot = steps(trf.values.winding_temp_c!);
    // 99th percentile of the minute steps (a rare sensor spike aside): the oil's τo 180 min keeps it under 0.3 K
    expect(percentile(oil, 0.99)).toBeLessThan(0.3);
    expect(percentile(hot, 0.99)).toBeGreaterThan(percentile(oil, 0.99));
  }, 120_000);

  it('a supply interruption cools the oil only a little, the hot-spot gradient with its 8 min', () => {
    // a 66-minute interruption at 10:00 IST on a working day
    const at = Date.parse('2025-07-27T04:00:00Z');
    const out = seriesOf(run, 'trf_001', ['load_percent', 'oil_temp_c', 'winding_temp_c'], at, at + 3 * HOUR, MINUTE);
    const load = out.values.load_percent!;
    const oil = out.values.oil_temp_c!;
    const hot = out.values.winding_temp_c!;
    // the longest interruption in the window
    let [k0, k1] = [0, 0];
    for (let i = 1; i < load.length; i++) {
      if (!(load[i] === 0 && load[i - 1]! > 5)) continue;
      let j = i;
      while (load[j] === 0) j++;
      if (j - i > k1 - k0) [k0, k1] = [i, j];
    }
    const minutes = k1 - k0;
    expect(minutes).toBeGreaterThan(60);
    const before = k0 - 1;
    // de-energised, the oil falls toward an ambient of at least 20 °C with τo = 180 min: no faster
    const maxDrop = (oil[before]! - 20) * (1 - Math.exp(-minutes / 180)) + 0.5;
    expect(oil[before]! - oil[k1 - 1]!).toBeLessThan(maxDrop);
    expect(oil[before]! - oil[k1 - 1]!).toBeGreaterThan(0);
    // the hot-spot gradient decays with k22·τw = 8 min: after 12 minutes under 30 % of what it was (e^−1.5 = 22 %)
    const g0 = hot[before]! - oil[before]!;
    expect(hot[k0 + 11]! - oil[k0 + 11]!).toBeLessThan(0.3 * g0 + 0.4);
  }, 120_000);

  it('a motor stopped cools gradually from where it ran, and warms back after a start', () => {
    const m = seriesOf(run, 'motor_003', ['run_status', 'winding_temp_c'], FROM, TO, MINUTE);
    const on = m.values.run_status!;
    const w = m.values.winding_temp_c!;
    let stops = 0;
    for (let k = 1; k + 30 < on.length; k++) {
      if (!(on[k - 1] === 1 && on[k] === 0)) continue;
      stops++;
      // no drop to the room at the stop
      expect(w[k - 1]! - w[k]!).toBeLessThan(4);
      // half an hour on, standstill cooling (τ ≥ 45 min) has taken less than 1 − e^(−30/45) of the rise over 20 °C
      expect(w[k + 29]!).toBeGreaterThan(w[k - 1]! - (w[k - 1]! - 20) * (1 - Math.exp(-30 / 45)) - 1);
      expect(w[k + 29]!).toBeLessThan(w[k - 1]!);
    }
    expect(stops).toBeGreaterThan(0);
    const starts = on.flatMap((v, k) => (k > 0 && v === 1 && on[k - 1] === 0 ? [k] : []));
    // after a stop of an hour or more, twenty minutes' running warms it well above where it had cooled to
    for (const k of starts) {
      if (k < 60 || k + 20 >= on.length || on[k + 20] !== 1 || on.slice(k - 60, k).some((v) => v === 1)) continue;
      expect(w[k + 20]!).toBeGreaterThan(w[k - 1]! + 5);
    }
  }, 120_000);

  it('a winding warms from the start instant and cools from the stop instant: no step in the 1-minute trend', () => {
    // motors, lag air compressors and the cycling pumps (transfer, dosing) start and stop between the replay's
    // 15-minute grid points
    const cycling = run.topology.equips.filter((e) => {
      const duty = (e.config as { pumpDuty?: string }).pumpDuty;
      return duty === 'transfer' || duty === 'dosing';
    });
    const ids = ['motor_003', 'motor_004', 'motor_014', 'compressor_004', 'compressor_005', ...cycling.slice(0, 2).map((e) => e.id)];
    let switches = 0;
    for (const id of ids) {
      const m = seriesOf(run, id, ['run_status', 'winding_temp_c'], FROM, FROM + 24 * HOUR, MINUTE);
      const on = m.values.run_status!;
      const w = m.values.winding_temp_c!;
      for (let k = 2; k + 2 < on.length; k++) {
        if (on[k] === on[k - 1] || on[k - 2] !== on[k - 1] || on[k + 1] !== on[k] || on[k + 2] !== on[k]) continue;
        switches++;
        // the minute with the start or stop holds at most a minute of the lag, in the old state or the new: no
        // larger than the minute before or the minute after (the readings' 0.1 K steps and noise aside); a start
        // taken at the grid points' midpoint put up to 7.5 minutes of warming into it
        const step = (j: number) => Math.abs(w[j]! - w[j - 1]!);
        expect(step(k)).toBeLessThan(Math.max(step(k - 1), step(k + 1)) + 0.6);
      }
    }
    expect(switches).toBeGreaterThan(10);
  }, 300_000);
});
