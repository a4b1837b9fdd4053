// The business dataset as a stream of tables: plan every entity's facts first (phase 1, typed
// arrays), then render each table's rows lazily, one at a time (phase 2).
import { BUSINESS_TABLES } from '../tables/business-tables.js';
import type { Row } from '../tables/table-def.js';
import type { BusinessOptions, TableRows } from './business-dataset.js';
import { type BusinessPlan, planBusiness } from './business-plan.js';
import { feedbackRow, invoiceRow, paymentRow } from './render-billing.js';
import { equipmentTypeRow, inventoryRow, partRow, technicianRow, vehicleRow } from './render-company.js';
import { customerRow, deviceRow, subscriptionRow } from './render-customers.js';
import { LINKED_RENDERERS } from './render-link.js';
import { leadRow, mailingRow, quoteRow } from './render-sales.js';
import { appointmentRow, incidentRow, partsUsageRow, serviceCallRow, workOrderRow } from './render-service.js';

type Renderer = (plan: BusinessPlan, index: number) => Row;

const RENDERERS: Readonly<Record<string, Renderer>> = {
  technicians: technicianRow,
  equipment_types: equipmentTypeRow,
  parts: partRow,
  customers: customerRow,
  installed_devices: deviceRow,
  subscriptions: subscriptionRow,
  vehicle_fleet: vehicleRow,
  inventory: inventoryRow,
  leads: leadRow,
  mailing_list: mailingRow,
  quotes: quoteRow,
  service_calls: serviceCallRow,
  appointments: appointmentRow,
  work_orders: workOrderRow,
  parts_usage: partsUsageRow,
  incident_response: incidentRow,
  invoices: invoiceRow,
  payments: paymentRow,
  customer_feedback: feedbackRow,
};

/**
 * All 19 tables in load order (every foreign key points at an earlier table), each with exactly
 * its planned count of rows. Options are validated (counts, asOf) before the first table is
 * yielded; the same options give identical rows.
 */
export function generateBusiness(options: BusinessOptions): Iterable<TableRows> {
  const plan = planBusiness(options);
  return BUSINESS_TABLES.map((table) => {
    const render = RENDERERS[table.name];
    const count = plan.counts[table.name];
    const linked = plan.link?.rows[table.name] ?? 0;
    return { table, count: count + linked, linked, rows: rowsOf(plan, render, count, table.name, linked) };
  });
}

/** the regular rows, then the building link's (ids continue) */
function rowsOf(plan: BusinessPlan, render: Renderer, count: number, table: string, linked: number): Iterable<Row> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < count; i++) yield render(plan, i);
      for (let k = 0; k < linked; k++) yield LINKED_RENDERERS[table](plan, plan.link!, k);
    },
  };
}
