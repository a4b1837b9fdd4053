import { ANOMALY_SOURCES, type AnomalyOptions, type AnomalySource, sampleAnomalies } from './ml-anomalies.js';
import { type BatchOptions, sampleBatch } from './ml-batch.js';
import { SampleContext, type SampleOptions } from './ml-context.js';
import { sampleStates, statesAt } from './ml-states.js';
import type { MlRecord } from './ml-types.js';
import { type PairOptions, samplePairs, sampleTrajectories, type WindowOptions } from './ml-windows.js';
import type { QueryClient } from '../query/query-client.js';
import { ArgsError } from '../errors.js';

/** What to sample: one of the five kinds with its options. */
export type MlRequest =
  | { readonly kind: 'states'; readonly count: number; readonly at?: number }
  | ({ readonly kind: 'trajectories'; readonly count: number } & WindowOptions)
  | ({ readonly kind: 'pairs'; readonly count: number } & PairOptions)
  | ({ readonly kind: 'anomalies'; readonly count: number } & AnomalyOptions)
  | ({ readonly kind: 'batch'; readonly size: number } & BatchOptions);

/**
 * Samples training records from a store through the query library: seeded (the same store, request and
 * seed give the same records in the same order) and, with a split, each record in one split only.
 */
export async function sampleMl(q: QueryClient, options: SampleOptions, request: MlRequest): Promise<MlRecord[]> {
  const cx = await SampleContext.open(q, options);
  switch (request.kind) {
    case 'states':
      return request.at === undefined ? sampleStates(cx, request.count) : statesAt(cx, request.at);
    case 'trajectories':
      return sampleTrajectories(cx, request.count, request);
    case 'pairs':
      return samplePairs(cx, request.count, request);
    case 'anomalies':
      return sampleAnomalies(cx, request.count, request);
    case 'batch':
      return sampleBatch(cx, request.size, request);
  }
}

export function parseAnomalySource(text: unknown): AnomalySource {
  if ((ANOMALY_SOURCES as readonly unknown[]).includes(text)) return text as AnomalySource;
  throw new ArgsError(`--anomaly-source ${JSON.stringify(text)}: expected ${ANOMALY_SOURCES.join(', ')}`);
}
