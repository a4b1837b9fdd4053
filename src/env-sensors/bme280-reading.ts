/** The reading JSON of the spec, its HTTP body, the console line and the statistics line. */
import { pad2 } from '../time/date-time-text.js';
import { haysimVersion } from '../version.js';
import type { Bme280Sample } from './bme280-model.js';
import type { EnvSensorsConfig } from './env-sensors-config.js';
import type { AnomalyType, Quantity } from './sensor-anomalies.js';
import type { WeatherEventType } from './weather-events.js';

export const GENERATOR = 'haysim-env-sensors';

export interface Bme280Reading {
  device_id: string;
  temperature_c: number;
  humidity: number;
  pressure_hpa: number;
  /** ISO 8601 UTC, whole seconds: `2025-11-14T10:30:00Z` */
  timestamp: string;
  metadata: {
    generator: string;
    version: string;
    in_weather_event: boolean;
    weather_event_type: WeatherEventType | null;
    /** present only on injected anomalies (ground truth for detectors) */
    anomaly_type?: AnomalyType;
    anomaly_quantity?: Quantity;
    anomaly_start?: string;
    anomaly_end?: string;
  };
}

/** `2025-11-14T10:30:00Z` (milliseconds only when not whole). */
export function isoSeconds(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

export function toReading(s: Bme280Sample): Bme280Reading {
  const reading: Bme280Reading = {
    device_id: s.deviceId,
    temperature_c: s.temperature,
    humidity: s.humidity,
    pressure_hpa: s.pressure,
    timestamp: isoSeconds(s.t),
    metadata: {
      generator: GENERATOR,
      version: haysimVersion(),
      in_weather_event: s.weather !== null,
      weather_event_type: s.weather?.type ?? null,
    },
  };
  const a = s.anomaly;
  if (a) {
    reading.metadata.anomaly_type = a.type;
    if (a.quantity) reading.metadata.anomaly_quantity = a.quantity;
    reading.metadata.anomaly_start = isoSeconds(a.first);
    reading.metadata.anomaly_end = isoSeconds(a.last);
  }
  return reading;
}

/** The request body: the reading (or a list of them) as is, or wrapped under the configured key. */
export function requestBody(server: EnvSensorsConfig['server'], payload: Bme280Reading | Bme280Reading[]): string {
  return JSON.stringify(server.body === 'wrapped' ? { [server.bodyKey]: payload } : payload);
}

/** `✓ #0001 | 10:30:00 | T:23.45°C | H:45.67% | P:1013.25hPa [Weather: storm]` (time as in the timestamp, UTC). */
export function consoleLine(ok: boolean, n: number, r: Bme280Reading, extra = ''): string {
  const d = new Date(r.timestamp);
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const weather = r.metadata.weather_event_type ? ` [Weather: ${r.metadata.weather_event_type}]` : '';
  const anomaly = r.metadata.anomaly_type ? ` [Anomaly: ${r.metadata.anomaly_type}]` : '';
  return (
    `${ok ? '✓' : '✗'} #${String(n).padStart(4, '0')} | ${time} | T:${r.temperature_c.toFixed(2)}°C | H:${r.humidity.toFixed(2)}% | ` +
    `P:${r.pressure_hpa.toFixed(2)}hPa${weather}${anomaly}${extra}`
  );
}

export interface ProducerStats {
  /** readings produced (one number each) */
  readings: number;
  /** readings the server accepted */
  sent: number;
  /** failed attempts (a reading retried three times counts three) */
  failed: number;
  /** readings delivered late: after a failed attempt or a wait in the retry queue */
  retried: number;
  /** readings waiting for the server */
  queued: number;
  /** readings given up because the queue was full */
  dropped: number;
  /** readings withheld by an injected dropout */
  dropouts: number;
  lastSuccess: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

export function emptyStats(): ProducerStats {
  return {
    readings: 0,
    sent: 0,
    failed: 0,
    retried: 0,
    queued: 0,
    dropped: 0,
    dropouts: 0,
    lastSuccess: null,
    lastError: null,
    lastErrorAt: null,
  };
}

/** One line: `── stats: 100 readings | sent 98 | failed 3 | ... | last success 10:46:30Z | last error 10:40:00Z connect ECONNREFUSED` */
export function statsLine(s: ProducerStats): string {
  const when = (t: number | null) => (t === null ? 'never' : isoSeconds(Math.floor(t / 1000) * 1000));
  const parts = [
    `${s.readings} readings`,
    `sent ${s.sent}`,
    `failed ${s.failed}`,
    `retried ${s.retried}`,
    `queued ${s.queued}`,
    `dropped ${s.dropped}`,
  ];
  if (s.dropouts > 0) parts.push(`dropouts ${s.dropouts}`);
  parts.push(
    `last success ${when(s.lastSuccess)}`,
    `last error ${s.lastError === null ? 'none' : `${when(s.lastErrorAt)} ${s.lastError}`}`,
  );
  return `── stats: ${parts.join(' | ')}`;
}
