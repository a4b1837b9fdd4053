import type { FaultWindows } from './physics/building-physics.js';
import { FaultCode } from './fault-catalog.js';
import type { QualityWindow } from './quality-events.js';

/** how long after a fault the physics still sees its after-effects (zones pulling back to setpoint) */
export const RECOVERY_MS = 4 * 3_600_000;

/** Empty fault-window columns for n = equipment × timestamps cells. */
export function newFaultWindows(n: number): FaultWindows {
  return {
    faulted: new Uint8Array(n),
    faultStart: new Float64Array(n),
    recoveredFrom: new Float64Array(n),
    recoveredHours: new Float64Array(n),
    degraded: new Uint8Array(n),
    degradedStart: new Float64Array(n),
    degradedEnd: new Float64Array(n),
    degradedValue: new Float64Array(n),
  };
}

/** The fault-window columns of a frame at `ts` (topology order × T), from the faults overlapping it. */
export function fillFaultWindows(faults: readonly QualityWindow[], ts: Float64Array, columns: FaultWindows): FaultWindows {
  const T = ts.length;
  const { faulted, faultStart, recoveredFrom, recoveredHours, degraded, degradedStart, degradedEnd, degradedValue } = columns;
  faulted.fill(0);
  faultStart.fill(Number.NaN);
  recoveredFrom.fill(Number.NaN);
  recoveredHours.fill(0);
  degraded.fill(0);
  degradedStart.fill(0);
  degradedEnd.fill(0);
  degradedValue.fill(0);
  for (const w of faults) {
    const { start, end } = w.event;
    if (w.code !== undefined && w.code !== FaultCode.EquipmentOff) {
      // one degradation per equipment at a time (each lies inside its own window): no precedence needed
      for (const e of w.equips) {
        for (let k = 0; k < T; k++) {
          const t = ts[k]!;
          if (t < start || t >= end + RECOVERY_MS) continue;
          const i = e * T + k;
          degraded[i] = w.code;
          degradedStart[i] = start;
          degradedEnd[i] = end;
          degradedValue[i] = w.value ?? 0;
        }
      }
      continue;
    }
    for (const e of w.equips) {
      for (let k = 0; k < T; k++) {
        const t = ts[k]!;
        const i = e * T + k;
        if (t >= start && t < end) {
          faulted[i] = 1;
          faultStart[i] = start;
        } else if (t >= end && t - end < RECOVERY_MS && !(recoveredFrom[i]! > end)) {
          recoveredFrom[i] = end;
          recoveredHours[i] = (end - start) / 3_600_000;
        }
      }
    }
  }
  return columns;
}
