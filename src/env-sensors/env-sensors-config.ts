/**
 * Settings of the BME280 producer. Layers, later wins: built-in defaults <
 * preset (winter/summer) < config file < `.env` < process environment < CLI
 * overrides. Everything is validated at once; each problem names the key or
 * variable it came from, so a user knows what to edit.
 */
import { z } from 'zod';
import { ProfileError, type ProfileProblem } from '../errors.js';
import { isValidTimeZone, timeZoneProblem } from '../time/clock.js';
import { closestName } from '../model/defs/edit-distance.js';
import { readEnvLayer, type EnvSource } from './env-sensors-env.js';

const range = z.strictObject({ min: z.number(), max: z.number(), drift: z.number().positive() });
const rate = z.number().min(0);

/** The raw (merged) shape, as written in a YAML/JSON config file. */
export const envSensorsFileSchema = z.strictObject({
  preset: z.enum(['default', 'winter', 'summer']).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  server: z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    path: z.string().startsWith('/'),
    body: z.enum(['reading', 'wrapped']),
    bodyKey: z.string().min(1),
    timeoutSeconds: z.number().positive(),
    headers: z.record(z.string(), z.string()),
  }),
  devices: z.strictObject({
    ids: z
      .array(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits, _ . : - (at most 64)'))
      .min(1)
      .optional(),
    count: z.number().int().min(1).max(10_000),
    prefix: z.string(),
    heights: z.array(z.number().min(-500).max(9000)).optional(),
    floors: z.array(z.number().int().min(-10).max(300)).optional(),
    floorHeight: z.number().positive(),
  }),
  intervalSeconds: z.number().int().min(1).max(86_400),
  timeZone: z.string(),
  temperature: range,
  humidity: range,
  pressure: range,
  noise: z.strictObject({ enabled: z.boolean(), factor: z.number().min(0).max(100) }),
  dailyPattern: z.strictObject({ enabled: z.boolean(), temperatureAmplitude: z.number().min(0), humidityAmplitude: z.number().min(0) }),
  weatherEvents: z.strictObject({
    enabled: z.boolean(),
    perHour: rate,
    minMinutes: z.number().positive(),
    maxMinutes: z.number().positive(),
  }),
  anomalies: z.strictObject({ spikesPerDay: rate, stuckPerDay: rate, dropoutsPerDay: rate }),
  upload: z.strictObject({
    path: z.string().startsWith('/').optional(),
    batchSize: z.number().int().min(1).max(10_000),
    requestsPerSecond: z.number().positive(),
  }),
});
type RawConfig = z.infer<typeof envSensorsFileSchema>;

export interface ValueRange {
  readonly min: number;
  readonly max: number;
  /** largest change of the slow walk between two readings */
  readonly drift: number;
}

export interface DeviceConfig {
  readonly id: string;
  /** metres above the site's reference level; pressure falls 0.12 hPa per metre */
  readonly heightM: number;
}

export interface EnvSensorsConfig {
  readonly seed: number;
  readonly server: {
    url: string;
    path: string;
    body: 'reading' | 'wrapped';
    bodyKey: string;
    timeoutMs: number;
    headers: Record<string, string>;
  };
  readonly devices: readonly DeviceConfig[];
  readonly intervalMs: number;
  readonly timeZone: string;
  readonly temperature: ValueRange;
  readonly humidity: ValueRange;
  readonly pressure: ValueRange;
  readonly noise: { enabled: boolean; factor: number };
  readonly dailyPattern: { enabled: boolean; temperatureAmplitude: number; humidityAmplitude: number };
  readonly weatherEvents: { enabled: boolean; perHour: number; minMinutes: number; maxMinutes: number };
  readonly anomalies: { spikesPerDay: number; stuckPerDay: number; dropoutsPerDay: number };
  readonly upload: { path: string; batchSize: number; requestsPerSecond: number };
}

/**
 * Defaults from the spec. Weather events follow the users' reference (1 % per
 * 10-s reading, lasting 10–50 readings) converted to time: 0.01/10 s = 3.6 per
 * hour, lasting 100–500 s.
 */
export const ENV_SENSORS_DEFAULTS: RawConfig = {
  seed: 280,
  server: {
    url: 'http://localhost:8000',
    path: '/api/v1/sensors/bme280',
    body: 'reading',
    bodyKey: 'reading',
    timeoutSeconds: 10,
    headers: {},
  },
  devices: { count: 1, prefix: 'bme280_fake_', floorHeight: 3.6 },
  intervalSeconds: 10,
  timeZone: 'UTC',
  temperature: { min: 18, max: 28, drift: 0.5 },
  humidity: { min: 30, max: 70, drift: 2.0 },
  pressure: { min: 1000, max: 1025, drift: 0.5 },
  noise: { enabled: true, factor: 1 },
  dailyPattern: { enabled: true, temperatureAmplitude: 3, humidityAmplitude: 10 },
  weatherEvents: { enabled: true, perHour: 3.6, minMinutes: 100 / 60, maxMinutes: 500 / 60 },
  anomalies: { spikesPerDay: 0, stuckPerDay: 0, dropoutsPerDay: 0 },
  upload: { batchSize: 100, requestsPerSecond: 5 },
};

/** Seasonal indoor ranges: heated dry winter air, warm humid summer air with more storms. */
export const ENV_SENSORS_PRESETS: Record<'default' | 'winter' | 'summer', Record<string, unknown>> = {
  default: {},
  winter: { temperature: { min: 17, max: 23 }, humidity: { min: 20, max: 45 }, pressure: { min: 995, max: 1035 } },
  summer: {
    temperature: { min: 22, max: 30 },
    humidity: { min: 40, max: 75 },
    pressure: { min: 1002, max: 1022 },
    weatherEvents: { perHour: 5 },
  },
};

export interface EnvSensorsSources {
  /** parsed config file (YAML or JSON) and its name, for messages */
  readonly file?: { name: string; data: unknown; locate?: (path: readonly (string | number)[]) => string };
  /** variables from `.env` (overridden by env) */
  readonly dotEnv?: EnvSource;
  readonly env?: EnvSource;
  /** CLI flags, as paths into the file shape (`{ server: { url } }`) */
  readonly overrides?: Record<string, unknown>;
  readonly preset?: string;
}

/** Validates every layer and returns the effective settings, or throws one ProfileError listing all problems. */
export function resolveEnvSensorsConfig(sources: EnvSensorsSources): EnvSensorsConfig {
  const problems: ProfileProblem[] = [];
  const origin = new Map<string, string>();
  const fileData = sources.file?.data ?? {};
  if (typeof fileData !== 'object' || fileData === null || Array.isArray(fileData)) {
    throw new ProfileError('PROFILE_INVALID', `${sources.file?.name}: expected a mapping of settings at the top level`);
  }
  const envLayer = readEnvLayer({ ...sources.dotEnv, ...sources.env }, sources.env ?? {}, problems, origin);
  const presetName = String(sources.preset ?? envLayer.preset ?? (fileData as { preset?: unknown }).preset ?? 'default');
  const preset = ENV_SENSORS_PRESETS[presetName as keyof typeof ENV_SENSORS_PRESETS];
  if (!preset)
    problems.push({ location: '', path: 'preset', message: `unknown preset "${presetName}": expected default, winter or summer` });
  recordOrigins(fileData, [], origin, (p) => sources.file?.locate?.(p) ?? `${sources.file?.name}: ${p.join('.')}`);
  recordOrigins(sources.overrides ?? {}, [], origin, (p) => `command-line flag for ${p.join('.')}`);
  const merged = [preset ?? {}, fileData, envLayer, sources.overrides ?? {}].reduce<Record<string, unknown>>(
    deepMerge,
    structuredClone(ENV_SENSORS_DEFAULTS),
  );
  const parsed = envSensorsFileSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const known = Object.keys(keysAt(ENV_SENSORS_DEFAULTS_SHAPE, issue.path));
        for (const k of issue.keys) {
          const key = [...issue.path, k].join('.');
          const hint = closestName(k, known);
          problems.push({ location: origin.get(key) ?? '', path: key, message: `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}` });
        }
        continue;
      }
      const key = issue.path.join('.');
      problems.push({ location: origin.get(key) ?? '', path: key, message: issue.message });
    }
  } else {
    checkConsistency(parsed.data, problems, origin);
  }
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${p.location ? `${p.location}: ` : ''}${p.path ? `${p.path}: ` : ''}${p.message}`);
    throw new ProfileError('PROFILE_INVALID', `invalid env-sensors settings:\n${lines.join('\n')}`, problems);
  }
  return finish(parsed.data!);
}

function finish(raw: RawConfig): EnvSensorsConfig {
  const d = raw.devices;
  const ids = d.ids ?? Array.from({ length: d.count }, (_, i) => `${d.prefix}${String(i + 1).padStart(3, '0')}`);
  const heights = d.heights ?? d.floors?.map((f) => f * d.floorHeight) ?? [];
  return {
    seed: raw.seed,
    server: { ...raw.server, url: raw.server.url.replace(/\/+$/, ''), timeoutMs: raw.server.timeoutSeconds * 1000 },
    devices: ids.map((id, i) => ({ id, heightM: heights[i] ?? 0 })),
    intervalMs: raw.intervalSeconds * 1000,
    timeZone: raw.timeZone,
    temperature: raw.temperature,
    humidity: raw.humidity,
    pressure: raw.pressure,
    noise: raw.noise,
    dailyPattern: raw.dailyPattern,
    weatherEvents: raw.weatherEvents,
    anomalies: raw.anomalies,
    upload: { ...raw.upload, path: raw.upload.path ?? raw.server.path },
  };
}

const LIMITS = { temperature: [-40, 85], humidity: [0, 100], pressure: [300, 1100] } as const;

function checkConsistency(raw: RawConfig, problems: ProfileProblem[], origin: Map<string, string>): void {
  const add = (path: string, message: string) => problems.push({ location: origin.get(path) ?? '', path, message });
  for (const q of ['temperature', 'humidity', 'pressure'] as const) {
    const [lo, hi] = LIMITS[q];
    if (!(raw[q].min < raw[q].max)) add(`${q}.min`, `must be below ${q}.max (${raw[q].min} ≥ ${raw[q].max})`);
    if (raw[q].min < lo || raw[q].max > hi) add(`${q}.${raw[q].min < lo ? 'min' : 'max'}`, `outside the BME280's range ${lo}…${hi}`);
  }
  if (!isValidTimeZone(raw.timeZone)) add('timeZone', timeZoneProblem(raw.timeZone));
  const w = raw.weatherEvents;
  if (w.minMinutes > w.maxMinutes)
    add('weatherEvents.minMinutes', `must not exceed weatherEvents.maxMinutes (${w.minMinutes} > ${w.maxMinutes})`);
  if (w.maxMinutes > 24 * 60) add('weatherEvents.maxMinutes', 'at most 1440 (one day)');
  const d = raw.devices;
  const n = d.ids?.length ?? d.count;
  if (d.ids && new Set(d.ids).size !== d.ids.length) add('devices.ids', 'device ids must be unique');
  for (const key of ['heights', 'floors'] as const) {
    const list = d[key];
    if (list && list.length !== n) add(`devices.${key}`, `lists ${list.length} value(s) for ${n} device(s): give one per device`);
  }
}

/** Notes where each leaf value came from (later layers overwrite earlier notes). */
function recordOrigins(
  value: unknown,
  path: (string | number)[],
  origin: Map<string, string>,
  describe: (p: (string | number)[]) => string,
): void {
  if (value && typeof value === 'object' && !Array.isArray(value) && !(path.at(-1) === 'headers')) {
    if (path.length > 0) origin.set(path.join('.'), describe(path));
    for (const [k, v] of Object.entries(value)) recordOrigins(v, [...path, k], origin, describe);
    return;
  }
  if (path.length > 0) origin.set(path.join('.'), describe(path));
  if (Array.isArray(value)) value.forEach((_, i) => origin.set([...path, i].join('.'), describe([...path, i])));
}

function deepMerge(base: Record<string, unknown>, layer: unknown): Record<string, unknown> {
  if (!layer || typeof layer !== 'object') return base;
  for (const [k, v] of Object.entries(layer as Record<string, unknown>)) {
    const b = base[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)) {
      base[k] = deepMerge({ ...(b as Record<string, unknown>) }, v);
    } else if (v !== undefined) {
      base[k] = v;
    }
  }
  return base;
}

/** The schema's object shapes, for "did you mean" hints. */
const ENV_SENSORS_DEFAULTS_SHAPE = envSensorsFileSchema.shape as Record<string, unknown>;
function keysAt(shape: Record<string, unknown>, path: readonly PropertyKey[]): Record<string, unknown> {
  let node: unknown = shape;
  for (const p of path)
    node = (node as { shape?: Record<string, unknown> })?.shape?.[String(p)] ?? (node as Record<string, unknown>)?.[String(p)];
  const inner = (node as { shape?: Record<string, unknown> })?.shape ?? node;
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : {};
}
