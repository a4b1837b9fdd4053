// Phase 2 for the building link: the site's rows, after each table's regular rows. Where the
// regular renderer draws the row from facts planned in the regular shapes, it is reused and only
// what the simulated site decides is set (nameplates, its address, the fault behind a call).
import { BUSINESS_TABLES } from '../tables/business-tables.js';
import { CUSTOMER_TYPES, SERVICE_SCHEDULES, WORK_ORDER_PRIORITIES } from '../tables/vocabulary-codes.js';
import { decimal, isoTimestamp, money } from '../tables/cell-format.js';
import type { Cell, Row } from '../tables/table-def.js';
import { BUILDING_EQUIPMENT } from '../vocab/building-equipment.js';
import { minuteMs } from './calendar.js';
import type { BusinessPlan } from './business-plan.js';
import { contactAt, letters } from './contact-identity.js';
import type { LinkedPlan } from './plan-link.js';
import { ACH, invoiceRow, paymentRowBy } from './render-billing.js';
import { deviceRow, subscriptionRow } from './render-customers.js';
import { callAppointmentRow, partsUsageRow, serviceCallRow, workOrderRow } from './render-service.js';
import { rowRandom } from './row-random.js';

/** Renders the k-th linked row of a table. */
type LinkedRenderer = (plan: BusinessPlan, link: LinkedPlan, k: number) => Row;

/** the table's row `row` with some cells replaced, by column name */
function setCells(table: string, row: Row, cells: Readonly<Record<string, Cell>>): Row {
  const columns = BUSINESS_TABLES.find((t) => t.name === table)!.columns;
  const out = [...row];
  for (const [name, value] of Object.entries(cells)) out[columns.findIndex((c) => c.name === name)] = value;
  return out;
}

/** the linked rows' facts follow the regular ones: row k of a table is fact counts[table] + k */
const after = (plan: BusinessPlan, table: string, k: number) => plan.counts[table] + k;

function customerRow(plan: BusinessPlan, link: LinkedPlan): Row {
  const c = link.customer;
  const site = link.site;
  const contact = contactAt(plan.seed, 'customers.contact', c, true, '.');
  return [
    c + 1,
    CUSTOMER_TYPES[1],
    site.name,
    contact.first,
    contact.last,
    contact.email.replace(/@.*$/, `@${letters(site.name).slice(0, 24)}.com`),
    contact.phone,
    site.streetAddress,
    site.city,
    site.state,
    site.postalCode,
    isoTimestamp(minuteMs(plan.customers.createdMinute[c])),
    'referral',
    true,
    site.siteRef,
  ];
}

function equipmentTypeRow(plan: BusinessPlan, link: LinkedPlan, k: number): Row {
  const type = link.types[k]!;
  const spec = BUILDING_EQUIPMENT[type.category];
  const e = link.firstType + k;
  return [
    e + 1,
    type.brand,
    type.model,
    type.category,
    spec.fuel,
    type.capacityBtuh,
    spec.metric,
    type.efficiency === null || spec.metric === null ? null : decimal(type.efficiency, 2),
    'commercial',
    money(plan.equipmentTypes.listPriceCents[e]),
    plan.equipmentTypes.warrantyYears[e],
    spec.lifeYears,
  ];
}

export const LINKED_RENDERERS: Readonly<Record<string, LinkedRenderer>> = {
  customers: (plan, link) => customerRow(plan, link),
  equipment_types: equipmentTypeRow,
  installed_devices: (plan, link, k) => {
    const device = link.site.devices[k]!;
    return setCells('installed_devices', deviceRow(plan, after(plan, 'installed_devices', k)), {
      install_location: BUILDING_EQUIPMENT[device.category].location,
      haystack_equip_ref: device.equipRef,
    });
  },
  subscriptions: (plan, link) =>
    setCells('subscriptions', subscriptionRow(plan, link.subscription), {
      monthly_fee: money(link.monthlyFeeCents),
      visits_per_year: 12,
      service_schedule: SERVICE_SCHEDULES[3],
    }),
  service_calls: (plan, link, k) => {
    const repair = link.repairs[k]!;
    return setCells('service_calls', serviceCallRow(plan, after(plan, 'service_calls', k)), {
      problem_description: repair.problem,
      sim_event_ref: repair.eventRef,
    });
  },
  appointments: (plan, _link, k) => callAppointmentRow(plan, after(plan, 'appointments', k), after(plan, 'service_calls', k)),
  work_orders: (plan, link, k) => {
    const plant = BUILDING_EQUIPMENT[link.site.devices[link.repairs[k]!.device]!.category].plant;
    return setCells('work_orders', workOrderRow(plan, after(plan, 'work_orders', k)), { priority: WORK_ORDER_PRIORITIES[plant ? 3 : 2] });
  },
  parts_usage: (plan, _link, k) => partsUsageRow(plan, after(plan, 'parts_usage', k)),
  invoices: (plan, _link, k) => invoiceRow(plan, after(plan, 'invoices', k)),
  payments: (plan, _link, k) => {
    const p = after(plan, 'payments', k);
    return paymentRowBy(plan, p, ACH, rowRandom(plan.seed, 'payments.render', p));
  },
};
