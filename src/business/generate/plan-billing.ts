// Phase 1 for invoices and payments: the money identities are computed here once, in cents.
import { SALES_TAX_RATE_BP } from '../vocab/service-area.js';
import type { Timeline } from './business-timeline.js';
import { BILLING, completedDay, type Calls } from './plan-calls.js';
import type { Customers } from './plan-customers.js';
import { MAX_PAYMENTS_PER_INVOICE } from './row-counts.js';
import { rowRandom } from './row-random.js';

export const TERMS_DAYS = [0, 15, 30];
export const INVOICE_STATUS = { paid: 0, partially_paid: 1, unpaid: 2, overdue: 3, written_off: 4 } as const;

export interface Invoices {
  readonly count: number;
  readonly call: Int32Array;
  readonly day: Int32Array;
  readonly terms: Uint8Array;
  /** parts markup in hundredths of a percent (4500 = 45.00 %) */
  readonly markup: Int32Array;
  readonly partsAmount: Float64Array;
  readonly subtotal: Float64Array;
  readonly tax: Float64Array;
  readonly total: Float64Array;
  readonly paid: Float64Array;
  readonly status: Uint8Array;
}

export interface Payments {
  readonly count: number;
  readonly invoice: Int32Array;
  readonly day: Int32Array;
  readonly amount: Float64Array;
  /** the amount was less than the balance at the time */
  readonly partial: Uint8Array;
}

/** round(a × b / d) for non-negative integers, half up (as PostgreSQL rounds numerics) */
export const roundDiv = (a: number, b: number, d: number): number => Math.floor((a * b + d / 2) / d);

export function planInvoices(seed: number, count: number, calls: Calls, customers: Customers, t: Timeline): Invoices {
  const inv: Invoices = {
    count,
    call: new Int32Array(count),
    day: new Int32Array(count),
    terms: new Uint8Array(count),
    markup: new Int32Array(count),
    partsAmount: new Float64Array(count),
    subtotal: new Float64Array(count),
    tax: new Float64Array(count),
    total: new Float64Array(count),
    paid: new Float64Array(count),
    status: new Uint8Array(count),
  };
  let k = 0;
  for (let i = 0; i < calls.count && k < count; i++) {
    if (calls.billing[i] !== BILLING.invoiced) continue;
    const r = rowRandom(seed, 'invoices.plan', k);
    const commercial = customers.commercial[calls.customer[i]] === 1;
    inv.call[k] = i;
    inv.day[k] = Math.min(t.asOf, completedDay(calls, i) + [0, 1, 2, 3][r.weighted([6, 2.5, 1, 0.5])]);
    inv.terms[k] = commercial ? (r.chance(0.8) ? 2 : 1) : r.chance(0.65) ? 0 : 1;
    inv.markup[k] = 50 * (commercial ? r.int(50, 80) : r.int(70, 120));
    inv.partsAmount[k] = roundDiv(calls.partsCents[i], 10000 + inv.markup[k], 10000);
    inv.subtotal[k] = calls.laborCents[i] + inv.partsAmount[k];
    inv.tax[k] = roundDiv(inv.subtotal[k], SALES_TAX_RATE_BP, 10000);
    inv.total[k] = inv.subtotal[k] + inv.tax[k];
    k++;
  }
  return inv;
}

const KIND = { full: 0, twoStep: 1, writeOff: 2, writeOffAfterPartial: 3 } as const;
const PLANNED = [1, 2, 0, 1];
/** written off only once this many days past due */
const WRITE_OFF_AFTER_DAYS = 120;

/**
 * Collections, oldest invoice first, until the payments count is used up: most invoices are
 * paid in one payment, some in a deposit and a final payment, a few long-overdue ones are
 * written off (after nothing or a partial payment). When the count runs out, the newer
 * invoices are open: partially paid (the last one reached), unpaid before the due date, overdue
 * after it. A count larger than the plans need spreads extra instalments over the paid
 * invoices, up to MAX_PAYMENTS_PER_INVOICE each. amount_paid, balance_due and status follow
 * from the payments.
 */
export function planPayments(seed: number, count: number, inv: Invoices, t: Timeline): Payments {
  const n = inv.count;
  const kind = new Uint8Array(n);
  const planned = new Uint8Array(n);
  const given = new Uint8Array(n);
  let left = count;
  for (let k = 0; k < n; k++) {
    const x = rowRandom(seed, 'invoices.collection', k).next();
    const overdueLong = inv.day[k] + TERMS_DAYS[inv.terms[k]] < t.asOf - WRITE_OFF_AFTER_DAYS;
    kind[k] = overdueLong && x < 0.03 ? KIND.writeOff : overdueLong && x < 0.05 ? KIND.writeOffAfterPartial : x < 0.17 ? KIND.twoStep : KIND.full;
    planned[k] = PLANNED[kind[k]];
    given[k] = Math.min(planned[k], left);
    left -= given[k];
  }
  for (let pass = 0; pass < 2 && left > 0; pass++) {
    for (let level = 1; level <= MAX_PAYMENTS_PER_INVOICE && left > 0; level++) {
      for (let k = 0; k < n && left > 0; k++) {
        if (pass === 1 && kind[k] >= KIND.writeOff) kind[k] = KIND.full;
        if (kind[k] < KIND.writeOff && given[k] < level) {
          given[k]++;
          planned[k] = Math.max(planned[k], given[k]);
          left--;
        }
      }
    }
  }
  const pay: Payments = { count, invoice: new Int32Array(count), day: new Int32Array(count), amount: new Float64Array(count), partial: new Uint8Array(count) };
  let p = 0;
  for (let k = 0; k < n; k++) {
    const r = rowRandom(seed, 'payments.plan', k);
    const settles = kind[k] < KIND.writeOff && given[k] === planned[k];
    let balance = inv.total[k];
    let day = inv.day[k] + r.int(...FIRST_PAYMENT_DAYS[inv.terms[k]]);
    for (let m = 0; m < given[k]; m++, p++) {
      const last = settles && m === given[k] - 1;
      const amount = last ? balance : Math.max(1, Math.round(balance * r.range(0.25, 0.5)));
      pay.invoice[p] = k;
      pay.day[p] = Math.min(t.asOf, day);
      pay.amount[p] = amount;
      pay.partial[p] = amount < balance ? 1 : 0;
      balance -= amount;
      day += r.int(10, 30);
    }
    inv.paid[k] = inv.total[k] - balance;
    const due = inv.day[k] + TERMS_DAYS[inv.terms[k]];
    inv.status[k] =
      kind[k] >= KIND.writeOff ? INVOICE_STATUS.written_off
      : balance === 0 ? INVOICE_STATUS.paid
      : given[k] > 0 ? INVOICE_STATUS.partially_paid
      : due >= t.asOf ? INVOICE_STATUS.unpaid
      : INVOICE_STATUS.overdue;
  }
  return pay;
}

/** days from invoice to the first payment, by terms */
const FIRST_PAYMENT_DAYS: readonly [number, number][] = [[0, 7], [3, 20], [10, 40]];
