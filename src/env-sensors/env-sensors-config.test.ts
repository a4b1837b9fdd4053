import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProfileError } from '../errors.js';
import { resolveEnvSensorsConfig } from './env-sensors-config.js';
import { loadEnvSensorsConfig } from './load-env-sensors-config.js';

const dir = mkdtempSync(join(tmpdir(), 'haysim-envcfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('env-sensors settings', () => {
  it('has the spec defaults', () => {
    const c = resolveEnvSensorsConfig({ env: {} });
    expect(c.server).toMatchObject({ url: 'http://localhost:8000', path: '/api/v1/sensors/bme280' });
    expect(c.devices).toEqual([{ id: 'bme280_fake_001', heightM: 0 }]);
    expect(c.intervalMs).toBe(10_000);
    expect([c.temperature, c.humidity, c.pressure]).toEqual([
      { min: 18, max: 28, drift: 0.5 },
      { min: 30, max: 70, drift: 2 },
      { min: 1000, max: 1025, drift: 0.5 },
    ]);
    expect(c.weatherEvents.perHour).toBeCloseTo(0.01 * 360, 12); // 1 % per 10-s reading
    expect(c.weatherEvents.maxMinutes * 60).toBeCloseTo(500, 9); // 50 readings of 10 s
  });

  it('layers file < .env < environment < flags, with presets under the file', () => {
    const cfg = file(
      'c.yaml',
      'preset: winter\nserver:\n  url: http://file:1\ntemperature:\n  max: 22\ndevices:\n  count: 2\n  floors: [0, 2]\n',
    );
    const env = file('.env', 'SERVER_URL=http://dotenv:2\nDEVICE_COUNT=3\nDEVICE_FLOORS=0,1,2\nNOISE_ENABLED=off\n');
    const c = loadEnvSensorsConfig({
      configPath: cfg,
      envFile: env,
      env: { DEVICE_COUNT: '4', DEVICE_FLOORS: '0,1,2,3' },
      overrides: { intervalSeconds: 60 },
    });
    expect(c.server.url).toBe('http://dotenv:2');
    expect(c.devices.map((d) => d.id)).toEqual(['bme280_fake_001', 'bme280_fake_002', 'bme280_fake_003', 'bme280_fake_004']);
    expect(c.devices[3]!.heightM).toBeCloseTo(10.8, 9);
    expect(c.temperature).toEqual({ min: 17, max: 22, drift: 0.5 }); // winter min, file max
    expect(c.noise.enabled).toBe(false);
    expect(c.intervalMs).toBe(60_000);
  });

  it('reports every problem at once, naming the variable or the file position', () => {
    const cfg = file('bad.yaml', 'temperature:\n  min: 30\n  max: 20\nhumidty:\n  min: 1\n');
    let error: unknown;
    try {
      loadEnvSensorsConfig({
        configPath: cfg,
        env: { INTERVAL_SECONDS: 'ten', NOISE_ENABLED: 'maybe', DEVICE_IDS: 'a,b', DEVICE_HEIGHTS: '1', SITE_TIMEZONE: 'New_York' },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileError);
    const text = (error as Error).message;
    expect(text).toMatch(/environment variable INTERVAL_SECONDS: intervalSeconds: expected a whole number, got "ten"/);
    expect(text).toMatch(/environment variable NOISE_ENABLED: noise\.enabled: expected true or false/);
    expect(text).toMatch(/bad\.yaml:\d+:\d+: humidty: unknown key \(did you mean "humidity"\?\)/);
    // cross-field checks run once the shape is valid: check them separately
    expect(() =>
      resolveEnvSensorsConfig({
        env: { TEMP_MIN: '30', TEMP_MAX: '20', DEVICE_IDS: 'a,b', DEVICE_HEIGHTS: '1', SITE_TIMEZONE: 'New_York' },
      }),
    ).toThrow(
      /TEMP_MIN: temperature\.min: must be below temperature\.max[\s\S]*SITE_TIMEZONE: .*did you mean "America\/New_York"[\s\S]*DEVICE_HEIGHTS: devices\.heights: lists 1 value\(s\) for 2 device\(s\)/,
    );
  });
});
