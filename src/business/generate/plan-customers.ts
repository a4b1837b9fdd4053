// Phase 1 for customers and their service contracts.
import { MINUTES_PER_DAY } from './calendar.js';
import { addMonths } from '../../time/civil-days.js';
import type { Timeline } from './business-timeline.js';
import { densityOver } from './business-timeline.js';
import { rowRandom } from './row-random.js';
import { countBelow, groupBy, stratifiedPositions, type GroupIndex } from './sampling.js';

export interface Customers {
  readonly count: number;
  /** sorted ascending: customer 0 is the company's first (created the day it was founded) */
  readonly createdDay: Int32Array;
  readonly createdMinute: Int32Array;
  readonly commercial: Uint8Array;
  /** cumulative owner weight in id order (commercial sites hold more units), for prefix picks */
  readonly cumulativeWeight: Float64Array;
}

export const COMMERCIAL_SHARE = 0.15;

export function planCustomers(seed: number, count: number, t: Timeline): Customers {
  // the customer base grows: later years add more accounts than the first ones
  const days = stratifiedPositions(
    seed,
    'customers.created',
    count,
    densityOver(t.founded, t.asOf, (d) => 1 + (0.25 * (d - t.founded)) / 365),
  );
  const createdDay = new Int32Array(count);
  const createdMinute = new Int32Array(count);
  const commercial = new Uint8Array(count);
  const cumulativeWeight = new Float64Array(count);
  let acc = 0;
  for (let i = 0; i < count; i++) {
    const r = rowRandom(seed, 'customers.plan', i);
    createdDay[i] = i === 0 ? t.founded : t.founded + days[i];
    createdMinute[i] = createdDay[i] * MINUTES_PER_DAY + r.int(8 * 60, 19 * 60);
    commercial[i] = r.chance(COMMERCIAL_SHARE) ? 1 : 0;
    cumulativeWeight[i] = acc += commercial[i] ? 3 : 1;
  }
  return { count, createdDay, createdMinute, commercial, cumulativeWeight };
}

export const PLAN = { basic: 0, premium: 1, comprehensive: 2, commercial: 3 } as const;
export const SUBSCRIPTION_STATUS = { active: 0, expired: 1, cancelled: 2 } as const;

export interface Subscriptions {
  readonly count: number;
  readonly customer: Int32Array;
  readonly plan: Uint8Array;
  readonly startDay: Int32Array;
  /** last day of the current (or last) term */
  readonly endDay: Int32Array;
  readonly autoRenew: Uint8Array;
  readonly status: Uint8Array;
  readonly byCustomer: GroupIndex;
}

/**
 * Annual terms from a start between the customer's creation and 30 days before asOf.
 * Auto-renewing contracts roll over to the term that contains asOf (active) unless cancelled at
 * an earlier term end; the others run one term (active or expired).
 */
export function planSubscriptions(seed: number, count: number, customers: Customers, t: Timeline): Subscriptions {
  const customer = new Int32Array(count);
  const plan = new Uint8Array(count);
  const startDay = new Int32Array(count);
  const endDay = new Int32Array(count);
  const autoRenew = new Uint8Array(count);
  const status = new Uint8Array(count);
  const eligible = Math.max(1, countBelow(customers.createdDay, t.asOf - 30));
  for (let j = 0; j < count; j++) {
    const r = rowRandom(seed, 'subscriptions.plan', j);
    const c = Math.floor(r.next() * eligible);
    const from = customers.createdDay[c] + 1;
    const start = from + Math.floor(r.next() * Math.max(1, t.asOf - 30 - from));
    const renew = r.chance(0.7);
    let terms = renew ? termsThrough(start, t.asOf) : 1;
    let st: number = termEnd(start, terms) >= t.asOf ? SUBSCRIPTION_STATUS.active : SUBSCRIPTION_STATUS.expired;
    if (renew && terms > 1 && r.chance(0.15)) {
      terms = r.int(1, terms - 1);
      st = SUBSCRIPTION_STATUS.cancelled;
    }
    customer[j] = c;
    plan[j] = customers.commercial[c] ? PLAN.commercial : r.weighted([45, 35, 20]);
    startDay[j] = start;
    endDay[j] = termEnd(start, terms);
    autoRenew[j] = renew && st !== SUBSCRIPTION_STATUS.cancelled ? 1 : 0;
    status[j] = st;
  }
  return { count, customer, plan, startDay, endDay, autoRenew, status, byCustomer: groupBy(customer, customers.count) };
}

/** Last day of an annual contract's `terms`-th term. */
export const termEnd = (start: number, terms: number): number => addMonths(start, 12 * terms) - 1;

/** How many annual terms from `start` auto-renewal runs to reach the one containing `day` (at least 1). */
export function termsThrough(start: number, day: number): number {
  let terms = 1;
  while (termEnd(start, terms) < day) terms++;
  return terms;
}

/** The subscription of `customer` in force on `day`, or −1. */
export function subscriptionOn(subs: Subscriptions, customer: number, day: number): number {
  for (let k = subs.byCustomer.start[customer]; k < subs.byCustomer.start[customer + 1]; k++) {
    const s = subs.byCustomer.items[k];
    if (subs.startDay[s] <= day && day <= subs.endDay[s]) return s;
  }
  return -1;
}
