import type { QueryClient } from '../query/query-client.js';
import { parseSeverity } from '../query/query-inputs.js';
import { SEVERITIES, type Severity } from '../query/query-types.js';
import type { ContextDoc } from './context-doc.js';
import { parseHours } from './context-period.js';
import { plural, time, value } from './context-text.js';

export interface AlertsContextOptions {
  /** one equipment; default all */
  readonly equip?: string;
  readonly severity?: Severity;
  /** the last N hours of the data (default 24) */
  readonly hours?: number;
}

/**
 * Recent alerts (the last N hours of the data), counted by severity, then one line each: the most severe
 * and newest kept first under a budget, printed oldest first, with the labelled fault that caused it.
 */
export async function alertsContext(q: QueryClient, options: AlertsContextOptions = {}): Promise<ContextDoc> {
  const hours = options.hours === undefined ? 24 : parseHours(options.hours);
  const severity = options.severity === undefined ? undefined : parseSeverity(options.severity);
  const r = await q.alerts({ equip: options.equip, severity, since: `${Math.max(1, Math.round(hours * 60))}m`, limit: 10_000 });
  const scope = `${options.equip ?? 'all equipment'}${severity ? `, severity ${severity}` : ''}, in the last ${hours} h of the data`;
  if (r.rowCount === 0) return { head: [`No alerts for ${scope}.`], items: [], noun: 'alerts' };
  const counts = SEVERITIES.map((s) => [s, r.rows.filter((a) => a.severity === s).length] as const).filter(([, n]) => n > 0);
  const head = [
    `${plural(r.rowCount, 'alert')}${r.truncated ? '+' : ''} for ${scope} (${counts
      .reverse()
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}); ${r.rows.filter((a) => a.faultEvent).length} caused by labelled faults.`,
  ];
  const order = r.rows.map((a, i) => ({ i, s: SEVERITIES.indexOf(a.severity) })).sort((a, b) => b.s - a.s || b.i - a.i);
  const rank = new Map(order.map((x, n) => [x.i, n]));
  const items = r.rows.map((a, i) => ({
    text: `- ${time(a.ts)} ${a.severity} ${a.equipment} ${a.metric} ${value(a.value)} (threshold ${value(a.threshold)}): ${a.message}${a.faultEvent ? ` [labelled fault ${a.faultEvent}]` : ''}`,
    rank: rank.get(i)!,
  }));
  return { head, items, noun: 'alerts' };
}
