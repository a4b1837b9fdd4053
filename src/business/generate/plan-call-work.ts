// Phase 1 for service calls, step 3: what the work needed, who did it, how long it took, what the
// labour and the installed unit cost and how the call is paid for.
import { CATEGORY_SPECS } from '../vocab/hvac-equipment.js';
import { INCIDENTS } from '../vocab/hvac-service.js';
import { SEVERITIES } from '../tables/vocabulary-codes.js';
import { summerness } from './business-timeline.js';
import { billedLabourCents, LEVEL, pickTechnician, SKILL, type EquipmentTypes, type Technicians } from './plan-catalog.js';
import { BILLING, isRoutine, requestDay, SERVICE, type Calls } from './plan-calls.js';
import { subscriptionOn, type Customers, type Subscriptions } from './plan-customers.js';
import { deviceCategory, type Devices } from './plan-devices.js';
import { billableInvoices } from './plan-billing.js';
import { type RowRandom, rowRandom } from './row-random.js';
import { chooseExactly } from './sampling.js';

/** base frequency of each incident type (INCIDENTS order) */
const INCIDENT_WEIGHTS = [3, 3, 0.6, 0.5, 1.5, 1.2, 0.7, 1.2];
/** minutes from report to arrival by severity (low, medium, high, critical): the emergency promise */
const RESPONSE_MINUTES: readonly (readonly [number, number])[] = [
  [90, 240],
  [60, 180],
  [45, 120],
  [30, 75],
];
/** on-site minutes by service type */
const DURATION: readonly (readonly [number, number])[] = [
  [45, 120],
  [45, 240],
  [240, 600],
  [45, 300],
  [30, 90],
];

export function planCallWork(
  seed: number,
  calls: Calls,
  devices: Devices,
  types: EquipmentTypes,
  techs: Technicians,
  customers: Customers,
  subs: Subscriptions,
): void {
  for (let i = 0; i < calls.count; i++) {
    const r = rowRandom(seed, 'service_calls.work', i);
    const duty = CATEGORY_SPECS[deviceCategory(devices, types, calls.device[i])].duty;
    const type = calls.type[i];
    const emergency = type === SERVICE.emergency;
    if (emergency) planEmergency(r, calls, i, duty);
    else calls.need[i] = skillNeeded(r, type, duty);
    const tech = pickTechnician(techs, calls.need[i], emergency, requestDay(calls, i), r.next());
    calls.technician[i] = tech;
    calls.subscription[i] = subscriptionOn(subs, calls.customer[i], calls.serviceDay[i]);
    if (calls.cancelled[i]) continue;
    const [lo, hi] = DURATION[type];
    const slower =
      (techs.level[tech] === LEVEL.junior ? 1.15 : 1) * (customers.commercial[calls.customer[i]] && type !== SERVICE.repair ? 1.4 : 1);
    const minutes = Math.round(r.int(lo, hi) * slower);
    calls.durationMinutes[i] = minutes;
    calls.laborCents[i] = billedLabourCents(minutes, techs.rateDollars[tech]);
    // a replacement is sold with its unit: the customer pays the catalogue price for the equipment
    if (calls.installsDevice[i] >= 0) calls.equipmentCents[i] = types.listPriceCents[devices.equipmentType[calls.installsDevice[i]]];
  }
}

function planEmergency(r: RowRandom, calls: Calls, i: number, duty: string): void {
  const season = summerness(calls.serviceDay[i]);
  const weights = INCIDENTS.map((inc, k) =>
    inc.duties.includes(duty as never) ? INCIDENT_WEIGHTS[k] * (1 + 1.5 * Math.max(0, inc.season * season)) : 0,
  );
  const k = r.weighted(weights);
  const spec = INCIDENTS[k];
  const severity = SEVERITIES.indexOf(r.pick(spec.severities));
  const [lo, hi] = RESPONSE_MINUTES[severity];
  const response = r.int(lo, hi);
  calls.incident[i] = k;
  calls.severity[i] = severity;
  calls.scheduledMinute[i] = calls.requestedMinute[i] + r.int(3, Math.min(25, response - 20));
  calls.startedMinute[i] = calls.requestedMinute[i] + response;
  calls.need[i] = INCIDENT_SKILL[spec.type];
}

const INCIDENT_SKILL: Readonly<Record<string, number>> = {
  no_heat: SKILL.heating,
  gas_leak: SKILL.heating,
  carbon_monoxide_alarm: SKILL.heating,
  no_cooling: SKILL.refrigeration,
  refrigerant_leak: SKILL.refrigeration,
  electrical_burning_smell: SKILL.electrical,
  system_failure: SKILL.controls,
  water_leak: SKILL.ventilation,
};

function skillNeeded(r: RowRandom, type: number, duty: string): number {
  const heating = duty === 'heating';
  switch (type) {
    case SERVICE.installation:
      return SKILL.hvac_installation;
    case SERVICE.inspection:
      return heating ? SKILL.heating : r.chance(0.5) ? SKILL.controls : SKILL.ductwork;
    case SERVICE.maintenance:
      return heating ? SKILL.heating : duty === 'air' ? SKILL.ventilation : SKILL.refrigeration;
    default:
      if (heating) return r.chance(0.65) ? SKILL.heating : r.chance(0.55) ? SKILL.electrical : SKILL.controls;
      if (duty === 'air') return r.chance(0.6) ? SKILL.ventilation : SKILL.electrical;
      return r.chance(0.6) ? SKILL.refrigeration : SKILL.electrical;
  }
}

/**
 * Which completed calls are billed (billing_status 'invoiced') and which are covered. Billable
 * calls are as many as the payments can settle (billableInvoices); every other completed call is
 * covered, by the service contract in force (maintenance and inspections first) or by the unit's
 * warranty, and gets a $0 invoice or, past the invoice count, none (see planInvoices). Too few
 * coverable calls means more billable ones; only if even the invoice count cannot absorb them
 * does a call go unbilled without either (a goodwill visit, billed as 'warranty').
 */
export function planBilling(seed: number, calls: Calls, devices: Devices, invoices: number, payments: number, completed: number): void {
  const underWarranty = (i: number) => calls.serviceDay[i] <= devices.warrantyEndDay[calls.device[i]];
  const weight = new Float64Array(calls.count);
  let coverable = 0;
  for (let i = 0; i < calls.count; i++) {
    weight[i] = calls.cancelled[i] ? 0 : coverWeight(calls.type[i], calls.subscription[i] >= 0, underWarranty(i));
    if (weight[i] >= TUNE_UP_UNDER_WARRANTY) coverable++;
  }
  const billable = billableInvoices(invoices, payments, completed, coverable);
  const covered = chooseExactly(seed, 'service_calls.covered', calls.count, completed - billable, (i) => weight[i]);
  for (let i = 0; i < calls.count; i++) {
    if (calls.cancelled[i]) calls.billing[i] = BILLING.cancelled;
    else if (!covered[i]) calls.billing[i] = BILLING.invoiced;
    else
      calls.billing[i] =
        calls.subscription[i] >= 0 && (isRoutine(calls.type[i]) || !underWarranty(i)) ? BILLING.contract : BILLING.warranty;
  }
}

/** a tune-up on a unit under warranty without a contract: covered by the installer's labour warranty, after the clearer cases */
const TUNE_UP_UNDER_WARRANTY = 0.2;
/** a call nothing covers, or an installation (always billed): covered only as a last resort */
const GOODWILL = 1e-9;

/** How readily a completed call is covered rather than billed: contract work and warranty repairs first. */
function coverWeight(type: number, contract: boolean, underWarranty: boolean): number {
  if (type === SERVICE.installation) return GOODWILL;
  if (contract || (underWarranty && !isRoutine(type))) return 1;
  return underWarranty ? TUNE_UP_UNDER_WARRANTY : GOODWILL;
}
