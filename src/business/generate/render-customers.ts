// Phase 2 for customers and what they own or signed: one row at a time from the plan.
import {
  CUSTOMER_TYPES,
  DEVICE_STATUSES,
  LEAD_SOURCES,
  SERVICE_SCHEDULES,
  SUBSCRIPTION_PLANS,
  SUBSCRIPTION_STATUSES,
} from '../tables/vocabulary-codes.js';
import { isoDate, isoTimestamp, money } from '../tables/cell-format.js';
import type { Row } from '../tables/table-def.js';
import { minuteMs } from './calendar.js';
import { yearOf } from '../../time/civil-days.js';
import type { BusinessPlan } from './business-plan.js';
import { PLAN } from './plan-customers.js';
import { addressAt, contactAt, type Contact } from './contact-identity.js';
import { rowRandom } from './row-random.js';
import { SERVICE_STATE } from '../vocab/service-area.js';

/** The customer's contact person (a won lead renders the same person). */
export function customerContact(plan: BusinessPlan, c: number): Contact {
  return contactAt(plan.seed, 'customers.contact', c, plan.customers.commercial[c] === 1, '.');
}

export function customerRow(plan: BusinessPlan, c: number): Row {
  const { customers, leads } = plan;
  const commercial = customers.commercial[c] === 1;
  const contact = customerContact(plan, c);
  const address = addressAt(plan.seed, 'customers.address', c, commercial);
  const lead = leads.leadOfCustomer[c];
  const source = lead >= 0 ? leads.source[lead] : rowRandom(plan.seed, 'customers.channel', c).weighted([22, 35, 15, 6, 6, 10, 6]);
  return [
    c + 1,
    CUSTOMER_TYPES[customers.commercial[c]],
    contact.company,
    contact.first,
    contact.last,
    contact.email,
    contact.phone,
    address.street,
    address.city,
    SERVICE_STATE,
    address.zip,
    isoTimestamp(minuteMs(customers.createdMinute[c])),
    LEAD_SOURCES[source],
    plan.customerActive[c] === 1,
    null,
  ];
}

const LOCATIONS = {
  residential: ['Attic', 'Garage', 'Basement', 'Side yard', 'Backyard', 'Utility closet', 'Crawl space', 'Rooftop'],
  commercial: [
    'Roof, north side',
    'Roof, south side',
    'Mechanical room',
    'Penthouse',
    'Server room',
    'Suite 100 ceiling',
    'Warehouse mezzanine',
    'Loading dock',
  ],
};

export function deviceRow(plan: BusinessPlan, j: number): Row {
  const { devices, deviceHistory: h } = plan;
  const r = rowRandom(plan.seed, 'installed_devices.render', j);
  const installDay = devices.installDay[j];
  const serial = `${String(yearOf(installDay)).slice(2)}${String(r.int(1, 52)).padStart(2, '0')}${r.pick(['E', 'X', 'K', 'A', 'F'])}${String(j + 1).padStart(7, '0')}`;
  return [
    j + 1,
    devices.owner[j] + 1,
    devices.equipmentType[j] + 1,
    serial,
    isoDate(installDay),
    devices.warrantyMonths[j],
    isoDate(devices.warrantyEndDay[j]),
    DEVICE_STATUSES[h.status[j]],
    r.pick(plan.customers.commercial[devices.owner[j]] ? LOCATIONS.commercial : LOCATIONS.residential),
    h.lastServiceDay[j] >= 0 ? isoDate(h.lastServiceDay[j]) : null,
    h.serviceCount[j],
    null,
  ];
}

/** monthly fee in cents and visits by plan; commercial fees scale with the site */
const FEES = [1495, 2495, 3995];
const VISITS = [
  [1, 0],
  [2, 1],
  [4, 2],
] as const;

export function subscriptionRow(plan: BusinessPlan, s: number): Row {
  const subs = plan.subscriptions;
  const r = rowRandom(plan.seed, 'subscriptions.render', s);
  const tier = subs.plan[s];
  const [visits, schedule] =
    tier === PLAN.commercial ? (r.chance(0.7) ? [4, 2] : [12, 3]) : tier === PLAN.basic && r.chance(0.4) ? [2, 1] : VISITS[tier];
  const fee = tier === PLAN.commercial ? r.int(15, 90) * 1000 - 5 : FEES[tier];
  return [
    s + 1,
    subs.customer[s] + 1,
    SUBSCRIPTION_PLANS[tier],
    isoDate(subs.startDay[s]),
    isoDate(subs.endDay[s]),
    money(fee),
    subs.autoRenew[s] === 1,
    visits,
    SERVICE_SCHEDULES[schedule],
    SUBSCRIPTION_STATUSES[subs.status[s]],
  ];
}
