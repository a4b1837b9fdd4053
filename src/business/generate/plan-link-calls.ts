// Phase 1 for the building link, step 2: the site's repair calls, their parts, invoices and
// payments, planned by the regular planners' own rules. Calls, usage lines and invoices are
// numbered from 0 here (appendLinkedSite shifts them after the regular ones); customers,
// devices, technicians, parts and the contract are the absolute indexes.
import type { LinkedRepair, LinkedSite } from '../link/building-link.js';
import { BUILDING_EQUIPMENT } from '../vocab/building-equipment.js';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../time/clock.js';
import type { Timeline } from './business-timeline.js';
import { MINUTES_PER_DAY } from './calendar.js';
import { planInvoices, planPayments, TERMS_DAYS, type Invoices, type Payments } from './plan-billing.js';
import { billedLabourCents, pickTechnician, SKILL, type Parts, type Technicians } from './plan-catalog.js';
import { BILLING, newCalls, SERVICE, type Calls } from './plan-calls.js';
import type { Customers } from './plan-customers.js';
import { planCallParts, type PartsUsage } from './plan-parts-usage.js';
import { rowRandom } from './row-random.js';

export interface LinkedWork {
  readonly repairs: readonly LinkedRepair[];
  readonly calls: Calls;
  readonly partsUsage: PartsUsage;
  readonly invoices: Invoices;
  readonly payments: Payments;
}

/** where the site's rows start: its customer, first device and its contract */
export interface SiteIndexes {
  readonly customer: number;
  readonly firstDevice: number;
  readonly subscription: number;
  readonly contractDays: readonly [number, number];
}

const NET_30 = TERMS_DAYS.indexOf(30);

/**
 * One completed repair call per simulated fault the contractor was called for, billed to the
 * site on net-30 (its contract covers maintenance, not failures). A fault still open at the end
 * of asOf has no completed call yet, so it is left out.
 */
export function planLinkedWork(
  seed: number,
  site: LinkedSite,
  at: SiteIndexes,
  techs: Technicians,
  parts: Parts,
  customers: Customers,
  t: Timeline,
): LinkedWork {
  const endOfAsOf = (t.asOf + 1) * MS_PER_DAY;
  const repairs = site.repairs.filter((r) => r.completedAt <= endOfAsOf);
  const calls = newCalls(repairs.length);
  const lines = new Int32Array(repairs.length);
  repairs.forEach((repair, i) => {
    const r = rowRandom(seed, 'service_calls.link', i);
    const spec = BUILDING_EQUIPMENT[site.devices[repair.device]!.category];
    const requested = Math.round(repair.requestedAt / MS_PER_MINUTE);
    const started = Math.round(repair.startedAt / MS_PER_MINUTE);
    const completed = Math.max(started + 1, Math.round(repair.completedAt / MS_PER_MINUTE));
    calls.type[i] = SERVICE.repair;
    calls.requestedMinute[i] = requested;
    // dispatched at once: the arrival window opens up to half an hour before the technician is on site
    calls.scheduledMinute[i] = Math.max(requested + 5, started - r.int(0, 30));
    calls.startedMinute[i] = started;
    calls.durationMinutes[i] = completed - started;
    calls.serviceDay[i] = Math.floor(started / MINUTES_PER_DAY);
    calls.device[i] = at.firstDevice + repair.device;
    calls.customer[i] = at.customer;
    calls.need[i] = SKILL[spec.skill];
    calls.technician[i] = pickTechnician(techs, calls.need[i], spec.plant, Math.floor(requested / MINUTES_PER_DAY), r.next());
    const [from, to] = at.contractDays;
    calls.subscription[i] = from <= calls.serviceDay[i] && calls.serviceDay[i] <= to ? at.subscription : -1;
    calls.billing[i] = BILLING.invoiced;
    calls.laborCents[i] = billedLabourCents(calls.durationMinutes[i], techs.rateDollars[calls.technician[i]]);
    lines[i] = r.int(...spec.partLines);
  });
  const partsUsage = planLinkedParts(seed, site, repairs, calls, lines, parts);
  const invoices = planInvoices(seed, calls.count, calls, customers, t);
  invoices.terms.fill(NET_30);
  // the site pays by ACH once an invoice is due: those older than the latest first payment on net 30
  let due = 0;
  for (let k = 0; k < invoices.count; k++) if (invoices.day[k] + 40 <= t.asOf) due++;
  return { repairs, calls, partsUsage, invoices, payments: planPayments(seed, due, invoices, t) };
}

function planLinkedParts(
  seed: number,
  site: LinkedSite,
  repairs: readonly LinkedRepair[],
  calls: Calls,
  lines: Int32Array,
  parts: Parts,
): PartsUsage {
  const count = lines.reduce((a, b) => a + b, 0);
  const usage: PartsUsage = {
    count,
    call: new Int32Array(count),
    part: new Int32Array(count),
    quantity: new Int32Array(count),
    usageDay: new Int32Array(count),
  };
  let u = 0;
  repairs.forEach((repair, i) => {
    const use = BUILDING_EQUIPMENT[site.devices[repair.device]!.category].parts;
    u = planCallParts(rowRandom(seed, 'parts_usage.link', i), calls, i, lines[i]!, use, parts, usage, u);
  });
  return usage;
}
