// Phase 1 for invoices and payments: the money identities are computed here once, in cents.
import { SALES_TAX_RATE_BP } from '../vocab/service-area.js';
import type { Timeline } from './business-timeline.js';
import { BILLING, completedDay, isRoutine, type Calls } from './plan-calls.js';
import type { Customers } from './plan-customers.js';
import { MAX_PAYMENTS_PER_INVOICE } from './row-counts.js';
import { rowRandom } from './row-random.js';
import { chooseExactly } from './sampling.js';

export const TERMS_DAYS = [0, 15, 30];
export const INVOICE_STATUS = { paid: 0, partially_paid: 1, unpaid: 2, overdue: 3, written_off: 4, no_charge: 5 } as const;

export interface Invoices {
  readonly count: number;
  readonly call: Int32Array;
  readonly day: Int32Array;
  readonly terms: Uint8Array;
  /** parts markup in hundredths of a percent (4500 = 45.00 %); 0 on a no-charge invoice */
  readonly markup: Int32Array;
  readonly laborAmount: Float64Array;
  readonly partsAmount: Float64Array;
  readonly equipmentAmount: Float64Array;
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
const roundDiv = (a: number, b: number, d: number): number => Math.floor((a * b + d / 2) / d);

/**
 * Shares of the billable invoices' collections: most are paid in one payment, some in a deposit
 * and a final payment; bad debts pay at most a partial payment and are written off once
 * collections give up; the newest (about the last month of billing) are still open at asOf.
 */
const TWO_STEP_SHARE = 0.15;
const BAD_DEBT_SHARE = 0.05;
const BAD_DEBT_PARTIAL_SHARE = 0.4;
const OPEN_SHARE = 0.06;
/** days after the due date when collections write a bad debt off */
const WRITE_OFF_DAYS: readonly [number, number] = [120, 720];
/** days from invoice to the first payment, by terms */
const FIRST_PAYMENT_DAYS: readonly (readonly [number, number])[] = [
  [0, 7],
  [3, 20],
  [10, 40],
];
/** payments a billable invoice receives on average by asOf, from the shares above */
const PAYMENTS_PER_BILLABLE = (1 - OPEN_SHARE) * ((1 - BAD_DEBT_SHARE) * (1 + TWO_STEP_SHARE) + BAD_DEBT_SHARE * BAD_DEBT_PARTIAL_SHARE);

/**
 * How many completed calls are billed: as many invoices as the payments settle at the shares
 * above, so receivables stay recent; the rest of the invoices are $0 ones for covered calls. At
 * least enough to take every payment (MAX_PAYMENTS_PER_INVOICE each) and every call nothing can
 * cover; at most the invoice count.
 */
export function billableInvoices(invoices: number, payments: number, completed: number, coverable: number): number {
  const fromPayments = Math.round(payments / PAYMENTS_PER_BILLABLE);
  return Math.min(invoices, Math.max(fromPayments, Math.ceil(payments / MAX_PAYMENTS_PER_INVOICE), completed - coverable));
}

/**
 * One invoice per billed call, and $0 no-charge invoices documenting covered work for the rest
 * of the count (planBilling billed no more calls than the count). Covered calls beyond it have
 * no invoice: mostly routine contract visits on a maintenance route, paid through the monthly fee.
 */
export function planInvoices(seed: number, count: number, calls: Calls, customers: Customers, t: Timeline): Invoices {
  const inv: Invoices = {
    count,
    call: new Int32Array(count),
    day: new Int32Array(count),
    terms: new Uint8Array(count),
    markup: new Int32Array(count),
    laborAmount: new Float64Array(count),
    partsAmount: new Float64Array(count),
    equipmentAmount: new Float64Array(count),
    subtotal: new Float64Array(count),
    tax: new Float64Array(count),
    total: new Float64Array(count),
    paid: new Float64Array(count),
    status: new Uint8Array(count),
  };
  const covered = (i: number) => calls.billing[i] === BILLING.warranty || calls.billing[i] === BILLING.contract;
  let billed = 0;
  for (let i = 0; i < calls.count; i++) if (calls.billing[i] === BILLING.invoiced) billed++;
  const noCharge = chooseExactly(seed, 'invoices.no_charge', calls.count, count - billed, (i) =>
    !covered(i) ? 0 : calls.billing[i] === BILLING.contract && isRoutine(calls.type[i]) ? ROUTE_VISIT : 1,
  );
  let k = 0;
  for (let i = 0; i < calls.count && k < count; i++) {
    if (calls.billing[i] !== BILLING.invoiced && !noCharge[i]) continue;
    const r = rowRandom(seed, 'invoices.plan', k);
    const commercial = customers.commercial[calls.customer[i]] === 1;
    inv.call[k] = i;
    inv.day[k] = Math.min(t.asOf, completedDay(calls, i) + [0, 1, 2, 3][r.weighted([6, 2.5, 1, 0.5])]);
    inv.terms[k] = commercial ? (r.chance(0.8) ? 2 : 1) : r.chance(0.65) ? 0 : 1;
    if (noCharge[i]) inv.status[k] = INVOICE_STATUS.no_charge;
    else {
      inv.markup[k] = 50 * (commercial ? r.int(50, 80) : r.int(70, 120));
      inv.laborAmount[k] = calls.laborCents[i];
      inv.partsAmount[k] = roundDiv(calls.partsCents[i], 10000 + inv.markup[k], 10000);
      inv.equipmentAmount[k] = calls.equipmentCents[i];
      inv.subtotal[k] = inv.laborAmount[k] + inv.partsAmount[k] + inv.equipmentAmount[k];
      inv.tax[k] = roundDiv(inv.subtotal[k], SALES_TAX_RATE_BP, 10000);
      inv.total[k] = inv.subtotal[k] + inv.tax[k];
    }
    k++;
  }
  return inv;
}

/** relative chance that a routine contract visit gets a $0 invoice rather than none */
const ROUTE_VISIT = 0.05;

/**
 * Collections of the billable invoices (no-charge ones get no payments). Each invoice plans its
 * payments at the shares above, a payment every few weeks from the first; those falling after
 * asOf have not happened. The count is then made exact: surplus payments are taken from the
 * newest invoices (they stay open), a shortfall adds instalments oldest first, up to
 * MAX_PAYMENTS_PER_INVOICE each, paying the open invoices before splitting paid ones and turning
 * bad debts into payers only as a last resort (extra payments past asOf land on asOf).
 * amount_paid, balance_due and status follow from the payments: a bad debt is written off once
 * its write-off day has passed, and is overdue until then.
 */
export function planPayments(seed: number, count: number, inv: Invoices, t: Timeline): Payments {
  const n = inv.count;
  const bad = new Uint8Array(n);
  const planned = new Uint8Array(n);
  const given = new Uint8Array(n);
  const firstDay = new Int32Array(n);
  const gap = new Int32Array(n);
  const writeOffDay = new Int32Array(n);
  const billable = (k: number) => inv.status[k] !== INVOICE_STATUS.no_charge;
  let natural = 0;
  for (let k = 0; k < n; k++) {
    if (!billable(k)) continue;
    const r = rowRandom(seed, 'invoices.collection', k);
    const x = r.next();
    bad[k] = x < BAD_DEBT_SHARE ? 1 : 0;
    planned[k] = bad[k] ? (r.chance(BAD_DEBT_PARTIAL_SHARE) ? 1 : 0) : x < BAD_DEBT_SHARE + TWO_STEP_SHARE ? 2 : 1;
    firstDay[k] = inv.day[k] + r.int(...FIRST_PAYMENT_DAYS[inv.terms[k]]);
    gap[k] = r.int(10, 30);
    writeOffDay[k] = inv.day[k] + TERMS_DAYS[inv.terms[k]] + r.int(...WRITE_OFF_DAYS);
    while (given[k] < planned[k] && firstDay[k] + given[k] * gap[k] <= t.asOf) given[k]++;
    natural += given[k];
  }
  let left = count - natural;
  for (let k = n - 1; k >= 0 && left < 0; k--) {
    const take = Math.min(given[k], -left);
    given[k] -= take;
    left += take;
  }
  for (let pass = 0; pass < 2 && left > 0; pass++) {
    for (let level = 1; level <= MAX_PAYMENTS_PER_INVOICE && left > 0; level++) {
      for (let k = 0; k < n && left > 0; k++) {
        if (!billable(k)) continue;
        if (pass === 1) bad[k] = 0;
        if (!bad[k] && given[k] < level) {
          given[k]++;
          planned[k] = Math.max(planned[k], given[k]);
          left--;
        }
      }
    }
  }
  const pay: Payments = {
    count,
    invoice: new Int32Array(count),
    day: new Int32Array(count),
    amount: new Float64Array(count),
    partial: new Uint8Array(count),
  };
  let p = 0;
  for (let k = 0; k < n; k++) {
    if (!billable(k)) continue;
    const r = rowRandom(seed, 'payments.plan', k);
    const settles = !bad[k] && given[k] === planned[k];
    let balance = inv.total[k];
    for (let m = 0; m < given[k]; m++, p++) {
      const last = settles && m === given[k] - 1;
      const amount = last ? balance : Math.max(1, Math.round(balance * r.range(0.25, 0.5)));
      pay.invoice[p] = k;
      pay.day[p] = Math.min(t.asOf, firstDay[k] + m * gap[k]);
      pay.amount[p] = amount;
      pay.partial[p] = amount < balance ? 1 : 0;
      balance -= amount;
    }
    inv.paid[k] = inv.total[k] - balance;
    inv.status[k] =
      bad[k] && writeOffDay[k] <= t.asOf
        ? INVOICE_STATUS.written_off
        : balance === 0
          ? INVOICE_STATUS.paid
          : given[k] > 0
            ? INVOICE_STATUS.partially_paid
            : inv.day[k] + TERMS_DAYS[inv.terms[k]] >= t.asOf
              ? INVOICE_STATUS.unpaid
              : INVOICE_STATUS.overdue;
  }
  return pay;
}
