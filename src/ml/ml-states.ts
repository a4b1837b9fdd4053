import { ArgsError } from '../errors.js';
import { ATTEMPTS, type SampleContext } from './ml-context.js';
import type { StateRecord } from './ml-types.js';

/**
 * `count` states of random candidates at random grid instants (each in its split), labelled by the ground
 * truth: `anomaly` where a labelled fault covers the instant. `normalOnly` redraws those instead, for the
 * normal part of a batch.
 */
export async function sampleStates(cx: SampleContext, count: number, normalOnly = false): Promise<StateRecord[]> {
  const out: StateRecord[] = [];
  const interval = cx.extent.intervalMs;
  for (let tries = 0; out.length < count; tries++) {
    if (tries >= ATTEMPTS * count)
      throw new ArgsError(
        `ml: found ${out.length} of ${count} ${normalOnly ? 'normal ' : ''}states after ${tries} draws: the store holds too little data`,
      );
    const c = cx.draws.pick('state.equipment', cx.candidates);
    const placed = cx.plan.place(cx.draws.next('state.time'), interval, c.id, interval);
    if (!placed) continue;
    if (normalOnly && cx.faultsIn(c.id, placed.start, placed.start + 1).length > 0) continue;
    const row = await cx.readRow(c.id, placed.start);
    if (row) out.push(cx.state(c, row, placed.split));
  }
  return out;
}

/** Each candidate's state at the grid instant at or after `at` (one record per candidate with a reading there). */
export async function statesAt(cx: SampleContext, at: number): Promise<StateRecord[]> {
  const { from, to, intervalMs } = cx.extent;
  if (at < from || at >= to)
    throw new ArgsError(
      `--at ${new Date(at).toISOString()}: outside the data (${new Date(from).toISOString()} to ${new Date(to).toISOString()})`,
    );
  const t = from + Math.ceil((at - from) / intervalMs) * intervalMs;
  const out: StateRecord[] = [];
  for (const c of cx.candidates) {
    const row = await cx.readRow(c.id, t);
    if (row) out.push(cx.state(c, row, cx.plan.splitOf(c.id, t)));
  }
  return out;
}
