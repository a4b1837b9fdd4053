import { describe, expect, it } from 'vitest';
import { resolveEnvSensorsConfig } from './env-sensors-config.js';
import { Bme280Model, dailyShape, HPA_PER_METRE, SENSOR_LIMITS } from './bme280-model.js';
import { BoundedWalk, softBound } from './bounded-walk.js';
import { generateBackfill } from './env-sensors-backfill.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 10, 1);
const config = (env: Record<string, string> = {}) => resolveEnvSensorsConfig({ env });

describe('BME280 model', () => {
  it('is a pure function of (seed, device, t): any order, any instance, same values; another seed differs', () => {
    const a = new Bme280Model(config({ DEVICE_COUNT: '2' }));
    const b = new Bme280Model(config({ DEVICE_COUNT: '2' }));
    const times = Array.from({ length: 200 }, (_, k) => T0 + k * 37_000);
    const forward = times.map((t) => a.sample(1, t));
    const backward = [...times]
      .reverse()
      .map((t) => b.sample(1, t))
      .reverse();
    expect(backward).toEqual(forward);
    const other = new Bme280Model(config({ DEVICE_COUNT: '2', SEED: '7' }));
    expect(times.map((t) => other.sample(1, t).temperature)).not.toEqual(forward.map((s) => s.temperature));
  });

  it('keeps values rounded to 2 decimals, inside the sensor limits, the walk inside its range', () => {
    const b = generateBackfill(config({ DEVICE_COUNT: '3', NOISE_FACTOR: '5' }), { start: T0, end: T0 + 10 * DAY, intervalMs: 600_000 });
    for (const r of b.readings) {
      for (const [key, q] of [
        ['temperature_c', 'temperature'],
        ['humidity', 'humidity'],
        ['pressure_hpa', 'pressure'],
      ] as const) {
        expect(Number(r[key].toFixed(2))).toBe(r[key]);
        expect(r[key]).toBeGreaterThanOrEqual(SENSOR_LIMITS[q][0]);
        expect(r[key]).toBeLessThanOrEqual(SENSOR_LIMITS[q][1]);
      }
      // noise σ 0.25 °C at factor 5: more than 1.5 °C past the range would be a > 6σ event
      expect(r.temperature_c).toBeGreaterThan(18 - 1.5);
      expect(r.temperature_c).toBeLessThan(28 + 1.5);
    }
  });

  it('shows the daily cycle on the site’s local clock: 14:00 warmer and drier than 06:00', () => {
    const c = config({ DEVICE_COUNT: '4', SITE_TIMEZONE: 'Asia/Kolkata' });
    const m = new Bme280Model(c);
    const at = (localHour: number) => {
      let t = 0,
        h = 0;
      for (let day = 0; day < 30; day++) {
        const utc = T0 + day * DAY + (localHour - 5.5) * 3_600_000; // Kolkata is UTC+5:30
        for (let d = 0; d < 4; d++) {
          t += m.sample(d, utc).temperature;
          h += m.sample(d, utc).humidity;
        }
      }
      return { t: t / 120, h: h / 120 };
    };
    const afternoon = at(14),
      dawn = at(6);
    expect(afternoon.t - dawn.t).toBeGreaterThan(3.5); // ±3 °C pattern: 6 °C peak to trough, minus soft bounds
    expect(dawn.h - afternoon.h).toBeGreaterThan(8);
    expect(dailyShape(14)).toBeCloseTo(1, 12);
    expect(dailyShape(6)).toBeCloseTo(-1, 12);
  });

  it('starts weather events at the configured rate in time, whatever the reading interval', () => {
    const c = config();
    const hours = 48;
    const distinct = (intervalMs: number) => {
      const b = generateBackfill(c, { start: T0, end: T0 + hours * 3_600_000, intervalMs });
      expect(new Set(b.readings.map((r) => r.metadata.weather_event_type))).toEqual(new Set([null, 'storm', 'front', 'clearing']));
      return b.weather.length;
    };
    const expected = 3.6 * hours; // 1 % per 10-s reading
    const every10s = distinct(10_000);
    const everyMinute = distinct(60_000);
    expect(Math.abs(every10s - expected) / expected).toBeLessThan(0.2);
    expect(everyMinute).toBe(every10s); // ground truth is in time, not per reading
    // and what readings show: the share of readings inside an event agrees between intervals
    const share = (intervalMs: number) => {
      const r = generateBackfill(c, { start: T0, end: T0 + hours * 3_600_000, intervalMs }).readings;
      return r.filter((x) => x.metadata.in_weather_event).length / r.length;
    };
    expect(Math.abs(share(10_000) - share(60_000))).toBeLessThan(0.03);
    // mean duration 300 s at 3.6/h, cut short by successors: roughly a quarter of the time
    expect(share(10_000)).toBeGreaterThan(0.15);
    expect(share(10_000)).toBeLessThan(0.35);
  });

  it('gives devices of one site the same pressure, lower by 0.12 hPa per metre of height', () => {
    const c = config({ DEVICE_IDS: 'ground,roof,basement', DEVICE_HEIGHTS: '0,42,-3.5', NOISE_ENABLED: 'false' });
    const m = new Bme280Model(c);
    for (let k = 0; k < 500; k++) {
      const t = T0 + k * 1_234_000;
      const [g, r, b] = [0, 1, 2].map((d) => m.sample(d, t).pressure);
      expect(r! - g!).toBeCloseTo(-HPA_PER_METRE * 42, 1);
      expect(b! - g!).toBeCloseTo(HPA_PER_METRE * 3.5, 1);
    }
  });

  it('never lets the slow walk step by more than the drift between readings', () => {
    for (const intervalMs of [1_000, 10_000, 300_000, 3_600_000]) {
      const drift = 0.05; // in walk units
      const w = new BoundedWalk(
        1,
        'x',
        [
          { hours: 1, weight: 0.7 },
          { hours: 0.1, weight: 0.3 },
        ],
        intervalMs,
        drift,
      );
      let worst = 0;
      for (let k = 0; k < 5000; k++) worst = Math.max(worst, Math.abs(w.at(T0 + (k + 1) * intervalMs) - w.at(T0 + k * intervalMs)));
      expect(worst).toBeLessThanOrEqual(drift);
      // where the cap binds, the walk is slowed just enough: it still uses a good part of the allowance
      if (w.stretch > 1) expect(worst).toBeGreaterThan(drift / 4);
      else expect(worst).toBeGreaterThan(0);
    }
    expect(softBound(0.3)).toBe(0.3);
    expect(softBound(2)).toBeLessThan(1);
    expect(softBound(-50)).toBeGreaterThanOrEqual(-1);
  });

  it('labels injected anomalies and shows them in the readings: spikes, stuck values, dropouts', () => {
    const c = config({ DEVICE_COUNT: '2', ANOMALY_SPIKES_PER_DAY: '6', ANOMALY_STUCK_PER_DAY: '3', ANOMALY_DROPOUTS_PER_DAY: '3' });
    const b = generateBackfill(c, { start: T0, end: T0 + 5 * DAY, intervalMs: 60_000 });
    const types = new Set(b.anomalies.map((a) => a.type));
    expect(types).toEqual(new Set(['spike', 'stuck', 'dropout']));
    const byKey = new Map(b.readings.map((r) => [`${r.device_id}@${r.timestamp}`, r]));
    for (const a of b.anomalies) {
      const first = Date.parse(a.start),
        last = Date.parse(a.end);
      const inside = [];
      for (let t = first; t <= last; t += 60_000)
        inside.push(byKey.get(`${a.device_id}@${new Date(t).toISOString().replace('.000Z', 'Z')}`));
      if (a.type === 'dropout') {
        expect(inside.every((r) => r === undefined)).toBe(true);
        continue;
      }
      if (first < T0 || last >= T0 + 5 * DAY) continue;
      expect(
        inside.every(
          (r) => r?.metadata.anomaly_type === a.type && r.metadata.anomaly_start === a.start && r.metadata.anomaly_end === a.end,
        ),
      ).toBe(true);
      if (a.type === 'stuck') {
        const values = new Set(inside.map((r) => `${r!.temperature_c}/${r!.humidity}/${r!.pressure_hpa}`));
        expect(values.size).toBe(1);
      } else {
        expect(inside).toHaveLength(1);
        expect(inside[0]!.metadata.anomaly_quantity).toBe(a.quantity);
      }
    }
    // readings outside every label are unlabelled
    const labelled = b.readings.filter((r) => r.metadata.anomaly_type !== undefined).length;
    const expectedLabelled = b.anomalies
      .filter((a) => a.type !== 'dropout')
      .reduce((n, a) => n + (Date.parse(a.end) - Date.parse(a.start)) / 60_000 + 1, 0);
    expect(labelled).toBe(expectedLabelled * 1);
  });
});
