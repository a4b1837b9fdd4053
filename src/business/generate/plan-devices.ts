// Phase 1 for installed devices and for whose device each call serves. Devices are numbered in
// install order: first the units already on site before the history window, then one per
// installing call, installed on that call's day. A call picks among the devices installed
// before its request, so a customer always exists before their device and their device before
// its calls.
import { MINUTES_PER_DAY } from './calendar.js';
import { addMonths } from '../../time/civil-days.js';
import { densityOver, type Timeline } from './business-timeline.js';
import type { EquipmentTypes } from './plan-catalog.js';
import { requestDay, SERVICE, type Calls } from './plan-calls.js';
import type { Customers } from './plan-customers.js';
import { rowRandom } from './row-random.js';
import { countBelow, groupBy, pickCumulative, pickInGroup, stratifiedPositions } from './sampling.js';
import { EQUIPMENT_CATEGORIES } from '../tables/vocabulary-codes.js';
import type { EquipmentCategory } from '../vocab/hvac-equipment.js';

export interface Devices {
  readonly count: number;
  /** ascending */
  readonly installDay: Int32Array;
  readonly owner: Int32Array;
  readonly equipmentType: Int32Array;
  readonly warrantyMonths: Uint8Array;
  readonly warrantyEndDay: Int32Array;
  /** the call that installed it, or −1 (installed before the history) */
  readonly installedBy: Int32Array;
}

/** The catalogue category of device d. */
export function deviceCategory(devices: Devices, types: EquipmentTypes, d: number): EquipmentCategory {
  return EQUIPMENT_CATEGORIES[types.category[devices.equipmentType[d]]];
}

/** how long after founding the first unit went in */
const FIRST_INSTALL_AFTER = 30;
/**
 * A regional contractor's commercial accounts are shops, restaurants and small offices on rooftop
 * units; a chiller plant is a rare account. Picking uniformly among the catalogue's commercial types
 * made 40 % of commercial units chillers.
 */
const COMMERCIAL_CHILLER_SHARE = 0.03;
const CHILLER = EQUIPMENT_CATEGORIES.indexOf('chiller');
const ROOFTOP_UNIT = EQUIPMENT_CATEGORIES.indexOf('packaged_rooftop_unit');

export function planDevices(
  seed: number,
  count: number,
  installing: Int32Array,
  calls: Calls,
  customers: Customers,
  types: EquipmentTypes,
  t: Timeline,
): Devices {
  const pre = count - installing.length;
  const installDay = new Int32Array(count);
  const owner = new Int32Array(count);
  const installedBy = new Int32Array(count).fill(-1);
  const first = t.founded + FIRST_INSTALL_AFTER;
  // units on site before the window: older ones are rarer (replaced or gone), hence a rising density
  const early = stratifiedPositions(
    seed,
    'installed_devices.day',
    pre,
    densityOver(first, t.windowStart - 7, (day) => 0.3 + (day - first) / 365),
  );
  for (let j = 0; j < pre; j++) {
    const day = j === 0 ? first : first + early[j];
    installDay[j] = day;
    owner[j] = pickOwner(seed, 'installed_devices.owner', j, customers, day);
  }
  installing.forEach((call, k) => {
    const j = pre + k;
    const customer = pickOwner(seed, 'service_calls.customer', call, customers, requestDay(calls, call));
    installDay[j] = calls.serviceDay[call];
    owner[j] = customer;
    installedBy[j] = call;
    calls.installsDevice[call] = j;
    calls.device[call] = j;
    calls.customer[call] = customer;
  });
  const byCategory = groupBy(Int32Array.from(types.category), EQUIPMENT_CATEGORIES.length);
  const equipmentType = new Int32Array(count);
  const warrantyMonths = new Uint8Array(count);
  const warrantyEndDay = new Int32Array(count);
  for (let j = 0; j < count; j++) {
    const r = rowRandom(seed, 'installed_devices.plan', j);
    const market = customers.commercial[owner[j]] && r.chance(0.6) ? 1 : 0;
    const type = market
      ? pickInGroup(byCategory, r.chance(COMMERCIAL_CHILLER_SHARE) ? CHILLER : ROOFTOP_UNIT, r.next(), types.count)
      : pickInGroup(types.byMarket, market, r.next(), types.count);
    // a registered residential unit gets the 10-year parts warranty; others the standard term
    const years = !customers.commercial[owner[j]] && r.chance(0.6) ? Math.max(10, types.warrantyYears[type]) : types.warrantyYears[type];
    equipmentType[j] = type;
    warrantyMonths[j] = years * 12;
    warrantyEndDay[j] = addMonths(installDay[j], years * 12);
  }
  return { count, installDay, owner, equipmentType, warrantyMonths, warrantyEndDay, installedBy };
}

/**
 * Break-fix visits that go back to a unit repaired in the last 30 days: a first-time-fix rate of
 * about 85 %, as field-service benchmarks report (random device picks alone gave ~96 %).
 */
const CALLBACK_SHARE = 0.12;
const CALLBACK_DAYS = 30;

/**
 * Every call that did not install a unit serves a device installed before the request (its owner
 * is the caller); some break-fix calls are callbacks to a recent repair's device.
 */
export function assignCallDevices(seed: number, calls: Calls, devices: Devices): void {
  for (let i = 0; i < calls.count; i++) {
    if (calls.installsDevice[i] >= 0) continue;
    const r = rowRandom(seed, 'service_calls.device', i);
    const available = countBelow(devices.installDay, requestDay(calls, i));
    const pick = Math.floor(r.next() * available);
    const callback = isBreakFix(calls, i) && r.chance(CALLBACK_SHARE) ? recentRepair(calls, i, r.next()) : -1;
    const device = callback >= 0 ? calls.device[callback] : pick;
    calls.device[i] = device;
    calls.customer[i] = devices.owner[device];
  }
}

const isBreakFix = (calls: Calls, i: number) => calls.type[i] === SERVICE.repair || calls.type[i] === SERVICE.emergency;

/**
 * An earlier completed break-fix call whose work was surely done a day before call i was requested
 * (durations are planned later, hence the day's margin), within CALLBACK_DAYS of it; −1 if none.
 * Calls are in service-day order, so the search walks back only over that window.
 */
function recentRepair(calls: Calls, i: number, u: number): number {
  const found: number[] = [];
  for (let j = i - 1; j >= 0 && calls.serviceDay[j] >= calls.serviceDay[i] - CALLBACK_DAYS - 7; j--) {
    // emergencies start within hours of the request; other work at the planned visit
    const gap = calls.requestedMinute[i] - (calls.type[j] === SERVICE.emergency ? calls.requestedMinute[j] : calls.startedMinute[j]);
    if (!calls.cancelled[j] && isBreakFix(calls, j) && gap > MINUTES_PER_DAY && gap < (CALLBACK_DAYS - 1) * MINUTES_PER_DAY) found.push(j);
  }
  return found.length > 0 ? found[Math.floor(u * found.length)] : -1;
}

/** A customer created before `day`, commercial sites weighted up. */
function pickOwner(seed: number, stream: string, index: number, customers: Customers, day: number): number {
  const eligible = Math.max(1, countBelow(customers.createdDay, day));
  const x = rowRandom(seed, stream, index).next() * customers.cumulativeWeight[eligible - 1];
  return pickCumulative(customers.cumulativeWeight, x, eligible);
}
