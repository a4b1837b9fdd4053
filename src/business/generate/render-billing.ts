// Phase 2 for the money and the surveys: invoices, payments and customer feedback.
import { FEEDBACK_COMMENTS } from '../vocab/hvac-service.js';
import { SALES_TAX_RATE_BP } from '../vocab/service-area.js';
import { FEEDBACK_FOLLOW_UPS, INVOICE_STATUSES, PAYMENT_METHODS, PAYMENT_TERMS } from '../tables/vocabulary-codes.js';
import { decimal, isoDate, isoTimestamp, money } from '../tables/cell-format.js';
import type { Row } from '../tables/table-def.js';
import { MINUTES_PER_DAY, minuteMs } from './calendar.js';
import { yearOf } from '../../time/civil-days.js';
import type { BusinessPlan } from './business-plan.js';
import { TERMS_DAYS } from './plan-billing.js';
import { SERVICE } from './plan-calls.js';
import { type RowRandom, rowRandom } from './row-random.js';

export function invoiceRow(plan: BusinessPlan, k: number): Row {
  const inv = plan.invoices;
  const i = inv.call[k];
  return [
    k + 1,
    `INV-${yearOf(inv.day[k])}-${String(k + 1).padStart(6, '0')}`,
    i + 1,
    plan.calls.customer[i] + 1,
    isoDate(inv.day[k]),
    isoDate(inv.day[k] + TERMS_DAYS[inv.terms[k]]),
    PAYMENT_TERMS[inv.terms[k]],
    money(inv.laborAmount[k]),
    decimal(inv.markup[k] / 100, 2),
    money(inv.partsAmount[k]),
    money(inv.equipmentAmount[k]),
    money(inv.subtotal[k]),
    decimal(SALES_TAX_RATE_BP / 10000, 4),
    money(inv.tax[k]),
    money(inv.total[k]),
    money(inv.paid[k]),
    money(inv.total[k] - inv.paid[k]),
    INVOICE_STATUSES[inv.status[k]],
  ];
}

const CARD = 0;
export const ACH = 1;
const FINANCING = 4;

export function paymentRow(plan: BusinessPlan, p: number): Row {
  const k = plan.payments.invoice[p];
  const r = rowRandom(plan.seed, 'payments.render', p);
  const method = plan.customers.commercial[plan.calls.customer[plan.invoices.call[k]]]
    ? r.pick([ACH, ACH, 2])
    : r.weighted([55, 8, 12, 5, plan.invoices.total[k] > 150_000 ? 20 : 0]);
  return paymentRowBy(plan, p, method, r);
}

/** A payment row once its method is chosen (PAYMENT_METHODS index), fee and reference by the method. */
export function paymentRowBy(plan: BusinessPlan, p: number, method: number, r: RowRandom): Row {
  const pay = plan.payments;
  const k = pay.invoice[p];
  const customer = plan.calls.customer[plan.invoices.call[k]];
  const amount = pay.amount[p];
  const fee =
    method === CARD
      ? Math.round(amount * 0.029) + 30
      : method === ACH
        ? Math.min(500, Math.round(amount * 0.008))
        : method === FINANCING
          ? Math.round(amount * 0.035)
          : 0;
  const reference = `${['ch_', 'ach_', 'chk_', 'cash_', 'fin_'][method]}${r.bits().toString(36).padStart(7, '0')}${(p + 1).toString(36)}`;
  return [
    p + 1,
    k + 1,
    customer + 1,
    isoDate(pay.day[p]),
    money(amount),
    PAYMENT_METHODS[method],
    reference.toUpperCase(),
    money(fee),
    pay.partial[p] === 1,
  ];
}

export function feedbackRow(plan: BusinessPlan, f: number): Row {
  const i = plan.feedbackCalls[f];
  const c = plan.calls;
  const r = rowRandom(plan.seed, 'customer_feedback.render', f);
  const completed = c.startedMinute[i] + c.durationMinutes[i];
  const endOfAsOf = (plan.timeline.asOf + 1) * MINUTES_PER_DAY - 1;
  const submitted = completed + Math.max(1, Math.min(r.int(30, 7 * MINUTES_PER_DAY), endOfAsOf - completed));
  // experience drives every score: a fast emergency or a senior technician lifts it, a long wait lowers it
  const wait = c.type[i] === SERVICE.emergency ? 0 : (c.startedMinute[i] - c.requestedMinute[i]) / MINUTES_PER_DAY;
  const base = 8.3 + r.gaussian() * 1.4 + (plan.technicians.level[c.technician[i]] > 0 ? 0.4 : -0.2) - Math.max(0, wait - 7) * 0.1;
  const score = (shift: number) => Math.max(1, Math.min(10, Math.round(base + shift + r.gaussian() * 0.8)));
  const overall = score(0);
  const follow = overall <= 5;
  const tone = overall >= 8 ? 'good' : overall >= 6 ? 'mixed' : 'bad';
  return [
    f + 1,
    i + 1,
    c.customer[i] + 1,
    c.technician[i] + 1,
    isoTimestamp(minuteMs(submitted)),
    overall,
    score(0.3),
    score(-0.2),
    score(-0.6),
    score(0.1),
    r.chance(tone === 'good' ? 0.45 : 0.8) ? r.pick(FEEDBACK_COMMENTS[tone]) : null,
    follow,
    FEEDBACK_FOLLOW_UPS[follow ? r.weighted([0, 30, 30, 40]) : 0],
  ];
}
