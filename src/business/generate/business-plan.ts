// Phase 1: every entity's facts in typed arrays, planned in dependency order. Rendering (phase 2)
// reads only this, one row at a time.
import { type Timeline, timelineOf } from './business-timeline.js';
import type { BusinessOptions } from './business-dataset.js';
import { type EquipmentTypes, type Parts, planEquipmentTypes, planParts, planTechnicians, type Technicians } from './plan-catalog.js';
import { type Calls, newCalls, planCallSkeleton, planCancellations, planInstallations, SERVICE } from './plan-calls.js';
import { planBilling, planCallWork } from './plan-call-work.js';
import { type Customers, planCustomers, planSubscriptions, type Subscriptions } from './plan-customers.js';
import { assignCallDevices, type Devices, planDevices } from './plan-devices.js';
import {
  type DeviceHistory,
  type FutureBookings,
  planCustomerActivity,
  planDeviceHistory,
  planFeedback,
  planFutureBookings,
} from './plan-follow-ups.js';
import { type Inventory, planInventory } from './plan-inventory.js';
import { annualUsage, type PartsUsage, planPartsUsage } from './plan-parts-usage.js';
import { type Invoices, type Payments, planInvoices, planPayments } from './plan-billing.js';
import { type Leads, type MailingList, planLeads, planMailingList, planQuotes, type Quotes } from './plan-sales.js';
import { appendLinkedSite, keepLinkedInService, type LinkedPlan } from './plan-link.js';
import { planRowCounts, type RowCounts } from './row-counts.js';

export interface BusinessPlan {
  readonly seed: number;
  readonly counts: RowCounts;
  readonly timeline: Timeline;
  readonly technicians: Technicians;
  readonly equipmentTypes: EquipmentTypes;
  readonly parts: Parts;
  readonly customers: Customers;
  readonly customerActive: Uint8Array;
  readonly subscriptions: Subscriptions;
  readonly devices: Devices;
  readonly deviceHistory: DeviceHistory;
  readonly calls: Calls;
  readonly partsUsage: PartsUsage;
  readonly inventory: Inventory;
  readonly invoices: Invoices;
  readonly payments: Payments;
  /** per call: its invoice, or −1 */
  readonly invoiceOfCall: Int32Array;
  /** the completed calls surveyed, ascending */
  readonly feedbackCalls: Int32Array;
  /** the non-emergency calls in id order (one historical appointment each) */
  readonly appointmentCalls: Int32Array;
  readonly futureBookings: FutureBookings;
  /** the emergency calls in id order (one incident each) */
  readonly incidentCalls: Int32Array;
  readonly leads: Leads;
  readonly quotes: Quotes;
  readonly mailingList: MailingList;
  /** the simulated building's rows, appended after the regular ones (building link only) */
  readonly link: LinkedPlan | undefined;
}

export function planBusiness(options: BusinessOptions): BusinessPlan {
  const counts = planRowCounts(options.scale, options.overrides);
  const seed = options.seed | 0;
  const t = timelineOf(options.asOf);
  const technicians = planTechnicians(seed, counts.technicians, t);
  const equipmentTypes = planEquipmentTypes(seed, counts.equipment_types);
  const parts = planParts(seed, counts.parts);
  const customers = planCustomers(seed, counts.customers, t);
  const subscriptions = planSubscriptions(seed, counts.subscriptions, customers, t);

  const calls = newCalls(counts.service_calls);
  const emergencies = counts.incident_response;
  planCallSkeleton(seed, calls, emergencies, t);
  const cancelled = planCancellations(seed, calls, emergencies, Math.max(counts.invoices, counts.customer_feedback));
  const installing = planInstallations(seed, calls, counts.installed_devices);
  const devices = planDevices(seed, counts.installed_devices, installing, calls, customers, equipmentTypes, t);
  assignCallDevices(seed, calls, devices);
  planCallWork(seed, calls, devices, equipmentTypes, technicians, customers, subscriptions);
  const partsUsage = planPartsUsage(seed, counts.parts_usage, calls, devices, equipmentTypes, parts);
  planBilling(seed, calls, devices, counts.invoices, counts.payments, calls.count - cancelled);

  const invoices = planInvoices(seed, counts.invoices, calls, customers, t);
  const payments = planPayments(seed, counts.payments, invoices, t);
  // the simulated building's rows follow the regular ones; the planners below that pick among
  // customers, calls or devices keep to the regular facts, so the regular rows stay as they are
  const regular = { customers, subscriptions, equipmentTypes, devices, calls, partsUsage, invoices, payments };
  const facts = options.link ? appendLinkedSite(seed, options.link, regular, technicians, parts, t) : { ...regular, link: undefined };
  const invoiceOfCall = new Int32Array(facts.calls.count).fill(-1);
  facts.invoices.call.forEach((call, k) => (invoiceOfCall[call] = k));
  const deviceHistory = planDeviceHistory(seed, facts.calls, facts.devices, facts.customers, t);
  if (facts.link) keepLinkedInService(deviceHistory, facts.link);
  const leads = planLeads(seed, counts.leads, customers, t);
  return {
    seed,
    counts,
    timeline: t,
    technicians,
    parts,
    ...facts,
    customerActive: planCustomerActivity(seed, facts.calls, facts.customers, t),
    deviceHistory,
    inventory: planInventory(seed, counts.inventory, parts, annualUsage(facts.partsUsage, parts, t.asOf)),
    invoiceOfCall,
    feedbackCalls: planFeedback(seed, counts.customer_feedback, calls),
    appointmentCalls: callsWhere(calls, (i) => calls.type[i] !== SERVICE.emergency),
    futureBookings: planFutureBookings(
      seed,
      counts.appointments - (calls.count - emergencies),
      customers,
      deviceHistory.byOwner,
      technicians,
      t,
    ),
    incidentCalls: callsWhere(calls, (i) => calls.type[i] === SERVICE.emergency),
    leads,
    quotes: planQuotes(seed, counts.quotes, leads, customers, technicians, t),
    mailingList: planMailingList(seed, counts.mailing_list, customers, leads),
  };
}

function callsWhere(calls: Calls, keep: (i: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < calls.count; i++) if (keep(i)) out.push(i);
  return Int32Array.from(out);
}
