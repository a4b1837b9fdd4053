import { ArgsError } from '../../errors.js';

/** What --retention accepts, for messages. */
export const RETENTION_FORMAT = 'a positive whole number of days, weeks, months or years (90d, 12w, 6mo, 1y)';

const UNITS: Readonly<Record<string, string>> = { d: 'days', w: 'weeks', mo: 'months', y: 'years' };

/** `90d` → `90 days`, `1y` → `1 years` (a PostgreSQL interval); undefined when the text is not such a duration. */
export function retentionInterval(text: string): string | undefined {
  const m = /^\s*(\d{1,5})\s*(d|w|mo|y)\s*$/.exec(text);
  return m && Number(m[1]) > 0 ? `${Number(m[1])} ${UNITS[m[2]]}` : undefined;
}

/** retentionInterval, or an input error naming the option (library callers bypass the options schema). */
export function parseRetention(text: string, name = 'postgres.retention'): string {
  const interval = retentionInterval(text);
  if (!interval) throw new ArgsError(`${name} ${JSON.stringify(text)}: expected ${RETENTION_FORMAT}`);
  return interval;
}
