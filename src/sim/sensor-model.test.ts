import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import type { PointInfo } from '../model/point.js';
import type { PointTemplate } from '../model/point-template.js';
import { loadProfile } from '../profile/load-profile.js';
import { qualitySchema } from '../profile/schema.js';
import { SensorModel } from './sensor-model.js';
import { buildModel } from '../model/build-model.js';
import { Engine } from './engine.js';
import { Status, type Chunk } from './sample.js';

const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const { profile } = await loadProfile('office-tower', EQUIPMENT_TYPES);
const built = buildModel(profile, EQUIPMENT_TYPES);
const engine = (intervalMs: number) => new Engine(built.model, built.topology, { seed: 1, intervalMs, epochMs: EPOCH });
const zoneRows = built.model.points.filter((p) => p.key === 'zoneTemp').map((p) => p.index);

function range(e: Engine, start: number, end: number): Chunk[] {
  return e.chunksIn(start, end).map((c) => e.computeChunk(c, start, end));
}

/** point row → (ts → [value, status]) for the rows given */
function readings(chunks: Chunk[], rows: readonly number[]): Map<number, Map<number, [number, number]>> {
  const out = new Map<number, Map<number, [number, number]>>();
  for (const { batch } of chunks) {
    const T = batch.timestamps.length;
    for (const r of rows) {
      const m = out.get(r) ?? new Map<number, [number, number]>();
      for (let k = 0; k < T; k++) m.set(batch.timestamps[k]!, [batch.values[r * T + k]!, batch.status[r * T + k]!]);
      out.set(r, m);
    }
  }
  return out;
}

describe('sensor model', () => {
  it('reads the same value at the same instant whatever the interval (1 s, 1 min, 1 h)', () => {
    const t0 = Date.parse('2025-07-15T13:00:00Z');
    const all = built.model.points.map((p) => p.index);
    const perSecond = readings(range(engine(1000), t0, t0 + 3_600_000), all);
    const perMinute = readings(range(engine(60_000), t0, t0 + 3_600_000), all);
    const perHour = readings(range(engine(3_600_000), t0, t0 + 3_600_000), all);
    let compared = 0;
    for (const r of all) {
      for (const [t, [v, s]] of perMinute.get(r)!) {
        const fine = perSecond.get(r)!.get(t)!;
        // a stale block repeats the last logged reading, which depends on the interval; ok readings never do
        if (s !== Status.Ok || fine[1] !== Status.Ok) continue;
        expect(fine[0], `${built.model.points[r]!.id} at ${new Date(t).toISOString()}`).toBe(v);
        compared++;
      }
      const [hv, hs] = perHour.get(r)!.get(t0)!;
      if (hs === Status.Ok) expect(perMinute.get(r)!.get(t0)![0]).toBe(hv);
    }
    expect(compared).toBeGreaterThan(all.length * 50);
  });

  it('makes 1-min zone temperatures hold their value most minutes and move in resolution steps', () => {
    const t0 = Date.parse('2025-07-15T04:00:00Z');
    const data = readings(range(engine(60_000), t0, t0 + 86_400_000), zoneRows);
    let same = 0;
    let steps = 0;
    let big = 0;
    const d0: number[] = [];
    const d1: number[] = [];
    for (const series of data.values()) {
      const ok = [...series.values()];
      for (let k = 2; k < ok.length; k++) {
        const [a, sa] = ok[k - 2]!;
        const [b, sb] = ok[k - 1]!;
        const [c, sc] = ok[k]!;
        if (sa !== Status.Ok || sb !== Status.Ok || sc !== Status.Ok) continue;
        const d = Math.round((c - b) * 10);
        steps++;
        if (d === 0) same++;
        if (Math.abs(d) > 3) big++;
        // a spike is a step out and back: labelled outliers, not the trend's texture
        if (Math.abs(b - a) > 0.35 || Math.abs(c - b) > 0.35) continue;
        d0.push(b - a);
        d1.push(c - b);
      }
    }
    expect(same / steps).toBeGreaterThan(0.6);
    // steps over 0.3 °F a minute are rare: a fan starting on a warm zone (night cycle, back from a fault) pulls it down fast
    expect(big / steps).toBeLessThan(0.01);
    // white noise gives −0.5 here; a real sensor trend is near 0, or positive where the room ramps (start-up, night cycles)
    expect(correlation(d0, d1)).toBeGreaterThan(-0.25);
  });

  it('labels every spike a grid instant catches, a few per analog sensor per month at 1 min', () => {
    const t0 = Date.parse('2025-07-14T00:00:00Z');
    const e = engine(60_000);
    const chunks = range(e, t0, t0 + 2 * 86_400_000);
    const spikes = new Map<string, { entityId: string; start: number; end: number }>();
    for (const c of chunks) for (const ev of c.events) if (ev.type === 'spike') spikes.set(ev.id, ev);
    const analog = built.topology.equips.flatMap((q) => q.points.filter((t) => (t.noise ?? 0) > 0 || (t.relativeNoise ?? 0) > 0)).length;
    // 3 per 30 days per sensor: about 0.2 per sensor in 2 days; allow for chance
    expect(spikes.size).toBeGreaterThan(analog * 0.1);
    expect(spikes.size).toBeLessThan(analog * 0.4);
    for (const s of spikes.values()) {
      const caught = Math.ceil(s.start / 60_000) * 60_000;
      expect(caught).toBeLessThan(s.end);
    }
  });
});

function correlation(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('sensor model range', () => {
  it('holds a share (%) at 100 but lets a ratio flagged pastHundred (a current THD) read past it', () => {
    const quiet = qualitySchema.parse({ staleShare: 0, faultShare: 0, noise: false, spikesPerMonth: 0, driftPerMonth: 0 });
    const point = (index: number, key: string): PointInfo => ({
      index,
      id: `e.${key}`,
      key,
      dis: key,
      equipId: 'e',
      siteId: 's',
      kind: 'Number',
      unit: '%',
      decimals: 2,
      totalized: false,
    });
    const template = (key: string, extra: Partial<PointTemplate> = {}): PointTemplate => ({
      key,
      dis: key,
      markers: 'sensor',
      kind: 'Number',
      unit: '%',
      decimals: 2,
      ...extra,
    });
    const sensors = new SensorModel(
      [point(0, 'valve'), point(1, 'thd')],
      [template('valve'), template('thd', { pastHundred: true })],
      quiet,
      1,
      EPOCH,
    );
    const ts = Float64Array.of(EPOCH);
    // both rows' truth at one instant: 121.5 %
    const truth = Float64Array.of(121.5, 121.5);
    const out = new Float64Array(1);
    sensors.measure(0, truth, ts, 0, 1, out, 0);
    expect(out[0]).toBe(100);
    sensors.measure(1, truth, ts, 0, 1, out, 0);
    expect(out[0]).toBe(121.5);
  });
});
