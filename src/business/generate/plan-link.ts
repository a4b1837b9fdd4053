// Phase 1 for the building link: the simulated site as one more commercial customer, with its
// equipment as installed devices, a service contract and its simulated faults as repair calls.
// Planned after the regular facts and appended to them: ids continue, regular facts unchanged.
import type { LinkedCategory, LinkedRepair, LinkedSite } from '../link/building-link.js';
import { EQUIPMENT_CATEGORIES } from '../tables/vocabulary-codes.js';
import { BUILDING_EQUIPMENT } from '../vocab/building-equipment.js';
import { hashString, mix } from '../../random/rng.js';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../time/clock.js';
import { appendFacts } from './append-facts.js';
import type { Timeline } from './business-timeline.js';
import { addMonths } from '../../time/civil-days.js';
import type { Invoices, Payments } from './plan-billing.js';
import type { EquipmentTypes, Parts, Technicians } from './plan-catalog.js';
import type { Calls } from './plan-calls.js';
import { PLAN, SUBSCRIPTION_STATUS, termEnd, termsThrough, type Customers, type Subscriptions } from './plan-customers.js';
import type { Devices } from './plan-devices.js';
import { DEVICE_STATUS, type DeviceHistory } from './plan-follow-ups.js';
import { planLinkedWork } from './plan-link-calls.js';
import type { PartsUsage } from './plan-parts-usage.js';

/** The planned facts the building link adds rows to. */
export interface LinkableFacts {
  readonly customers: Customers;
  readonly subscriptions: Subscriptions;
  readonly equipmentTypes: EquipmentTypes;
  readonly devices: Devices;
  readonly calls: Calls;
  readonly partsUsage: PartsUsage;
  readonly invoices: Invoices;
  readonly payments: Payments;
}

/** One catalogue entry per distinct nameplate on site. */
export interface LinkedType {
  readonly brand: string;
  readonly model: string;
  readonly category: LinkedCategory;
  readonly capacityBtuh: number;
  readonly efficiency: number | null;
}

/** Which appended rows are the site's, and what only the site has. */
export interface LinkedPlan {
  readonly site: LinkedSite;
  readonly customer: number;
  readonly firstType: number;
  readonly types: readonly LinkedType[];
  readonly firstDevice: number;
  readonly subscription: number;
  readonly monthlyFeeCents: number;
  readonly firstCall: number;
  /** the repair behind each linked call, in call order */
  readonly repairs: readonly LinkedRepair[];
  readonly firstPayment: number;
  /** rows appended to each table */
  readonly rows: Readonly<Record<string, number>>;
}

/** A commercial HVAC maintenance contract runs about $0.18 per ft² a year. */
const CONTRACT_DOLLARS_PER_FT2_YEAR = 0.18;
/** the contract was signed a quarter before the history starts (or when the account opened) */
const CONTRACT_LEAD_DAYS = 90;

export function appendLinkedSite(
  seed: number,
  site: LinkedSite,
  regular: LinkableFacts,
  techs: Technicians,
  parts: Parts,
  t: Timeline,
): LinkableFacts & { readonly link: LinkedPlan } {
  const linkSeed = mix(seed, hashString('building-link'));
  const c = regular.customers;
  const customerCreatedDay = Math.floor(site.createdAt / MS_PER_DAY);
  const customers = appendFacts(c, {
    count: 1,
    createdDay: Int32Array.of(customerCreatedDay),
    createdMinute: Int32Array.of(Math.floor(site.createdAt / MS_PER_MINUTE)),
    commercial: Uint8Array.of(1),
    cumulativeWeight: Float64Array.of((c.count > 0 ? c.cumulativeWeight[c.count - 1] : 0) + 3),
  });

  const keys = site.devices.map((d) => `${d.brand}\u0000${d.model}\u0000${d.category}`);
  const distinct = [...new Set(keys)];
  const types: LinkedType[] = distinct.map((key) => {
    const d = site.devices[keys.indexOf(key)]!;
    return { brand: d.brand, model: d.model, category: d.category, capacityBtuh: d.capacityBtuh, efficiency: d.efficiency };
  });
  const specs = types.map((type) => BUILDING_EQUIPMENT[type.category]);
  const equipmentTypes = appendFacts(regular.equipmentTypes, {
    ...regular.equipmentTypes,
    count: types.length,
    line: new Uint16Array(types.length), // no product line: the nameplate is the site's
    category: Uint8Array.from(types, (type) => EQUIPMENT_CATEGORIES.indexOf(type.category)),
    commercial: new Uint8Array(types.length).fill(1),
    capacityBtuh: Int32Array.from(types, (type) => type.capacityBtuh),
    listPriceCents: Float64Array.from(types, (type, k) => Math.round(specs[k]!.priceDollars(type.capacityBtuh) / 5) * 500),
    warrantyYears: Uint8Array.from(specs, (s) => s.warrantyYears),
  });

  const typeOf = keys.map((key) => regular.equipmentTypes.count + distinct.indexOf(key));
  const n = site.devices.length;
  const installDay = Int32Array.from(site.devices, (d) => d.installDay);
  const warrantyMonths = Uint8Array.from(site.devices, (d) => BUILDING_EQUIPMENT[d.category].warrantyYears * 12);
  const devices = appendFacts(regular.devices, {
    ...regular.devices,
    count: n,
    installDay,
    owner: new Int32Array(n).fill(c.count),
    equipmentType: Int32Array.from(typeOf),
    warrantyMonths,
    warrantyEndDay: installDay.map((day, j) => addMonths(day, warrantyMonths[j]!)),
    installedBy: new Int32Array(n).fill(-1),
  });

  // annual terms, auto-renewed up to the one containing asOf
  const start = Math.max(customerCreatedDay + 1, t.windowStart - CONTRACT_LEAD_DAYS);
  const end = termEnd(start, termsThrough(start, t.asOf));
  const subscriptions = appendFacts(regular.subscriptions, {
    ...regular.subscriptions,
    count: 1,
    customer: Int32Array.of(c.count),
    plan: Uint8Array.of(PLAN.commercial),
    startDay: Int32Array.of(start),
    endDay: Int32Array.of(end),
    autoRenew: Uint8Array.of(1),
    status: Uint8Array.of(SUBSCRIPTION_STATUS.active),
  });

  const at = {
    customer: c.count,
    firstDevice: regular.devices.count,
    subscription: regular.subscriptions.count,
    contractDays: [start, end] as const,
  };
  const work = planLinkedWork(linkSeed, site, at, techs, parts, customers, t);
  const N = regular.calls.count;
  return {
    customers,
    subscriptions,
    equipmentTypes,
    devices,
    calls: appendFacts(regular.calls, work.calls),
    partsUsage: appendFacts(regular.partsUsage, work.partsUsage, { call: N }),
    invoices: appendFacts(regular.invoices, work.invoices, { call: N }),
    payments: appendFacts(regular.payments, work.payments, { invoice: regular.invoices.count }),
    link: {
      site,
      customer: c.count,
      firstType: regular.equipmentTypes.count,
      types,
      firstDevice: regular.devices.count,
      subscription: regular.subscriptions.count,
      monthlyFeeCents: Math.round((site.areaFt2 * CONTRACT_DOLLARS_PER_FT2_YEAR) / 12 / 10) * 1000 - 5,
      firstCall: N,
      repairs: work.repairs,
      firstPayment: regular.payments.count,
      rows: {
        customers: 1,
        equipment_types: types.length,
        installed_devices: n,
        subscriptions: 1,
        service_calls: work.calls.count,
        appointments: work.calls.count,
        work_orders: work.calls.count,
        parts_usage: work.partsUsage.count,
        invoices: work.invoices.count,
        payments: work.payments.count,
      },
    },
  };
}

/**
 * The simulated equipment runs in the simulation right up to asOf, so none of it is gone,
 * however old and rarely serviced (the regular rule retires such units).
 */
export function keepLinkedInService(history: DeviceHistory, link: LinkedPlan): void {
  for (let d = link.firstDevice; d < link.firstDevice + link.site.devices.length; d++) {
    if (history.status[d] === DEVICE_STATUS.replaced || history.status[d] === DEVICE_STATUS.inactive)
      history.status[d] = DEVICE_STATUS.active;
  }
}
