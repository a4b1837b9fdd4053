/**
 * What a fake BME280 reads at instant t: a pure function of (config, device,
 * t), so live readings equal backfilled ones and a period can be produced in
 * any pieces. Per device: a slow bounded walk (temperature, humidity), the
 * daily cycle on the site's local clock, the site's weather, sensor noise and
 * injected anomalies. Pressure is the site's (one walk, one weather) minus
 * 0.12 hPa per metre of height, so devices agree with each other.
 */
import { gaussian, hashString, mix } from '../random/rng.js';
import { LocalClock, MS_PER_DAY, MS_PER_HOUR } from '../time/clock.js';
import { BoundedWalk, softBound, type Octave } from './bounded-walk.js';
import { WeatherEvents, type WeatherEvent } from './weather-events.js';
import { SensorAnomalies, type Anomaly } from './sensor-anomalies.js';
import type { EnvSensorsConfig, ValueRange } from './env-sensors-config.js';

/** BME280 operating range (datasheet). */
export const SENSOR_LIMITS = { temperature: [-40, 85], humidity: [0, 100], pressure: [300, 1100] } as const;
/** hydrostatic lapse near sea level */
export const HPA_PER_METRE = 0.12;
/** at constant moisture, relative humidity falls about 3 %RH per °C (realism.md) */
export const RH_PER_DEGREE = 3;
/** semidiurnal pressure tide: ±0.5 hPa (about 1 hPa peak to peak), highs near 10:00 and 22:00 */
const TIDE_HPA = 0.5;
/** noise σ at factor 1 */
const NOISE = { temperature: 0.05, humidity: 0.3, pressure: 0.03 };
/** walk amplitude in half-ranges: with |z| ≤ 1.25 it reaches past the knee of softBound, so the whole range gets used */
const GAIN = 0.9;
const ROOM_OCTAVES: readonly Octave[] = [
  { hours: 12, weight: 0.75 },
  { hours: 3, weight: 0.2 },
  { hours: 0.7, weight: 0.05 },
];
const SYNOPTIC_OCTAVES: readonly Octave[] = [
  { hours: 72, weight: 0.7 },
  { hours: 24, weight: 0.25 },
  { hours: 6, weight: 0.05 },
];

export interface Bme280Sample {
  readonly deviceId: string;
  /** epoch ms */
  readonly t: number;
  /** rounded to 2 decimals, within the sensor's limits */
  readonly temperature: number;
  readonly humidity: number;
  readonly pressure: number;
  readonly weather: WeatherEvent | null;
  readonly anomaly: Anomaly | null;
  /** true during a dropout: the device sends nothing */
  readonly dropped: boolean;
}

/** −1 at 06:00, +1 at 14:00 local: 8 h rising, 16 h falling (asymmetric like real days, C1-smooth). */
export function dailyShape(hour: number): number {
  if (hour >= 6 && hour < 14) return -Math.cos((Math.PI * (hour - 6)) / 8);
  return Math.cos(Math.PI * (((hour - 14 + 24) % 24) / 16));
}

interface DeviceModel {
  readonly id: string;
  readonly heightM: number;
  readonly temperature: BoundedWalk;
  readonly humidity: BoundedWalk;
  readonly anomalies: SensorAnomalies;
  readonly noiseKey: number;
}

export class Bme280Model {
  readonly weather: WeatherEvents;
  private readonly clock: LocalClock;
  private readonly pressureWalk: BoundedWalk;
  private readonly devices: DeviceModel[];

  constructor(readonly config: EnvSensorsConfig) {
    const { seed, intervalMs } = config;
    const walk = (name: string, octaves: readonly Octave[], r: ValueRange) =>
      new BoundedWalk(seed, name, octaves, intervalMs, r.drift / (half(r) * GAIN));
    this.clock = new LocalClock(config.timeZone);
    this.weather = new WeatherEvents(seed, config.weatherEvents);
    this.pressureWalk = walk('site/pressure', SYNOPTIC_OCTAVES, config.pressure);
    this.devices = config.devices.map((d) => ({
      id: d.id,
      heightM: d.heightM,
      temperature: walk(`${d.id}/temperature`, ROOM_OCTAVES, config.temperature),
      humidity: walk(`${d.id}/humidity`, ROOM_OCTAVES, config.humidity),
      anomalies: new SensorAnomalies(seed, d.id, config.anomalies, intervalMs),
      noiseKey: hashString(`${d.id}/noise`),
    }));
  }

  get deviceCount(): number {
    return this.devices.length;
  }

  /** The reading of device `index` at grid instant t, anomalies included. */
  sample(index: number, t: number): Bme280Sample {
    const d = this.devices[index];
    if (!d) throw new RangeError(`no device ${index}`);
    const anomaly = d.anomalies.at(t);
    if (anomaly?.type === 'dropout') return { ...this.clean(d, t), anomaly, dropped: true };
    if (anomaly?.type === 'stuck') return { ...this.clean(d, anomaly.first), t, weather: this.weather.at(t).active, anomaly };
    const s = this.clean(d, t);
    if (anomaly?.type !== 'spike') return s;
    const q = anomaly.quantity!;
    return { ...s, [q]: limit(q, s[q] + anomaly.offset!), anomaly };
  }

  /** Ground-truth anomalies of device `index` touching [from, to). */
  anomaliesBetween(index: number, from: number, to: number): Anomaly[] {
    return this.devices[index]!.anomalies.between(from, to);
  }

  /** The undisturbed reading: walk + daily cycle + weather + noise, rounded and limited. */
  private clean(d: DeviceModel, t: number): Bme280Sample {
    const c = this.config;
    const hour = (((this.clock.toLocalMs(t) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_HOUR;
    const daily = c.dailyPattern.enabled ? dailyShape(hour) : 0;
    const w = this.weather.at(t);

    const tr = c.temperature;
    const tDev = half(tr) * GAIN * d.temperature.at(t) + c.dailyPattern.temperatureAmplitude * daily + w.temperature;
    const temperature = bounded(tr, tDev);

    // moisture held, warmer air holds more: RH follows temperature (−3 %RH/°C); the daily term tops it up to the configured amplitude
    const hr = c.humidity;
    const dailyRh = c.dailyPattern.humidityAmplitude - RH_PER_DEGREE * c.dailyPattern.temperatureAmplitude;
    const hDev = half(hr) * GAIN * d.humidity.at(t) - RH_PER_DEGREE * (temperature - mid(tr)) - dailyRh * daily + w.humidity;
    const humidity = bounded(hr, hDev);

    const pr = c.pressure;
    const tide = c.dailyPattern.enabled ? TIDE_HPA * Math.cos((2 * Math.PI * (hour - 10)) / 12) : 0;
    const sitePressure = bounded(pr, half(pr) * GAIN * this.pressureWalk.at(t) + tide + w.pressure);
    const pressure = sitePressure - HPA_PER_METRE * d.heightM;

    const f = c.noise.enabled ? c.noise.factor : 0;
    const noise = (i: number, sigma: number) => (f === 0 ? 0 : f * sigma * gaussian(c.seed, mix(d.noiseKey, i), t));
    return {
      deviceId: d.id,
      t,
      temperature: limit('temperature', temperature + noise(1, NOISE.temperature)),
      humidity: limit('humidity', humidity + noise(2, NOISE.humidity)),
      pressure: limit('pressure', pressure + noise(3, NOISE.pressure)),
      weather: w.active,
      anomaly: null,
      dropped: false,
    };
  }
}

const half = (r: ValueRange) => (r.max - r.min) / 2;
const mid = (r: ValueRange) => (r.max + r.min) / 2;

/** mid + half·softBound(dev/half): inside the range, soft near its edges. */
function bounded(r: ValueRange, dev: number): number {
  return mid(r) + half(r) * softBound(dev / half(r));
}

/** Rounded to 2 decimals and clamped to the BME280's limits. */
export function limit(q: keyof typeof SENSOR_LIMITS, v: number): number {
  const [lo, hi] = SENSOR_LIMITS[q];
  return Math.min(hi, Math.max(lo, Math.round(v * 100) / 100));
}
