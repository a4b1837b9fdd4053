// How many rows each table gets, and the coupling rules between the counts.
import { ArgsError } from '../../errors.js';
import { closestName } from '../../model/defs/edit-distance.js';
import { BUSINESS_TABLES, TABLE_NAMES } from '../tables/business-tables.js';

/** Row count per table name, for all 19 tables. */
export type RowCounts = Readonly<Record<string, number>>;

/**
 * Most rows any one table may have: what --scale's maximum (10,000) gives the largest
 * table, with room; every table is planned in typed arrays of this length.
 */
export const MAX_TABLE_ROWS = 50_000_000;

/** A paid invoice takes at most this many payments (a deposit, instalments, the final payment). */
export const MAX_PAYMENTS_PER_INVOICE = 4;

/**
 * Default counts × scale, rounded, at least 1 per table; then the overrides, exact.
 *
 * Coupling rules (what the generators build on; every one is checked and all broken ones are
 * reported together as one ArgsError):
 * - work_orders = service_calls (one work order per call). Overriding service_calls alone moves
 *   work_orders with it; overriding work_orders to anything else is an error.
 * - incident_response ≤ service_calls: the emergency calls are exactly the incident_response rows.
 * - appointments ≥ service_calls − incident_response: one appointment per non-emergency call,
 *   the rest are future bookings. Not overridden, appointments rise to cover the calls.
 * - invoices ≤ service_calls and customer_feedback ≤ service_calls: both need completed calls, and
 *   the generator cancels only calls that leave enough completed ones.
 * - payments ≤ MAX_PAYMENTS_PER_INVOICE × invoices.
 * - inventory ≤ parts (one stock record per part).
 * - a table with rows needs rows in the tables it must point at (e.g. service_calls needs
 *   customers, installed_devices and technicians; parts_usage needs parts and service_calls).
 * Scaling alone never breaks a rule: every rule compares proportional counts.
 */
export function planRowCounts(scale: number, overrides: Readonly<Record<string, number>> = {}): RowCounts {
  const problems: string[] = [];
  if (!Number.isFinite(scale) || scale <= 0) throw new ArgsError(`scale: expected a positive number, got ${scale}`);
  const counts: Record<string, number> = {};
  for (const t of BUSINESS_TABLES) counts[t.name] = Math.max(1, Math.round(t.defaultRows * scale));
  for (const [name, value] of Object.entries(overrides)) {
    if (!TABLE_NAMES.includes(name)) {
      const hint = closestName(name, TABLE_NAMES);
      problems.push(`unknown table '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
    } else if (!Number.isSafeInteger(value) || value < 0 || value > MAX_TABLE_ROWS) {
      problems.push(`${name}: expected a whole number of rows from 0 to ${MAX_TABLE_ROWS.toLocaleString('en-US')}, got ${value}`);
    } else {
      counts[name] = value;
    }
  }
  if (!('work_orders' in overrides)) counts.work_orders = counts.service_calls;
  if (!('appointments' in overrides)) counts.appointments = Math.max(counts.appointments, counts.service_calls - counts.incident_response);
  if (problems.length === 0) problems.push(...couplingProblems(counts));
  if (problems.length > 0) throw new ArgsError(`row counts: ${problems.join('; ')}`);
  return counts;
}

/** Parent tables a table's rows must point at (only the foreign keys that are NOT NULL, or that the generator always fills). */
const NEEDS: Readonly<Record<string, readonly string[]>> = {
  installed_devices: ['customers', 'equipment_types'],
  subscriptions: ['customers'],
  service_calls: ['customers', 'installed_devices', 'technicians'],
  parts_usage: ['parts', 'service_calls'],
  appointments: ['customers', 'technicians'],
  quotes: ['technicians'],
  invoices: ['service_calls'],
  payments: ['invoices'],
  customer_feedback: ['service_calls'],
  inventory: ['parts'],
};

function couplingProblems(c: Record<string, number>): string[] {
  const problems: string[] = [];
  const rule = (ok: boolean, text: string) => ok || problems.push(text);
  for (const [table, parents] of Object.entries(NEEDS)) {
    for (const parent of parents) rule(c[table] === 0 || c[parent] > 0, `${table} (${c[table]}) needs ${parent} rows, got 0`);
  }
  rule(c.quotes === 0 || c.customers + c.leads > 0, `quotes (${c.quotes}) need customers or leads to quote, got none`);
  rule(
    c.work_orders === c.service_calls,
    `work_orders (${c.work_orders}) must equal service_calls (${c.service_calls}): one work order per call`,
  );
  rule(
    c.incident_response <= c.service_calls,
    `incident_response (${c.incident_response}) exceeds service_calls (${c.service_calls}): each incident is an emergency call`,
  );
  const nonEmergency = c.service_calls - c.incident_response;
  rule(
    c.appointments >= nonEmergency,
    `appointments (${c.appointments}) fewer than non-emergency calls (service_calls ${c.service_calls} − incident_response ${c.incident_response} = ${nonEmergency}): each needs its appointment`,
  );
  rule(
    c.invoices <= c.service_calls,
    `invoices (${c.invoices}) exceed service_calls (${c.service_calls}): one invoice per completed call at most`,
  );
  rule(
    c.customer_feedback <= c.service_calls,
    `customer_feedback (${c.customer_feedback}) exceeds service_calls (${c.service_calls}): one survey per completed call at most`,
  );
  rule(
    c.payments <= MAX_PAYMENTS_PER_INVOICE * c.invoices,
    `payments (${c.payments}) exceed ${MAX_PAYMENTS_PER_INVOICE} per invoice (invoices ${c.invoices})`,
  );
  rule(c.inventory <= c.parts, `inventory (${c.inventory}) exceeds parts (${c.parts}): one stock record per part`);
  return problems;
}
