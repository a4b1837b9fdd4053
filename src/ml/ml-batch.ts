import { ArgsError } from '../errors.js';
import { type AnomalyOptions, sampleAnomalies } from './ml-anomalies.js';
import type { SampleContext } from './ml-context.js';
import { sampleStates } from './ml-states.js';
import type { StateRecord } from './ml-types.js';

export interface BatchOptions extends AnomalyOptions {
  /** share of anomalies, 0–1: round(size × ratio) of the batch */
  readonly anomalyRatio: number;
}

/** A training batch: round(size × ratio) anomalies and normal states for the rest, in seeded order. */
export async function sampleBatch(cx: SampleContext, size: number, o: BatchOptions): Promise<StateRecord[]> {
  if (!(o.anomalyRatio >= 0 && o.anomalyRatio <= 1)) throw new ArgsError(`--anomaly-ratio ${o.anomalyRatio}: expected 0–1`);
  const anomalies = Math.round(size * o.anomalyRatio);
  const records = [...(await sampleStates(cx, size - anomalies, true)), ...(await sampleAnomalies(cx, anomalies, o))];
  return cx.draws.shuffle('batch', records);
}
