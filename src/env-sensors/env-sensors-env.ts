/**
 * Environment variables (and `.env` lines) → a layer in the config file's
 * shape. Names are the ones users of such producers already guess
 * (SERVER_URL, TEMP_MIN, NOISE_ENABLED...); see README.md.
 */
import type { ProfileProblem } from '../errors.js';

export type EnvSource = Readonly<Record<string, string | undefined>>;

type Kind = 'string' | 'number' | 'int' | 'bool' | 'list' | 'numbers' | 'ints' | 'header';

/** variable → [path in the config file, kind, one-line description] */
export const ENV_VARS: Readonly<Record<string, readonly [string, Kind, string]>> = {
  PRESET: ['preset', 'string', 'range preset: default, winter or summer'],
  SEED: ['seed', 'int', 'seed of the deterministic model (default 280)'],
  SERVER_URL: ['server.url', 'string', 'base URL of the receiving server (default http://localhost:8000)'],
  API_PATH: ['server.path', 'string', 'path readings are POSTed to (default /api/v1/sensors/bme280)'],
  BODY_FORMAT: ['server.body', 'string', '"reading" (the reading itself, default) or "wrapped" ({BODY_KEY: reading})'],
  BODY_KEY: ['server.bodyKey', 'string', 'key of the wrapped body (default "reading")'],
  AUTH_HEADER: ['server.headers.Authorization', 'header', 'value of the Authorization header, e.g. "Bearer abc"'],
  HTTP_TIMEOUT_SECONDS: ['server.timeoutSeconds', 'number', 'request timeout (default 10)'],
  DEVICE_IDS: ['devices.ids', 'list', 'comma-separated device ids (overrides DEVICE_COUNT)'],
  DEVICE_COUNT: ['devices.count', 'int', 'number of devices bme280_fake_001... (default 1)'],
  DEVICE_PREFIX: ['devices.prefix', 'string', 'id prefix for DEVICE_COUNT devices (default bme280_fake_)'],
  DEVICE_HEIGHTS: ['devices.heights', 'numbers', 'comma-separated heights in metres, one per device'],
  DEVICE_FLOORS: ['devices.floors', 'ints', 'comma-separated floor numbers, one per device (× FLOOR_HEIGHT)'],
  FLOOR_HEIGHT: ['devices.floorHeight', 'number', 'metres per floor (default 3.6)'],
  INTERVAL_SECONDS: ['intervalSeconds', 'int', 'seconds between readings (default 10)'],
  SITE_TIMEZONE: ['timeZone', 'string', 'IANA zone of the site for the daily pattern (default UTC)'],
  TEMP_MIN: ['temperature.min', 'number', '°C (default 18)'],
  TEMP_MAX: ['temperature.max', 'number', '°C (default 28)'],
  TEMP_DRIFT: ['temperature.drift', 'number', 'largest walk step per reading, °C (default 0.5)'],
  HUMIDITY_MIN: ['humidity.min', 'number', '%RH (default 30)'],
  HUMIDITY_MAX: ['humidity.max', 'number', '%RH (default 70)'],
  HUMIDITY_DRIFT: ['humidity.drift', 'number', 'largest walk step per reading, %RH (default 2.0)'],
  PRESSURE_MIN: ['pressure.min', 'number', 'hPa at the site reference level (default 1000)'],
  PRESSURE_MAX: ['pressure.max', 'number', 'hPa (default 1025)'],
  PRESSURE_DRIFT: ['pressure.drift', 'number', 'largest walk step per reading, hPa (default 0.5)'],
  NOISE_ENABLED: ['noise.enabled', 'bool', 'Gaussian sensor noise on/off (default true)'],
  NOISE_FACTOR: ['noise.factor', 'number', 'noise scale; 1 = σ 0.05 °C, 0.3 %RH, 0.03 hPa (default 1)'],
  DAILY_PATTERN_ENABLED: ['dailyPattern.enabled', 'bool', 'daily cycle on/off (default true)'],
  DAILY_TEMP_AMPLITUDE: ['dailyPattern.temperatureAmplitude', 'number', '± °C, peak 14:00, low 06:00 (default 3)'],
  DAILY_HUMIDITY_AMPLITUDE: ['dailyPattern.humidityAmplitude', 'number', '± %RH, inverse to temperature (default 10)'],
  WEATHER_EVENTS_ENABLED: ['weatherEvents.enabled', 'bool', 'storms, fronts, clearing on/off (default true)'],
  WEATHER_EVENTS_PER_HOUR: ['weatherEvents.perHour', 'number', 'mean event starts per hour (default 3.6 = 1 % per 10 s)'],
  WEATHER_EVENT_MIN_MINUTES: ['weatherEvents.minMinutes', 'number', 'shortest event (default 1.67 = 10 readings of 10 s)'],
  WEATHER_EVENT_MAX_MINUTES: ['weatherEvents.maxMinutes', 'number', 'longest event (default 8.33 = 50 readings of 10 s)'],
  ANOMALY_SPIKES_PER_DAY: ['anomalies.spikesPerDay', 'number', 'injected spikes per device per day (default 0)'],
  ANOMALY_STUCK_PER_DAY: ['anomalies.stuckPerDay', 'number', 'stuck-value periods per device per day (default 0)'],
  ANOMALY_DROPOUTS_PER_DAY: ['anomalies.dropoutsPerDay', 'number', 'dropouts (no readings) per device per day (default 0)'],
  UPLOAD_PATH: ['upload.path', 'string', 'backfill batch path (default API_PATH)'],
  UPLOAD_BATCH_SIZE: ['upload.batchSize', 'int', 'readings per backfill request; 1 sends single readings (default 100)'],
  UPLOAD_REQUESTS_PER_SECOND: ['upload.requestsPerSecond', 'number', 'backfill rate limit (default 5)'],
};

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/**
 * Builds the environment layer. `vars` holds `.env` values overlaid by the
 * process environment; `env` tells which came from the process (for messages).
 */
export function readEnvLayer(
  vars: EnvSource,
  env: EnvSource,
  problems: ProfileProblem[],
  origin: Map<string, string>,
): Record<string, unknown> {
  const layer: Record<string, unknown> = {};
  for (const [name, [path, kind]] of Object.entries(ENV_VARS)) {
    const text = vars[name];
    if (text === undefined || text.trim() === '') continue;
    const where = `${env[name] !== undefined ? 'environment variable' : '.env'} ${name}`;
    const value = convert(text.trim(), kind);
    if (value === undefined) {
      problems.push({ location: where, path, message: `expected ${EXPECTED[kind]}, got "${text}"` });
      continue;
    }
    setPath(layer, path.split('.'), value);
    origin.set(path, where);
    if (Array.isArray(value)) value.forEach((_, i) => origin.set(`${path}.${i}`, where));
  }
  return layer;
}

const EXPECTED: Record<Kind, string> = {
  string: 'text',
  header: 'text',
  number: 'a number',
  int: 'a whole number',
  bool: 'true or false (also 1/0, yes/no, on/off)',
  list: 'a comma-separated list',
  numbers: 'comma-separated numbers',
  ints: 'comma-separated whole numbers',
};

function convert(text: string, kind: Kind): unknown {
  const num = (s: string) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s.trim()) ? Number(s) : undefined);
  const split = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
  switch (kind) {
    case 'string':
    case 'header':
      return text;
    case 'number':
      return num(text);
    case 'int': {
      const n = num(text);
      return n !== undefined && Number.isInteger(n) ? n : undefined;
    }
    case 'bool':
      return TRUE.has(text.toLowerCase()) ? true : FALSE.has(text.toLowerCase()) ? false : undefined;
    case 'list':
      return split(text);
    case 'numbers':
    case 'ints': {
      const values = split(text).map(num);
      if (values.some((v) => v === undefined || (kind === 'ints' && !Number.isInteger(v)))) return undefined;
      return values;
    }
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path.at(-1)!] = value;
}
