// Phase 2 for the service work: calls, their appointments, work orders, parts lines and incidents.
import { CATEGORY_SPECS } from '../vocab/hvac-equipment.js';
import { COMPLETION_NOTES, INCIDENTS, INSTRUCTIONS, PROBLEMS, REPAIR_PROBLEMS, SAFETY } from '../vocab/hvac-service.js';
import {
  APPOINTMENT_STATUSES,
  APPOINTMENT_TYPES,
  BILLING_STATUSES,
  INCIDENT_RESOLUTIONS,
  SERVICE_TYPES,
  SEVERITIES,
  WORK_ORDER_PRIORITIES,
} from '../tables/vocabulary-codes.js';
import { decimal, isoDate, isoTimestamp, money } from '../tables/cell-format.js';
import type { Row } from '../tables/table-def.js';
import { MINUTES_PER_DAY, minuteMs } from './calendar.js';
import { isWeekend, yearOf } from '../../time/civil-days.js';
import type { BusinessPlan } from './business-plan.js';
import { APPOINTMENT_TYPE_OF } from './plan-calls.js';
import { deviceCategory } from './plan-devices.js';
import { rowRandom } from './row-random.js';

const at = (minute: number) => isoTimestamp(minuteMs(minute));
const completedMinute = (plan: BusinessPlan, i: number) => plan.calls.startedMinute[i] + plan.calls.durationMinutes[i];

function unitOf(plan: BusinessPlan, i: number) {
  const category = deviceCategory(plan.devices, plan.equipmentTypes, plan.calls.device[i]);
  return { category, spec: CATEGORY_SPECS[category] };
}

function problemOf(plan: BusinessPlan, i: number): string {
  const c = plan.calls;
  const r = rowRandom(plan.seed, 'service_calls.render', i);
  const type = SERVICE_TYPES[c.type[i]];
  if (type === 'emergency') return INCIDENTS[c.incident[i]].report;
  if (type === 'repair') return r.pick(REPAIR_PROBLEMS[unitOf(plan, i).spec.duty]);
  return r.pick(PROBLEMS[type]);
}

export function serviceCallRow(plan: BusinessPlan, i: number): Row {
  const c = plan.calls;
  const done = !c.cancelled[i];
  const quarters = Math.ceil(c.durationMinutes[i] / 15);
  return [
    i + 1,
    c.customer[i] + 1,
    c.device[i] + 1,
    c.technician[i] + 1,
    c.subscription[i] >= 0 ? c.subscription[i] + 1 : null,
    SERVICE_TYPES[c.type[i]],
    done ? 'completed' : 'cancelled',
    at(c.requestedMinute[i]),
    done ? at(c.startedMinute[i]) : null,
    done ? at(completedMinute(plan, i)) : null,
    c.durationMinutes[i],
    decimal(quarters / 4, 2),
    money(c.laborCents[i]),
    money(c.partsCents[i]),
    money(c.equipmentCents[i]),
    money(c.laborCents[i] + c.partsCents[i] + c.equipmentCents[i]),
    BILLING_STATUSES[c.billing[i]],
    problemOf(plan, i),
    null,
  ];
}

/** Appointment rows: first one per non-emergency call (in call order), then the future bookings. */
export function appointmentRow(plan: BusinessPlan, a: number): Row {
  const history = plan.appointmentCalls.length;
  if (a < history) return callAppointmentRow(plan, a, plan.appointmentCalls[a]);
  const j = a - history;
  const b = plan.futureBookings;
  const soon = b.startMinute[j] < (plan.timeline.asOf + 8) * MINUTES_PER_DAY;
  const confirmed = rowRandom(plan.seed, 'appointments.render', a).chance(soon ? 0.7 : 0.2);
  return [
    a + 1,
    null,
    b.customer[j] + 1,
    b.device[j] >= 0 ? b.device[j] + 1 : null,
    b.technician[j] + 1,
    APPOINTMENT_TYPES[b.type[j]],
    at(b.bookedMinute[j]),
    at(b.startMinute[j]),
    at(b.startMinute[j] + windowMinutes(b.type[j])),
    APPOINTMENT_STATUSES[confirmed ? 3 : 2],
  ];
}

/** Appointment row `a` for the visit of call i: booked after the request, by the window start at the latest. */
export function callAppointmentRow(plan: BusinessPlan, a: number, i: number): Row {
  const c = plan.calls;
  const r = rowRandom(plan.seed, 'appointments.render', a);
  const type = APPOINTMENT_TYPE_OF[c.type[i]];
  return [
    a + 1,
    i + 1,
    c.customer[i] + 1,
    c.device[i] + 1,
    c.technician[i] + 1,
    APPOINTMENT_TYPES[type],
    at(c.requestedMinute[i] + r.int(2, Math.min(90, c.scheduledMinute[i] - c.requestedMinute[i]))),
    at(c.scheduledMinute[i]),
    at(c.scheduledMinute[i] + windowMinutes(type)),
    APPOINTMENT_STATUSES[c.cancelled[i] ? 1 : 0],
  ];
}

/** arrival windows: two hours, a full day for installations */
const INSTALLATION_APPOINTMENT = APPOINTMENT_TYPES.indexOf('installation');
const windowMinutes = (appointmentType: number) => (appointmentType === INSTALLATION_APPOINTMENT ? 9 * 60 : 120);

/** base priority by service type (maintenance low … emergency urgent); some jobs are raised one step */
const PRIORITY_BY_TYPE = [0, 1, 1, 3, 0];

export function workOrderRow(plan: BusinessPlan, i: number): Row {
  const c = plan.calls;
  const r = rowRandom(plan.seed, 'work_orders.render', i);
  const type = SERVICE_TYPES[c.type[i]];
  const { category, spec } = unitOf(plan, i);
  const gas = spec.duty === 'heating' || (category === 'packaged_rooftop_unit' && spec.fuels.includes('natural_gas'));
  const roof = category === 'packaged_rooftop_unit' || category === 'chiller';
  const safety = [
    SAFETY.general,
    gas ? SAFETY.gas : SAFETY.electrical,
    spec.duty === 'heating' ? '' : SAFETY.refrigerant,
    roof ? SAFETY.roof : '',
  ]
    .filter((s) => s)
    .join('; ');
  const done = !c.cancelled[i];
  const priority = PRIORITY_BY_TYPE[c.type[i]] + (type !== 'emergency' && r.chance(0.3) ? 1 : 0);
  return [
    i + 1,
    `WO-${yearOf(c.serviceDay[i])}-${String(i + 1).padStart(6, '0')}`,
    i + 1,
    c.technician[i] + 1,
    WORK_ORDER_PRIORITIES[priority],
    at(c.requestedMinute[i] + r.int(1, 15)),
    r.pick(INSTRUCTIONS[type]),
    safety,
    type === 'installation' || (type !== 'maintenance' && type !== 'inspection' && gas && r.chance(0.2)),
    done ? 'completed' : 'cancelled',
    done ? at(completedMinute(plan, i)) : null,
    done ? (type === 'emergency' ? incidentNote(plan, i) : r.pick(COMPLETION_NOTES)) : null,
    done && r.chance(0.93),
  ];
}

/** what the technician did about an emergency (the incident and the work order say the same) */
function incidentNote(plan: BusinessPlan, i: number): string {
  return rowRandom(plan.seed, 'service_calls.incident_note', i).pick(INCIDENTS[plan.calls.incident[i]].notes);
}

export function partsUsageRow(plan: BusinessPlan, u: number): Row {
  const usage = plan.partsUsage;
  const cost = plan.parts.unitCostCents[usage.part[u]];
  return [
    u + 1,
    usage.call[u] + 1,
    usage.part[u] + 1,
    decimal(usage.quantity[u], 2),
    money(cost),
    money(usage.quantity[u] * cost),
    isoDate(usage.usageDay[u]),
  ];
}

export function incidentRow(plan: BusinessPlan, k: number): Row {
  const i = plan.incidentCalls[k];
  const c = plan.calls;
  const reported = c.requestedMinute[i];
  const minuteOfDay = reported % MINUTES_PER_DAY;
  const afterHours = isWeekend(Math.floor(reported / MINUTES_PER_DAY)) || minuteOfDay < 8 * 60 || minuteOfDay >= 17 * 60;
  const spec = INCIDENTS[c.incident[i]];
  const note = incidentNote(plan, i);
  const resolution = /temporary|quoted/i.test(note) ? 1 : /referred|red-tagged/i.test(note) ? 2 : 0;
  return [
    k + 1,
    i + 1,
    spec.type,
    SEVERITIES[c.severity[i]],
    at(reported),
    at(c.scheduledMinute[i]),
    at(c.startedMinute[i]),
    c.startedMinute[i] - reported,
    at(completedMinute(plan, i)),
    INCIDENT_RESOLUTIONS[resolution],
    note,
    afterHours,
  ];
}
