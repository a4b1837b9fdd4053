// Phase 2 for the sales side: leads, the mailing list and quotes.
import {
  CONTACT_CHANNELS,
  FOLLOW_UP_STATUSES,
  LEAD_INTERESTS,
  LEAD_SOURCES,
  LEAD_STATUSES,
  QUOTE_STATUSES,
} from '../tables/vocabulary-codes.js';
import { decimal, isoDate, isoTimestamp, money } from '../tables/cell-format.js';
import type { Row } from '../tables/table-def.js';
import { MINUTES_PER_DAY, minuteMs } from './calendar.js';
import { yearOf } from '../../time/civil-days.js';
import type { BusinessPlan } from './business-plan.js';
import { contactAt, type Contact } from './contact-identity.js';
import { customerContact } from './render-customers.js';
import { QUOTE_STATUS, QUOTE_VALID_DAYS } from './plan-sales.js';
import { rowRandom } from './row-random.js';
import { pickInGroup } from './sampling.js';

/** modelled win probability range by stage (LEAD_STATUSES order) */
const PROBABILITY: readonly (readonly [number, number])[] = [
  [0.1, 0.35],
  [0.2, 0.5],
  [0.4, 0.7],
  [0.5, 0.85],
  [0.8, 0.99],
  [0.01, 0.2],
];
/** first-year value range in dollars by interest (LEAD_INTERESTS order) */
const VALUE: readonly (readonly [number, number])[] = [
  [6000, 16000],
  [5000, 14000],
  [180, 480],
  [150, 1500],
  [8000, 60000],
];

function leadContact(plan: BusinessPlan, l: number): Contact {
  const customer = plan.leads.customer[l];
  return customer >= 0 ? customerContact(plan, customer) : contactAt(plan.seed, 'leads.contact', l, plan.leads.commercial[l] === 1, '_');
}

export function leadRow(plan: BusinessPlan, l: number): Row {
  const leads = plan.leads;
  const r = rowRandom(plan.seed, 'leads.render', l);
  const contact = leadContact(plan, l);
  const customer = leads.customer[l];
  const interest = leads.commercial[l] ? (r.chance(0.6) ? 4 : r.pick([1, 3])) : r.weighted([20, 30, 25, 25, 0]);
  const [plo, phi] = PROBABILITY[leads.status[l]];
  const [vlo, vhi] = VALUE[interest];
  return [
    l + 1,
    contact.first,
    contact.last,
    contact.company,
    contact.email,
    contact.phone,
    LEAD_SOURCES[leads.source[l]],
    LEAD_INTERESTS[interest],
    isoTimestamp(minuteMs(leads.createdMinute[l])),
    LEAD_STATUSES[leads.status[l]],
    decimal(r.range(plo, phi), 2),
    money(r.int(vlo, vhi) * 100),
    customer >= 0 ? customer + 1 : null,
    customer >= 0 ? isoTimestamp(minuteMs(plan.customers.createdMinute[customer])) : null,
  ];
}

const INTERESTS = ['cooling', 'heating', 'indoor_air_quality', 'smart_thermostats', 'maintenance_plans', 'financing', 'rebates'];

export function mailingRow(plan: BusinessPlan, m: number): Row {
  const list = plan.mailingList;
  const r = rowRandom(plan.seed, 'mailing_list.render', m);
  const customer = list.customer[m];
  const lead = list.lead[m];
  const contact =
    customer >= 0
      ? customerContact(plan, customer)
      : lead >= 0
        ? leadContact(plan, lead)
        : contactAt(plan.seed, 'mailing_list.contact', m, false, '');
  const { asOf } = plan.timeline;
  const joined =
    customer >= 0
      ? plan.customers.createdMinute[customer]
      : lead >= 0
        ? plan.leads.createdMinute[lead]
        : (asOf - r.int(30, 5 * 365)) * MINUTES_PER_DAY + r.int(6 * 60, 23 * 60);
  const subscribed = Math.min(joined + r.int(0, 30 * MINUTES_PER_DAY), (asOf + 1) * MINUTES_PER_DAY - 2);
  const left = r.chance(0.1) ? subscribed + 1 + Math.floor(r.next() * ((asOf + 1) * MINUTES_PER_DAY - 1 - subscribed)) : -1;
  const interests = INTERESTS.filter(() => r.chance(0.3));
  return [
    m + 1,
    contact.email,
    contact.first,
    contact.last,
    customer >= 0 ? 'customer' : 'prospect',
    customer >= 0 ? customer + 1 : null,
    lead >= 0 ? lead + 1 : null,
    isoTimestamp(minuteMs(subscribed)),
    left < 0,
    left < 0 ? null : isoTimestamp(minuteMs(left)),
    CONTACT_CHANNELS[r.weighted([60, 20, 12, 8])],
    r.chance(0.7),
    r.chance(0.5),
    customer >= 0 ? r.chance(0.85) : r.chance(0.2),
    (interests.length > 0 ? interests : [r.pick(INTERESTS)]).join('|'),
  ];
}

export function quoteRow(plan: BusinessPlan, j: number): Row {
  const q = plan.quotes;
  const r = rowRandom(plan.seed, 'quotes.render', j);
  const customer = q.customer[j];
  const lead = q.lead[j];
  const commercial = customer >= 0 ? plan.customers.commercial[customer] : plan.leads.commercial[lead];
  const types = plan.equipmentTypes;
  const install = types.count > 0 && r.chance(0.7);
  const market = commercial && r.chance(0.7) ? 1 : 0;
  const type = install ? pickInGroup(types.byMarket, market, r.next(), types.count) : -1;
  const labor = (install ? r.int(8, 24) : r.int(2, 6)) * r.int(95, 125) * 100;
  const equipment = install ? Math.round((types.listPriceCents[type] * r.int(85, 100)) / 100) : r.int(150, 2500) * 100;
  const status = q.status[j];
  const day = q.day[j];
  const followUp =
    status === QUOTE_STATUS.draft
      ? 0
      : status === QUOTE_STATUS.sent
        ? r.chance(0.6)
          ? 1
          : 2
        : status === QUOTE_STATUS.expired
          ? r.pick([0, 2])
          : 3;
  const followDay = followUp === 0 ? null : followUp === 1 ? day + 7 : Math.min(plan.timeline.asOf, day + r.int(2, 20));
  return [
    j + 1,
    `Q-${yearOf(day)}-${String(j + 1).padStart(5, '0')}`,
    customer >= 0 ? customer + 1 : null,
    lead >= 0 ? lead + 1 : null,
    q.technician[j] + 1,
    type >= 0 ? type + 1 : null,
    isoDate(day),
    isoDate(day + QUOTE_VALID_DAYS),
    money(labor),
    money(equipment),
    money(labor + equipment),
    QUOTE_STATUSES[status],
    FOLLOW_UP_STATUSES[followUp],
    followDay === null ? null : isoDate(followDay),
  ];
}
