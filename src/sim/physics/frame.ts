import type { LocalColumns } from '../../time/clock.js';
import type { WeatherColumns } from '../weather.js';
import type { SolarColumns } from '../solar.js';
import type { ScheduleState } from './schedule.js';
import type { FrameOverrides } from '../override-schedule.js';

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
  /**
   * a degradation (FaultCode of fault-catalog.ts; 0 none) on equipment `[e * T + k]`: set while it lasts and for a
   * few hours after it ended (its after-effects fade), with its start, end and the kind's one parameter
   */
  readonly degraded: Uint8Array;
  readonly degradedStart: Float64Array;
  readonly degradedEnd: Float64Array;
  readonly degradedValue: Float64Array;
  /** commanded values of overridden points by truth row (types opt in with PhysicsKind.overridable) */
  readonly overrides: FrameOverrides;
  readonly truth: Float64Array;
  /**
   * 1 where the equipment (topology position) has its own columns written; absent, every one. A shard's
   * physics steps the others only for what the network sums upstream of them (columnsWanted)
   */
  readonly wanted?: Uint8Array;
  /**
   * The registers' samples: no register integrates a thermal lag, so the lagged rows (campus-history.ts) hold
   * their steady values and the history is not replayed for them
   */
  readonly steadyLags?: boolean;
}

/** The rows an equipment whose columns are not wanted still writes (writePower): what an energy meter sums. */
export const POWER_KEYS: ReadonlySet<string> = new Set(['active_power_kw', 'reactive_power_kvar']);

/**
 * A frame of the registers' samples: thermal lags steady (Frame.steadyLags), and columns wanted only of the
 * equipment (by topology position) whose registers integrate more than their POWER_KEYS rows.
 */
export interface RegisterSampling {
  readonly wanted: Uint8Array;
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

/** Per-timestamp results of the chilled-water plant and boiler that the meters consume. */
export interface PlantTotals {
  chillerKw: number;
  auxKw: number;
  boilerGasCfh: number;
  /** cooling-tower make-up water, gal/min */
  makeupGpm: number;
}

/**
 * What the physics of one equipment type hands to the next at a timestamp:
 * the schedule, whether the plant can cool, the air side's and the plant's
 * totals, and each floor's lighting and plug load. Reset before every step.
 */
export interface BuildingState {
  readonly schedule: ScheduleState;
  /** set by the plant before any equipment steps: at least one chiller can run and it is warm enough to need it */
  coolingAvailable: boolean;
  readonly air: AirSideTotals;
  readonly plant: PlantTotals;
  /** lighting and plug load of each floor, kW (index floor − 1) */
  readonly floorLightKw: Float64Array;
  readonly floorPlugKw: Float64Array;
  /** an electrical network's power flows (campus sites; empty arrays for a building) */
  readonly elec: ElecTotals;
}

/**
 * Power flows of an electrical network at one instant, indexed by topology position. Types step from the
 * loads up (registry order): each adds what it draws to its feeder's `kw`/`kvar`, so a panel finds the sum
 * of its outgoing feeders there when it steps.
 */
export interface ElecTotals {
  /** drawn from each equipment's outgoing feeders by everything it supplies, kW and kVAr */
  readonly kw: Float64Array;
  readonly kvar: Float64Array;
  /**
   * the harmonic current drawn with them as kVA at the bus voltage (√3·V·I_h), by source group: the in-phase
   * sum of each group (elec-power-quality.ts HARMONIC_GROUP) at position × HARMONIC_GROUP_COUNT + group
   */
  readonly harmonicKva: Float64Array;
  /** the same at each equipment's own meter: its incoming side, a transformer's LV terminals */
  readonly inputHarmonicKva: Float64Array;
  /** what each equipment itself draws from its feeder, kW (energy meters read this) */
  readonly inputKw: Float64Array;
}

/**
 * Whether the equipment at `position` writes its own columns. One that does not (another shard's) still computes
 * what it draws and hands it to its feeder, and writes the power rows an energy meter sums (writePower).
 */
export function columnsWanted(frame: Frame, position: number): boolean {
  return frame.wanted === undefined || frame.wanted[position] === 1;
}

export function writeRow(truth: Float64Array, row: number, T: number, k: number, value: number): void {
  if (row >= 0) truth[row * T + k] = value;
}

/** Floor f's panel (index floor − 1): its lighting and plugs (with the tenant's IT closet). */
export function floorPanelKw(state: BuildingState, f: number): number {
  return state.floorLightKw[f]! + state.floorPlugKw[f]!;
}
