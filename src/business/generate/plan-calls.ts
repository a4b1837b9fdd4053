// Phase 1 for service calls, step 1: when each call happens, what kind it is, its timing, which
// calls are cancelled, and which installations put a new device on site.
import { APPOINTMENT_TYPES, SERVICE_TYPES } from '../tables/vocabulary-codes.js';
import { weekdayOfDays } from '../../time/holidays.js';
import { MINUTES_PER_DAY } from './calendar.js';
import { isWeekend } from '../../time/civil-days.js';
import { demand, densityOver, summerness, type Timeline } from './business-timeline.js';
import { rowRandom } from './row-random.js';
import { chooseExactly, stratifiedPositions } from './sampling.js';

export const SERVICE = Object.fromEntries(SERVICE_TYPES.map((s, i) => [s, i])) as Record<(typeof SERVICE_TYPES)[number], number>;
export const BILLING = { invoiced: 0, warranty: 1, contract: 2, cancelled: 3 } as const;

/** routine work a service contract is sold for (a maintenance route), as opposed to a failure */
export const isRoutine = (type: number): boolean => type === SERVICE.maintenance || type === SERVICE.inspection;

/** Facts per service call, filled by the call planners in turn. */
export interface Calls {
  readonly count: number;
  /** the day the work is done (or was to be done); ascending in id order except weekend moves */
  readonly serviceDay: Int32Array;
  readonly type: Uint8Array;
  readonly cancelled: Uint8Array;
  readonly requestedMinute: Int32Array;
  /** appointment window start (non-emergency); for emergencies the dispatch time */
  readonly scheduledMinute: Int32Array;
  readonly startedMinute: Int32Array;
  readonly durationMinutes: Int32Array;
  /** device installed by this call (an installation that created a device row), else −1 */
  readonly installsDevice: Int32Array;
  readonly device: Int32Array;
  readonly customer: Int32Array;
  readonly technician: Int32Array;
  readonly subscription: Int32Array;
  readonly billing: Uint8Array;
  /** SKILL index the work needed */
  readonly need: Uint8Array;
  /** emergencies: INCIDENTS index and SEVERITIES index */
  readonly incident: Uint8Array;
  readonly severity: Uint8Array;
  readonly laborCents: Float64Array;
  readonly partsCents: Float64Array;
  /** the unit an installation put in, at its list price; 0 for every other call */
  readonly equipmentCents: Float64Array;
}

/** The day a call's work finished. */
export function completedDay(calls: Calls, i: number): number {
  return Math.floor((calls.startedMinute[i] + calls.durationMinutes[i]) / MINUTES_PER_DAY);
}

/** The day a call was requested. */
export function requestDay(calls: Calls, i: number): number {
  return Math.floor(calls.requestedMinute[i] / MINUTES_PER_DAY);
}

/** APPOINTMENT_TYPES index of each SERVICE type (−1 for emergencies, which book no appointment) */
export const APPOINTMENT_TYPE_OF: readonly number[] = SERVICE_TYPES.map((s) => (APPOINTMENT_TYPES as readonly string[]).indexOf(s));

/** days between the request and the visit, by service type (emergencies: same day) */
const LEAD_DAYS: readonly (readonly [number, number])[] = [
  [3, 21],
  [1, 4],
  [5, 30],
  [0, 0],
  [2, 14],
];
/** appointment windows start at these hours */
export const SLOTS = [8, 10, 13, 15];
const CANCELLED_SHARE = 0.04;

export function newCalls(count: number): Calls {
  return {
    count,
    serviceDay: new Int32Array(count),
    type: new Uint8Array(count),
    cancelled: new Uint8Array(count),
    requestedMinute: new Int32Array(count),
    scheduledMinute: new Int32Array(count),
    startedMinute: new Int32Array(count),
    durationMinutes: new Int32Array(count),
    installsDevice: new Int32Array(count).fill(-1),
    device: new Int32Array(count),
    customer: new Int32Array(count),
    technician: new Int32Array(count),
    subscription: new Int32Array(count).fill(-1),
    billing: new Uint8Array(count),
    need: new Uint8Array(count),
    incident: new Uint8Array(count),
    severity: new Uint8Array(count),
    laborCents: new Float64Array(count),
    partsCents: new Float64Array(count),
    equipmentCents: new Float64Array(count),
  };
}

/**
 * Days follow demand (seasonal peaks, weekdays); exactly `emergencies` calls are emergencies,
 * chosen with weight on the extreme seasons and regardless of weekends. Non-emergency work is
 * done on weekdays in appointment windows, booked some days ahead; emergencies are requested at
 * any hour (their start is set once the incident is known).
 */
export function planCallSkeleton(seed: number, calls: Calls, emergencies: number, t: Timeline): void {
  const n = calls.count;
  const days = stratifiedPositions(
    seed,
    'service_calls.day',
    n,
    densityOver(t.windowStart, t.asOf, (d) => demand(d, t)),
  );
  const emergency = chooseExactly(seed, 'service_calls.emergency', n, emergencies, (i) => {
    const day = t.windowStart + days[i];
    return (1 + 0.8 * Math.abs(summerness(day))) * (isWeekend(day) ? 4 : 1);
  });
  for (let i = 0; i < n; i++) {
    const r = rowRandom(seed, 'service_calls.plan', i);
    let day = t.windowStart + days[i];
    if (emergency[i]) {
      calls.type[i] = SERVICE.emergency;
      calls.serviceDay[i] = day;
      calls.requestedMinute[i] = day * MINUTES_PER_DAY + r.int(0, MINUTES_PER_DAY - 1);
      continue;
    }
    const extreme = Math.abs(summerness(day));
    const type = [SERVICE.maintenance, SERVICE.repair, SERVICE.installation, SERVICE.inspection][
      r.weighted([3.2 * (1.25 - extreme), 2.6 * (0.5 + extreme), 0.55, 0.4])
    ];
    if (isWeekend(day)) day -= weekdayOfDays(day) === 6 ? 1 : 2;
    const [lo, hi] = LEAD_DAYS[type];
    calls.type[i] = type;
    calls.serviceDay[i] = day;
    calls.requestedMinute[i] = (day - r.int(lo, hi)) * MINUTES_PER_DAY + r.int(7 * 60 + 30, 18 * 60 + 30);
    calls.scheduledMinute[i] = day * MINUTES_PER_DAY + (type === SERVICE.installation ? SLOTS[0] : r.pick(SLOTS)) * 60; // installs take the day
    calls.startedMinute[i] = calls.scheduledMinute[i] + r.int(0, 45);
  }
}

/**
 * Cancels calls so that invoices and surveys still find enough completed ones: 4 % of the
 * non-emergency calls, fewer if the counts need them. Emergencies are never cancelled (an
 * incident always has an arrival and a resolution). Returns the number cancelled.
 */
export function planCancellations(seed: number, calls: Calls, emergencies: number, completedNeeded: number): number {
  const n = calls.count;
  const cancel = Math.max(0, Math.min(Math.floor(CANCELLED_SHARE * (n - emergencies)), n - completedNeeded));
  const mask = chooseExactly(seed, 'service_calls.cancelled', n, cancel, (i) => (calls.type[i] === SERVICE.emergency ? 0 : 1));
  calls.cancelled.set(mask);
  return cancel;
}

/**
 * Which completed installation calls put a new device on site: all of them, unless the device
 * count leaves too few (one device must predate the history so every early call has a unit).
 * The others become repairs. Returns the installing calls in id order.
 */
export function planInstallations(seed: number, calls: Calls, devices: number): Int32Array {
  const n = calls.count;
  const isInstall = (i: number) => calls.type[i] === SERVICE.installation && !calls.cancelled[i];
  let found = 0;
  for (let i = 0; i < n; i++) if (isInstall(i)) found++;
  const keep = chooseExactly(seed, 'service_calls.installs', n, Math.min(found, Math.max(0, devices - 1)), (i) => (isInstall(i) ? 1 : 0));
  const installing: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keep[i]) installing.push(i);
    else if (isInstall(i)) calls.type[i] = SERVICE.repair;
  }
  return Int32Array.from(installing);
}
