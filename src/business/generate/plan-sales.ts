// Phase 1 for the sales side: leads (some became customers), quotes, and the mailing list.
import { MINUTES_PER_DAY } from './calendar.js';
import type { Timeline } from './business-timeline.js';
import { pickTechnician, SKILL, type Technicians } from './plan-catalog.js';
import { COMMERCIAL_SHARE, type Customers } from './plan-customers.js';
import { rowRandom } from './row-random.js';
import { chooseExactly, countBelow } from './sampling.js';

export const LEAD_STATUS = { new: 0, contacted: 1, qualified: 2, quoted: 3, won: 4, lost: 5 } as const;
const SOURCE_WEIGHTS = [30, 22, 18, 5, 4, 11, 10];
const WON_SHARE = 0.18;

export interface Leads {
  readonly count: number;
  readonly createdMinute: Int32Array;
  readonly status: Uint8Array;
  readonly source: Uint8Array;
  readonly commercial: Uint8Array;
  /** won leads: the customer they became; else −1 */
  readonly customer: Int32Array;
  /** per customer: the lead it came from, else −1 */
  readonly leadOfCustomer: Int32Array;
}

/**
 * 18 % of leads are won (fewer if too few customers joined during the history): each won lead
 * is paired with a distinct customer created in the window, and was created 3–60 days before
 * that customer. Other leads' stages follow their age: young ones are new or in contact, old
 * ones mostly lost.
 */
export function planLeads(seed: number, count: number, customers: Customers, t: Timeline): Leads {
  const first = countBelow(customers.createdDay, t.windowStart + 60);
  const joined = customers.count - first;
  const won = Math.min(Math.round(WON_SHARE * count), joined);
  const wonLead = chooseExactly(seed, 'leads.won', count, won);
  const wonCustomer = chooseExactly(seed, 'leads.customers', joined, won);
  const leads: Leads = {
    count,
    createdMinute: new Int32Array(count),
    status: new Uint8Array(count),
    source: new Uint8Array(count),
    commercial: new Uint8Array(count),
    customer: new Int32Array(count).fill(-1),
    leadOfCustomer: new Int32Array(customers.count).fill(-1),
  };
  let c = 0;
  for (let l = 0; l < count; l++) {
    const r = rowRandom(seed, 'leads.plan', l);
    leads.source[l] = r.weighted(SOURCE_WEIGHTS);
    if (wonLead[l]) {
      while (!wonCustomer[c]) c++;
      const customer = first + c++;
      leads.customer[l] = customer;
      leads.leadOfCustomer[customer] = l;
      leads.createdMinute[l] = customers.createdMinute[customer] - r.int(3, 60) * MINUTES_PER_DAY - r.int(0, 6 * 60);
      leads.status[l] = LEAD_STATUS.won;
      leads.commercial[l] = customers.commercial[customer];
      continue;
    }
    const day = t.windowStart + Math.floor(r.next() * (t.asOf - t.windowStart));
    const age = t.asOf - day;
    leads.createdMinute[l] = day * MINUTES_PER_DAY + r.int(7 * 60, 21 * 60);
    leads.commercial[l] = r.chance(COMMERCIAL_SHARE * 0.8) ? 1 : 0;
    leads.status[l] =
      age < 14
        ? r.pick([LEAD_STATUS.new, LEAD_STATUS.new, LEAD_STATUS.contacted])
        : age < 60
          ? r.pick([LEAD_STATUS.contacted, LEAD_STATUS.qualified, LEAD_STATUS.quoted])
          : [LEAD_STATUS.lost, LEAD_STATUS.quoted, LEAD_STATUS.qualified][r.weighted([65, 20, 15])];
  }
  return leads;
}

export const QUOTE_STATUS = { draft: 0, sent: 1, accepted: 2, declined: 3, expired: 4 } as const;
export const QUOTE_VALID_DAYS = 30;

export interface Quotes {
  readonly count: number;
  /** −1: quoted to a lead */
  readonly customer: Int32Array;
  readonly lead: Int32Array;
  readonly technician: Int32Array;
  readonly day: Int32Array;
  readonly status: Uint8Array;
}

/**
 * Up to 45 % of quotes go to leads that reached the quoting stage (quoted, won, and most lost
 * ones; one quote each, before any conversion); the rest to existing customers, after they
 * joined. A won lead's quote was accepted; the others' outcome follows their age.
 */
export function planQuotes(seed: number, count: number, leads: Leads, customers: Customers, techs: Technicians, t: Timeline): Quotes {
  const reached = (l: number) =>
    leads.status[l] === LEAD_STATUS.quoted ||
    leads.status[l] === LEAD_STATUS.won ||
    (leads.status[l] === LEAD_STATUS.lost && rowRandom(seed, 'leads.quoted', l).chance(0.6));
  const reachedMask = Uint8Array.from({ length: leads.count }, (_, l) => (reached(l) ? 1 : 0));
  let eligible = 0;
  for (const m of reachedMask) eligible += m;
  const toLeads = customers.count === 0 ? count : Math.min(Math.round(0.45 * count), eligible);
  const chosen = chooseExactly(seed, 'quotes.leads', leads.count, toLeads, (l) => reachedMask[l]);
  const q: Quotes = {
    count,
    customer: new Int32Array(count).fill(-1),
    lead: new Int32Array(count).fill(-1),
    technician: new Int32Array(count),
    day: new Int32Array(count),
    status: new Uint8Array(count),
  };
  let l = 0;
  for (let j = 0; j < count; j++) {
    const r = rowRandom(seed, 'quotes.plan', j);
    if (j < toLeads) {
      while (l < leads.count - 1 && !chosen[l]) l++;
      const lead = toLeads > leads.count ? j % leads.count : l++;
      const created = Math.floor(leads.createdMinute[lead] / MINUTES_PER_DAY);
      const converted = leads.customer[lead] >= 0 ? customers.createdDay[leads.customer[lead]] : t.asOf + 1;
      q.lead[j] = lead;
      q.day[j] = Math.max(created, Math.min(created + r.int(1, 14), converted - 1, t.asOf));
      q.status[j] =
        leads.status[lead] === LEAD_STATUS.won
          ? QUOTE_STATUS.accepted
          : leads.status[lead] === LEAD_STATUS.lost
            ? r.chance(0.6)
              ? QUOTE_STATUS.declined
              : QUOTE_STATUS.expired
            : outcomeByAge(r.next(), q.day[j], t);
    } else {
      const customer = Math.floor(r.next() * Math.max(1, countBelow(customers.createdDay, t.asOf - 3)));
      const from = Math.max(customers.createdDay[customer] + 1, t.windowStart);
      q.customer[j] = customer;
      q.day[j] = from + Math.floor(r.next() * Math.max(1, t.asOf - from));
      q.status[j] = outcomeByAge(r.next(), q.day[j], t);
    }
    q.technician[j] = pickTechnician(techs, SKILL.hvac_installation, false, q.day[j], r.next());
  }
  return q;
}

function outcomeByAge(x: number, day: number, t: Timeline): number {
  if (t.asOf - day <= 3 && x < 0.5) return QUOTE_STATUS.draft;
  if (day + QUOTE_VALID_DAYS >= t.asOf) return QUOTE_STATUS.sent;
  return x < 0.45 ? QUOTE_STATUS.accepted : x < 0.75 ? QUOTE_STATUS.declined : QUOTE_STATUS.expired;
}

export interface MailingList {
  readonly count: number;
  readonly customer: Int32Array;
  readonly lead: Int32Array;
}

/**
 * 55 % of contacts are customers (each at most once), then prospects: leads that did not
 * convert (each at most once, up to half the rest), then sign-ups with no lead. Emails stay
 * unique because each source's addresses have their own shape (see contact-identity.ts).
 */
export function planMailingList(seed: number, count: number, customers: Customers, leads: Leads): MailingList {
  const ofCustomers = Math.min(customers.count, Math.round(0.55 * count));
  let open = 0;
  for (let l = 0; l < leads.count; l++) if (leads.customer[l] < 0) open++;
  const ofLeads = Math.min(open, Math.round(0.5 * (count - ofCustomers)));
  const customerMask = chooseExactly(seed, 'mailing_list.customers', customers.count, ofCustomers);
  const leadMask = chooseExactly(seed, 'mailing_list.leads', leads.count, ofLeads, (l) => (leads.customer[l] < 0 ? 1 : 0));
  const list: MailingList = { count, customer: new Int32Array(count).fill(-1), lead: new Int32Array(count).fill(-1) };
  let k = 0;
  for (let c = 0; c < customers.count; c++) if (customerMask[c]) list.customer[k++] = c;
  for (let l = 0; l < leads.count; l++) if (leadMask[l]) list.lead[k++] = l;
  return list;
}
