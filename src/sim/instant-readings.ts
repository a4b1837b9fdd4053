import type { RegisterBook } from './registers.js';
import type { SensorModel } from './sensor-model.js';

/** The points' readings at instant t, by row. */
export interface Readings {
  readonly t: number;
  at(r: number): number;
}

/**
 * The points' readings at one instant outside the chunk at hand, measured row by row as they are asked
 * for: a stale block that began in an earlier chunk holds the reading before it, a flat-lined sensor the
 * reading of the instant it froze. The physics is pointwise, so each equals that instant's reading inside
 * any chunk; a block needs a few rows, and measuring only those (and the registers only when one of them
 * is asked for) keeps the instant cheap.
 */
export class InstantReadings implements Readings {
  private readonly ts: Float64Array;
  private readonly readings: Float64Array;
  private readonly measured: Uint8Array;
  private registersFilled = false;

  constructor(
    readonly t: number,
    /** every point's true value at t, registers not yet filled in */
    private readonly truth: Float64Array,
    private readonly sensors: SensorModel,
    private readonly registers: RegisterBook,
    /** per row: 1 where the row is a register */
    private readonly isRegister: Uint8Array,
  ) {
    this.ts = Float64Array.of(t);
    this.readings = new Float64Array(truth.length);
    this.measured = new Uint8Array(truth.length);
  }

  /** Row r's reading at t. */
  at(r: number): number {
    if (this.measured[r] === 0) {
      if (this.isRegister[r] === 1 && !this.registersFilled) {
        this.registers.fill(this.truth, this.ts);
        this.registersFilled = true;
      }
      this.sensors.measure(r, this.truth, this.ts, 0, 1, this.readings, r);
      this.measured[r] = 1;
    }
    return this.readings[r]!;
  }
}

/**
 * A chunk's readings at its instant k (before sensor faults, as InstantReadings measures them), copied from
 * its matrix of B instants per row: the chunk after it asks for the instant a stale block froze at.
 */
export class ChunkColumn implements Readings {
  private readonly readings: Float64Array;

  constructor(
    readonly t: number,
    values: Float64Array,
    k: number,
    B: number,
  ) {
    this.readings = new Float64Array(values.length / B);
    for (let r = 0; r < this.readings.length; r++) this.readings[r] = values[r * B + k]!;
  }

  at(r: number): number {
    return this.readings[r]!;
  }
}
