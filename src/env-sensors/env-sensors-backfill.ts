/**
 * Backfill: the readings of a past period (the same values live mode would
 * have sent at those instants), their ground truth, CSV export and a
 * rate-limited batch upload.
 */
import { csvField, csvRecord } from '../csv/csv-record.js';
import { PartialFile } from '../csv/partial-file.js';
import { OutputError } from '../errors.js';
import { type RetryPolicy, retryDelay } from '../outputs/delivery/retry-policy.js';
import { describeIoError } from '../outputs/files/files-io.js';
import { gridTimestamps } from '../time/clock.js';
import { Bme280Model } from './bme280-model.js';
import { isoSeconds, requestBody, toReading, type Bme280Reading } from './bme280-reading.js';
import type { EnvSensorsConfig } from './env-sensors-config.js';
import { defaultSleep } from './env-sensors-producer.js';
import { postJson } from './post-json.js';
import type { AnomalyType, Quantity } from './sensor-anomalies.js';
import type { WeatherEventType } from './weather-events.js';

export interface AnomalyLabel {
  device_id: string;
  type: AnomalyType;
  quantity?: Quantity;
  /** first and last affected reading (inclusive) */
  start: string;
  end: string;
}

export interface WeatherLabel {
  type: WeatherEventType;
  /** epoch ms, end exclusive */
  start: number;
  end: number;
}

export interface Backfill {
  readonly config: EnvSensorsConfig;
  readonly start: number;
  readonly end: number;
  /** ordered by timestamp, then device; dropouts are absent */
  readonly readings: Bme280Reading[];
  readonly anomalies: AnomalyLabel[];
  readonly weather: WeatherLabel[];
}

/** Readings at every interval instant (multiples of the interval since 1970) in [start, end). */
export function generateBackfill(config: EnvSensorsConfig, range: { start: number; end: number; intervalMs?: number }): Backfill {
  const cfg = range.intervalMs === undefined ? config : { ...config, intervalMs: range.intervalMs };
  const model = new Bme280Model(cfg);
  const readings: Bme280Reading[] = [];
  for (const t of gridTimestamps(range.start, range.end, cfg.intervalMs, 0)) {
    for (let i = 0; i < model.deviceCount; i++) {
      const s = model.sample(i, t);
      if (!s.dropped) readings.push(toReading(s));
    }
  }
  const anomalies = cfg.devices.flatMap((d, i) =>
    model.anomaliesBetween(i, range.start, range.end).map((a) => ({
      device_id: d.id,
      type: a.type,
      ...(a.quantity ? { quantity: a.quantity } : {}),
      start: isoSeconds(a.first),
      end: isoSeconds(a.last),
    })),
  );
  const weather = model.weather.between(range.start, range.end).map((e) => ({ type: e.type, start: e.start, end: e.end }));
  return { config: cfg, start: range.start, end: range.end, readings, anomalies, weather };
}

export const CSV_HEADER = 'timestamp,device_id,temperature_c,humidity,pressure_hpa,in_weather_event,weather_event_type,anomaly_type';

function csvRow(r: Bme280Reading): string {
  const m = r.metadata;
  const cells = [
    r.timestamp,
    r.device_id,
    r.temperature_c.toFixed(2),
    r.humidity.toFixed(2),
    r.pressure_hpa.toFixed(2),
    String(m.in_weather_event),
    m.weather_event_type ?? '',
    m.anomaly_type ?? '',
  ];
  return csvRecord(cells, csvField);
}

/** Writes the readings as CSV under `<path>.partial`, renamed to `path` once complete. */
export async function writeBackfillCsv(path: string, readings: readonly Bme280Reading[]): Promise<void> {
  const file = new PartialFile(path);
  try {
    await file.write(`${CSV_HEADER}\n`);
    for (const r of readings) await file.write(csvRow(r));
    await file.end();
    await file.commit();
  } catch (error) {
    await file.discard();
    throw new OutputError('SINK_WRITE_FAILED', 'csv', 'write', path, describeIoError(error), error);
  }
}

export interface UploadOptions {
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** attempts per batch before giving up (default 5) */
  readonly maxAttempts?: number;
  /** jitter source in [0, 1) for the retry delays; Math.random unless a test pins it */
  readonly random?: () => number;
}

export interface UploadResult {
  requests: number;
  sent: number;
  failedAttempts: number;
}

/**
 * POSTs readings in batches (a JSON array; batchSize 1 sends single readings),
 * at most requestsPerSecond, retrying a batch with the delivery queue's
 * back-off (exponential, full jitter, at most 30 s). A server that
 * stays down ends the upload with an OutputError naming the target.
 */
export async function uploadBackfill(
  config: EnvSensorsConfig,
  readings: readonly Bme280Reading[],
  options: UploadOptions = {},
): Promise<UploadResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const stop = options.signal ?? new AbortController().signal;
  const retry: RetryPolicy = { baseDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: options.maxAttempts ?? 5 };
  const { batchSize, requestsPerSecond, path } = config.upload;
  const url = `${config.server.url}${path}`;
  const gap = 1000 / requestsPerSecond;
  const result: UploadResult = { requests: 0, sent: 0, failedAttempts: 0 };
  let nextAt = now();
  for (let i = 0; i < readings.length && !stop.aborted; i += batchSize) {
    const batch = readings.slice(i, i + batchSize);
    const body = requestBody(config.server, batchSize === 1 ? batch[0]! : batch);
    for (let attempt = 1; ; attempt++) {
      await sleep(nextAt - now(), stop);
      if (stop.aborted) return result;
      nextAt = Math.max(now(), nextAt) + gap;
      result.requests++;
      const error = await postJson(url, body, config.server, stop);
      if (error === null) break;
      result.failedAttempts++;
      if (attempt >= retry.maxAttempts) {
        throw new OutputError(
          'SINK_WRITE_FAILED',
          'env-sensors upload',
          'write',
          url,
          `${error} (batch ${i / batchSize + 1}, ${attempt} attempts; ${result.sent} readings were sent)`,
        );
      }
      const backoff = retryDelay(retry, attempt, options.random);
      options.log?.(`✗ batch ${i / batchSize + 1}: ${error} (retry in ${backoff / 1000}s)`);
      nextAt = now() + backoff;
    }
    result.sent += batch.length;
    options.log?.(`✓ batch ${i / batchSize + 1}: ${result.sent}/${readings.length} readings`);
  }
  return result;
}
