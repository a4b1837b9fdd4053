import { ArgsError } from '../errors.js';
import type { QueryClient } from '../query/query-client.js';
import type { Aggregation, Severity, TimeInput } from '../query/query-types.js';
import { alertsContext } from './alerts-context.js';
import { anomalyContext } from './anomaly-context.js';
import { compareContext } from './compare-context.js';
import { type ContextDoc, type ContextText, parseBudget, renderContext } from './context-doc.js';
import { summaryContext } from './summary-context.js';
import { trendContext } from './trend-context.js';

export const CONTEXT_KINDS = ['summary', 'trend', 'anomalies', 'compare', 'alerts'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

/** What any context takes; each kind reads the fields it needs. */
export interface ContextRequest {
  readonly kind: ContextKind;
  /** summary, trend, anomalies: one; compare: two or more; alerts: none (all) or one */
  readonly equipment: readonly string[];
  readonly columns?: readonly string[];
  /** hours covered (default 24) */
  readonly hours?: number;
  /** end, exclusive (default just after the newest reading) */
  readonly to?: TimeInput;
  /** trend: bucket width and aggregation */
  readonly every?: string;
  readonly agg?: Aggregation;
  /** anomalies: the σ multiplier (default 2) */
  readonly k?: number;
  /** alerts: one severity */
  readonly severity?: Severity;
  /** most tokens (o200k_base) the text may take */
  readonly budget?: number;
}

/** Text for an LLM prompt about the store's equipment: deterministic, units in the text, within a token budget. */
export async function buildContext(q: QueryClient, request: ContextRequest): Promise<ContextText & { readonly kind: ContextKind }> {
  const budget = request.budget === undefined ? undefined : parseBudget(request.budget);
  const doc = await contextDoc(q, request);
  return { kind: request.kind, ...(await renderContext(doc, budget)) };
}

function contextDoc(q: QueryClient, r: ContextRequest): Promise<ContextDoc> {
  const one = () => {
    if (r.equipment.length !== 1) throw new ArgsError(`context ${r.kind} takes one equipment (got ${r.equipment.length})`);
    return r.equipment[0]!;
  };
  const period = { hours: r.hours, to: r.to };
  switch (r.kind) {
    case 'summary':
      return summaryContext(q, one(), { ...period, columns: r.columns });
    case 'trend': {
      if (r.columns?.length !== 1) throw new ArgsError('context trend takes one column: --column <name>');
      return trendContext(q, one(), { ...period, column: r.columns[0]!, every: r.every, agg: r.agg });
    }
    case 'anomalies':
      return anomalyContext(q, one(), { ...period, columns: r.columns, k: r.k });
    case 'compare':
      return compareContext(q, r.equipment, { ...period, columns: r.columns });
    case 'alerts':
      if (r.equipment.length > 1) throw new ArgsError(`context alerts takes one equipment or none (got ${r.equipment.length})`);
      return alertsContext(q, { equip: r.equipment[0], severity: r.severity, hours: r.hours });
    default:
      throw new ArgsError(`unknown context ${JSON.stringify(r.kind)} (known: ${CONTEXT_KINDS.join(', ')})`);
  }
}
