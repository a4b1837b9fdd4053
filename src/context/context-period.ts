import { ArgsError } from '../errors.js';
import type { QueryClient } from '../query/query-client.js';
import { parseTime } from '../query/query-inputs.js';
import type { TimeInput } from '../query/query-types.js';

const HOUR = 3_600_000;

/** The period a context covers: `hours` up to `to`, or up to just after the newest reading of the equipment. */
export interface ContextPeriod {
  readonly from: number;
  readonly to: number;
  readonly hours: number;
}

export interface PeriodOptions {
  /** hours covered (default 24, at most 744: 31 days) */
  readonly hours?: number;
  /** end, exclusive (default just after the newest reading) */
  readonly to?: TimeInput;
}

/** `hours`, checked: a number of hours 1 … 744. */
export function parseHours(value: unknown): number {
  const n = typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > 744)
    throw new ArgsError(`--hours ${JSON.stringify(value)}: expected a number of hours above 0, at most 744 (31 days)`);
  return n;
}

/**
 * The period over the equipment given: ending at `to`, else just after the newest reading any of them has
 * (so several equipment share one period). Undefined when none has a reading and no `to` was given.
 */
export async function contextPeriod(
  q: QueryClient,
  equipment: readonly string[],
  options: PeriodOptions,
): Promise<ContextPeriod | undefined> {
  const hours = options.hours === undefined ? 24 : parseHours(options.hours);
  let to: number | undefined;
  if (options.to !== undefined) to = parseTime(options.to, q.timeZone, '--to');
  else {
    for (const e of equipment) {
      const [row] = (await q.latest(e)).rows;
      if (row) to = Math.max(to ?? -Infinity, Date.parse(row.ts) + 1);
    }
  }
  return to === undefined ? undefined : { from: to - hours * HOUR, to, hours };
}
