// Phase 1 for what follows the calls: surveys, future bookings, and each device's and
// customer's state as of asOf.
import { weekdayOfDays } from '../../time/holidays.js';
import { MINUTES_PER_DAY } from './calendar.js';
import { isWeekend } from '../../time/civil-days.js';
import { summerness, type Timeline } from './business-timeline.js';
import { pickTechnician, SKILL, type Technicians } from './plan-catalog.js';
import { APPOINTMENT_TYPE_OF, completedDay, requestDay, SERVICE, SLOTS, type Calls } from './plan-calls.js';
import type { Customers } from './plan-customers.js';
import type { Devices } from './plan-devices.js';
import { rowRandom } from './row-random.js';
import { chooseExactly, countBelow, groupBy, type GroupIndex } from './sampling.js';

/** The completed calls surveyed, ascending. */
export function planFeedback(seed: number, count: number, calls: Calls): Int32Array {
  const mask = chooseExactly(seed, 'customer_feedback.calls', calls.count, count, (i) => (calls.cancelled[i] ? 0 : 1));
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < calls.count; i++) if (mask[i]) out[k++] = i;
  return out;
}

export interface FutureBookings {
  readonly count: number;
  readonly customer: Int32Array;
  /** −1: no unit yet (an install or estimate visit) */
  readonly device: Int32Array;
  readonly technician: Int32Array;
  /** APPOINTMENT_TYPES index (maintenance, repair, installation, inspection) */
  readonly type: Uint8Array;
  readonly bookedMinute: Int32Array;
  readonly startMinute: Int32Array;
}

/** Bookings made in the last 30 days for weekday slots in the 60 days after asOf. */
export function planFutureBookings(
  seed: number,
  count: number,
  customers: Customers,
  devicesOf: GroupIndex,
  techs: Technicians,
  t: Timeline,
): FutureBookings {
  const b: FutureBookings = {
    count,
    customer: new Int32Array(count),
    device: new Int32Array(count),
    technician: new Int32Array(count),
    type: new Uint8Array(count),
    bookedMinute: new Int32Array(count),
    startMinute: new Int32Array(count),
  };
  for (let j = 0; j < count; j++) {
    const r = rowRandom(seed, 'appointments.future', j);
    const bookedDay = t.asOf - r.int(0, 30);
    const customer = Math.floor(r.next() * Math.max(1, countBelow(customers.createdDay, bookedDay)));
    const owned = devicesOf.start[customer + 1] - devicesOf.start[customer];
    const device = owned > 0 && r.chance(0.9) ? devicesOf.items[devicesOf.start[customer] + Math.floor(r.next() * owned)] : -1;
    const type =
      device < 0
        ? r.chance(0.6)
          ? SERVICE.installation
          : SERVICE.inspection
        : [SERVICE.maintenance, SERVICE.repair, SERVICE.inspection][r.weighted([6, 2.5, 1.5])];
    let day = t.asOf + r.int(1, 60);
    if (isWeekend(day)) day += weekdayOfDays(day) === 6 ? 2 : 1;
    const need = type === SERVICE.installation ? SKILL.hvac_installation : summerness(day) < 0 ? SKILL.heating : SKILL.refrigeration;
    b.customer[j] = customer;
    b.device[j] = device;
    b.technician[j] = pickTechnician(techs, need, false, bookedDay, r.next());
    b.type[j] = APPOINTMENT_TYPE_OF[type];
    b.bookedMinute[j] = bookedDay * MINUTES_PER_DAY + r.int(8 * 60, 18 * 60);
    b.startMinute[j] = day * MINUTES_PER_DAY + r.pick(SLOTS) * 60;
  }
  return b;
}

export const DEVICE_STATUS = { active: 0, needs_service: 1, inactive: 2, replaced: 3 } as const;

export interface DeviceHistory {
  readonly serviceCount: Int32Array;
  /** −1: never serviced in the history */
  readonly lastServiceDay: Int32Array;
  readonly status: Uint8Array;
  /** devices per customer */
  readonly byOwner: GroupIndex;
}

/**
 * Counts and last dates come from the completed calls. A unit with no service in the whole
 * history and over 9 years old is often gone (replaced or inactive); one whose last call was a
 * repair in the final month sometimes still needs service.
 */
export function planDeviceHistory(seed: number, calls: Calls, devices: Devices, customers: Customers, t: Timeline): DeviceHistory {
  const serviceCount = new Int32Array(devices.count);
  const lastServiceDay = new Int32Array(devices.count).fill(-1);
  const lastType = new Uint8Array(devices.count);
  for (let i = 0; i < calls.count; i++) {
    if (calls.cancelled[i]) continue;
    const d = calls.device[i];
    const day = completedDay(calls, i);
    serviceCount[d]++;
    if (day >= lastServiceDay[d]) {
      lastServiceDay[d] = day;
      lastType[d] = calls.type[i];
    }
  }
  const status = new Uint8Array(devices.count);
  for (let d = 0; d < devices.count; d++) {
    const r = rowRandom(seed, 'installed_devices.status', d);
    const old = t.asOf - devices.installDay[d] > 9 * 365;
    if (serviceCount[d] === 0 && old)
      status[d] = r.chance(0.45) ? DEVICE_STATUS.replaced : r.chance(0.3) ? DEVICE_STATUS.inactive : DEVICE_STATUS.active;
    else if (lastServiceDay[d] > t.asOf - 30 && lastType[d] === SERVICE.repair && r.chance(0.3)) status[d] = DEVICE_STATUS.needs_service;
  }
  return { serviceCount, lastServiceDay, status, byOwner: groupBy(devices.owner, customers.count) };
}

/** Customers with no call in the last two years are sometimes gone (is_active false). */
export function planCustomerActivity(seed: number, calls: Calls, customers: Customers, t: Timeline): Uint8Array {
  const last = Int32Array.from(customers.createdDay);
  for (let i = 0; i < calls.count; i++) {
    const day = requestDay(calls, i);
    if (day > last[calls.customer[i]]) last[calls.customer[i]] = day;
  }
  return Uint8Array.from(last, (day, c) => (day < t.asOf - 730 && rowRandom(seed, 'customers.active', c).chance(0.35) ? 0 : 1));
}
