import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { loadProfile } from '../profile/load-profile.js';
import { buildModel } from '../model/build-model.js';
import { Engine } from './engine.js';
import { Status, type SampleBatch } from './sample.js';

const DAY = 86_400_000;
const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const { profile } = await loadProfile('office-tower', EQUIPMENT_TYPES);
const built = buildModel(profile, EQUIPMENT_TYPES);
const newEngine = (seed = 1, intervalMs = 900_000) => new Engine(built.model, built.topology, { seed, intervalMs, epochMs: EPOCH });

/** Per-point series over a range, concatenated from chunks in the order given. */
function series(
  engine: Engine,
  start: number,
  end: number,
  order: 'forward' | 'reverse' = 'forward',
): Map<number, { values: number[]; status: number[]; ts: number[] }> {
  const chunks = engine.chunksIn(start, end);
  if (order === 'reverse') chunks.reverse();
  const out = new Map<number, { values: number[]; status: number[]; ts: number[] }>();
  const batches: SampleBatch[] = chunks.map((c) => engine.computeChunk(c, start, end).batch);
  if (order === 'reverse') batches.reverse();
  for (const b of batches) {
    const T = b.timestamps.length;
    for (const p of b.points) {
      const s = out.get(p.index) ?? { values: [], status: [], ts: [] };
      for (let k = 0; k < T; k++) {
        s.values.push(b.values[p.index * T + k]!);
        s.status.push(b.status[p.index * T + k]!);
        s.ts.push(b.timestamps[k]!);
      }
      out.set(p.index, s);
    }
  }
  return out;
}

function checksum(s: ReturnType<typeof series>): string {
  const h = createHash('sha256');
  for (const [i, v] of [...s.entries()].sort((a, b) => a[0] - b[0]))
    h.update(`${i}:${v.ts.join(',')}:${v.values.join(',')}:${v.status.join(',')}\n`);
  return h.digest('hex');
}

const start = Date.parse('2026-07-10T05:00:00Z');
const end = start + 6 * DAY;

describe('engine determinism', () => {
  it('gives identical data for the same seed and different data for another seed', () => {
    const a = checksum(series(newEngine(), start, end));
    expect(checksum(series(newEngine(), start, end))).toBe(a);
    expect(checksum(series(newEngine(2), start, end))).not.toBe(a);
  });

  it('gives identical rows when the range is generated in 3 pieces in reverse order', () => {
    const whole = checksum(series(newEngine(), start, end));
    const cut1 = start + 2 * DAY + 7 * 900_000;
    const cut2 = start + 4 * DAY + 31 * 900_000;
    const pieces = [
      [cut2, end],
      [cut1, cut2],
      [start, cut1],
    ].map(([s, e]) => series(newEngine(), s!, e!));
    const merged = new Map<number, { values: number[]; status: number[]; ts: number[] }>();
    for (const piece of pieces.reverse()) {
      for (const [i, v] of piece) {
        const m = merged.get(i) ?? { values: [], status: [], ts: [] };
        m.values.push(...v.values);
        m.status.push(...v.status);
        m.ts.push(...v.ts);
        merged.set(i, m);
      }
    }
    expect(checksum(merged)).toBe(whole);
  });
});

describe('engine physics and quality', () => {
  const data = series(newEngine(), Date.parse('2026-06-20T04:00:00Z'), Date.parse('2026-07-20T04:00:00Z'));
  const pointsById = new Map(built.model.points.map((p) => [p.id, p]));
  const get = (id: string) => data.get(pointsById.get(id)!.index)!;

  it('keeps every register monotonic and integrates power into energy', () => {
    for (const p of built.model.points.filter((q) => q.totalized)) {
      const v = get(p.id).values;
      for (let k = 1; k < v.length; k++) expect(v[k]!).toBeGreaterThanOrEqual(v[k - 1]!);
    }
    // kWh over the period ≈ Σ kW × 0.25 h (readings carry noise and stale blocks: 2 %)
    const energy = get('meter-main-electric.energy').values;
    const power = get('meter-main-electric.power').values;
    const integral = power.slice(0, -1).reduce((a, b) => a + b * 0.25, 0);
    expect(Math.abs(energy.at(-1)! - energy[0]! - integral) / integral).toBeLessThan(0.02);
  });

  it('keeps chiller power = tons × 3.517 / COP and the sub-meters under the main meter', () => {
    const load = get('equip-chiller-1.load').values;
    const cop = get('equip-chiller-1.cop').values;
    const kw = get('equip-chiller-1.power').values;
    const status = get('equip-chiller-1.power').status;
    let checked = 0;
    for (let k = 0; k < kw.length; k++) {
      if (cop[k]! <= 0 || status[k] !== Status.Ok || get('equip-chiller-1.cop').status[k] !== Status.Ok) continue;
      const expected = ((load[k]! / 100) * 400 * 3.517) / cop[k]!;
      expect(Math.abs(kw[k]! - expected) / expected).toBeLessThan(0.05);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    const main = get('meter-main-electric.power').values;
    for (let k = 0; k < main.length; k++) {
      let floors = 0;
      for (let f = 1; f <= 12; f++) floors += get(`meter-floor-${f}-electric.power`).values[k]!;
      expect(floors).toBeLessThan(main[k]!);
    }
  });

  it('holds occupied zones near setpoint and reports the quality shares of the spec', () => {
    let sum = 0;
    let n = 0;
    for (const p of built.model.points.filter((q) => q.key === 'zoneTemp')) {
      const s = get(p.id);
      s.values.forEach((v, k) => {
        const local = new Date(s.ts[k]! - 4 * 3_600_000); // EDT in June/July
        const h = local.getUTCHours();
        const dow = local.getUTCDay();
        if (dow >= 1 && dow <= 5 && h >= 9 && h < 17 && s.status[k] === Status.Ok) {
          sum += v;
          n++;
        }
      });
    }
    expect(sum / n).toBeGreaterThan(70);
    expect(sum / n).toBeLessThan(76);
    const counts = [0, 0, 0];
    let total = 0;
    for (const s of data.values()) for (const st of s.status) (counts[st]! += 1), total++;
    expect(counts[Status.Stale]! / total).toBeGreaterThan(0.015);
    expect(counts[Status.Stale]! / total).toBeLessThan(0.05);
    expect(counts[Status.Fault]! / total).toBeGreaterThan(0.008);
    expect(counts[Status.Fault]! / total).toBeLessThan(0.035);
  });
});

describe('engine chunking', () => {
  it('keeps chunks bounded at short intervals and still matches a one-chunk computation', () => {
    const fine = newEngine(1, 1000);
    expect(fine.stepsPerChunk * built.model.points.length).toBeLessThanOrEqual(4_000_000);
    const t0 = Date.parse('2026-07-10T12:00:00Z');
    const a = series(fine, t0, t0 + 60_000);
    const b = series(newEngine(1, 1000), t0 + 30_000, t0 + 60_000);
    const p = built.model.points.find((q) => q.id === 'meter-main-electric.energy')!;
    expect(a.get(p.index)!.values.slice(30)).toEqual(b.get(p.index)!.values);
  });
});
