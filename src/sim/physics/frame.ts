import type { LocalColumns } from '../../time/clock.js';
import type { WeatherColumns } from '../weather.js';
import type { SolarColumns } from '../solar.js';

/**
 * The inputs and outputs of one physics pass over a column of timestamps.
 * `truth` is the point-major matrix of true (noise-free) values; the
 * quality layer turns it into what sensors report.
 */
export interface Frame {
  readonly timestamps: Float64Array;
  readonly local: LocalColumns;
  readonly weather: WeatherColumns;
  /** clear-sky irradiance scaled by cloud cover, W/m², per façade */
  readonly sun: SolarColumns;
  /** 1 where equipment (topology order) is down for a fault or maintenance: `[e * T + k]` */
  readonly faulted: Uint8Array;
  /** start (epoch ms) of the fault covering `[e * T + k]` */
  readonly faultStart: Float64Array;
  /** end of the latest fault that ended in the last few hours before `[e * T + k]` (NaN if none) */
  readonly recoveredFrom: Float64Array;
  /** how long that fault lasted, hours */
  readonly recoveredHours: Float64Array;
  readonly truth: Float64Array;
}

/** Per-timestamp results of the air side that the plant and meters consume. */
export interface AirSideTotals {
  /** chilled-water coil load of all AHUs, BTU/h */
  coilBtuh: number;
  /** hot-water reheat load of all VAVs, BTU/h */
  reheatBtuh: number;
  fanKw: number;
  /** people in the building */
  people: number;
  /** building occupancy fraction 0..1 */
  occupancy: number;
  anyAhuRunning: boolean;
}

export function writeRow(truth: Float64Array, row: number, T: number, k: number, value: number): void {
  if (row >= 0) truth[row * T + k] = value;
}
