import type { RegisterBook } from './registers.js';
import type { SensorModel } from './sensor-model.js';

/**
 * The points' readings at one instant outside the chunk at hand, measured row by row as they are asked
 * for: a stale block that began in an earlier chunk holds the reading before it, a flat-lined sensor the
 * reading of the instant it froze. The physics is pointwise, so each equals that instant's reading inside
 * any chunk; a block needs a few rows, and measuring only those (and the registers only when one of them
 * is asked for) keeps the instant cheap.
 */
export class InstantReadings {
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
