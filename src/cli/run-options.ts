import type { Command } from 'commander';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { ArgsError } from '../errors.js';
import { buildModel } from '../model/build-model.js';
import { loadProfile, type LoadedProfile } from '../profile/load-profile.js';
import { formatDuration } from '../time/format-duration.js';
import { checkRange, dateTimeFlag, intervalFlag, parseWhole } from './flag-values.js';

const DAY = 86_400_000;
/**
 * Most values (points × timestamps) one `generate` writes into the embedded store, however the
 * range is given (--days, --start/--end, the profile's days): about 45 years of the office tower
 * at 15 min, 3 years at 1 min; a run of this size takes hours and tens of GB.
 */
export const MAX_RUN_VALUES = 1_000_000_000;
/**
 * The same into PostgreSQL or files, which are made for the campus's reference horizon (3 years at
 * 1 min, about 15 billion values): room for a few times that, still a stop for a mistyped --end.
 */
export const MAX_SERVER_RUN_VALUES = 60_000_000_000;
/** Longest range of one run: a century of history is a typo, not a data set. */
const MAX_RUN_YEARS = 100;

/** Flags every data-producing command shares (see the spec's cli.md); output flags come from output-flags.ts. */
export function addRunFlags(command: Command): Command {
  return command
    .option('--profile <name|path>', 'built-in profile or a YAML file', 'office-tower')
    .option('--org <key>', 'organization key: tables core.values_{key}', 'demo')
    .option('--start <time>', 'ISO 8601 date or date-time (inclusive); a bare date is local midnight at the site')
    .option('--end <time>', 'ISO 8601 date or date-time (exclusive)')
    .option('--days <n>', 'the last N days ending now, when no --start is given')
    .option('--interval <d>', 'sample interval: 1m, 15m, 1h (profile default otherwise)')
    .option('--seed <n>', 'seed of the deterministic simulation (profile default otherwise)');
}

export interface RunOptions {
  readonly loaded: LoadedProfile;
  readonly org: string;
  readonly start: number;
  readonly end: number;
  readonly intervalMs: number;
  readonly seed: number;
  readonly epochMs: number;
}

/** Turns flags into a validated run, before any output is opened. */
export async function resolveRunOptions(o: Record<string, unknown>, now: number): Promise<RunOptions> {
  const loaded = await loadProfile(String(o.profile ?? 'office-tower'), EQUIPMENT_TYPES);
  const sim = loaded.profile.simulation;
  const tz = loaded.profile.site.timeZone;
  const intervalMs = intervalFlag(String(o.interval ?? sim.interval), o.interval ? '--interval' : 'simulation.interval');
  const seed = o.seed === undefined ? sim.seed : parseWhole(String(o.seed), '--seed', 0, 2 ** 32 - 1);
  const days = o.days === undefined ? sim.days : parseWhole(String(o.days), '--days', 1, 36_600);
  const epochMs = Date.parse(sim.epoch);
  const grid = (t: number) => epochMs + Math.floor((t - epochMs) / intervalMs) * intervalMs;
  let end = o.end !== undefined ? dateTimeFlag(String(o.end), tz, '--end') : grid(now);
  const start = o.start !== undefined ? dateTimeFlag(String(o.start), tz, '--start') : end - days * DAY;
  if (o.start !== undefined && o.end === undefined && o.days !== undefined) end = start + days * DAY;
  checkRange(start, end);
  return { loaded, org: String(o.org ?? 'demo'), start, end, intervalMs, seed, epochMs };
}

/**
 * The range starts at or after the epoch, holds at least one interval, at most
 * MAX_RUN_VALUES values (MAX_SERVER_RUN_VALUES when no embedded store is written) and
 * MAX_RUN_YEARS years: checked before any output opens, so a typo in --end never
 * starts an endless run and a wrong --days never leaves an empty store behind.
 */
export function checkGenerateSize(opts: RunOptions, equipIds?: readonly string[], embedded = true): void {
  const range = `${new Date(opts.start).toISOString()} → ${new Date(opts.end).toISOString()}`;
  const interval = formatDuration(opts.intervalMs);
  if (opts.start < opts.epochMs)
    throw new ArgsError(
      `the range starts ${new Date(opts.start).toISOString()}, before the profile's epoch ${new Date(opts.epochMs).toISOString()} (simulation.epoch, where the energy registers start): move --start or --days, or set an earlier epoch in the profile`,
    );
  if (opts.intervalMs > opts.end - opts.start)
    throw new ArgsError(
      `the interval (${interval}) is longer than the range ${range}: nothing would be written; shorten --interval or widen the range`,
    );
  // a selection (--equip) writes its own points only
  const chosen = equipIds && new Set(equipIds);
  const points = buildModel(opts.loaded.profile, EQUIPMENT_TYPES).model.points.filter((p) => !chosen || chosen.has(p.equipId)).length;
  const timestamps = Math.ceil((opts.end - opts.epochMs) / opts.intervalMs) - Math.ceil((opts.start - opts.epochMs) / opts.intervalMs);
  const years = (opts.end - opts.start) / (365.25 * DAY);
  const most = embedded ? MAX_RUN_VALUES : MAX_SERVER_RUN_VALUES;
  if (points * timestamps > most) {
    const maxDays = Math.floor(most / points / (DAY / opts.intervalMs));
    const n = (x: number) => x.toLocaleString('en-US');
    throw new ArgsError(
      `the range ${range} every ${interval} is ${n(timestamps)} timestamps × ${n(points)} points = ${n(points * timestamps)} values; ` +
        `a run writes at most ${n(most)}${embedded ? ' into the embedded store' : ''} (${n(maxDays)} days of this profile at ${interval}): ` +
        `shorten the range (--end, --days) or lengthen --interval${embedded ? `, or write to PostgreSQL (--db) or files (--out), which take up to ${n(MAX_SERVER_RUN_VALUES)}` : ''}`,
    );
  }
  if (years > MAX_RUN_YEARS)
    throw new ArgsError(`the range ${range} spans ${Math.round(years)} years; a run spans at most ${MAX_RUN_YEARS}: check --end or --days`);
}
