import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ArgsError } from '../errors.js';
import type { Shard } from '../model/shard.js';
import { INTERVAL_FORMAT, parseInterval } from '../time/clock.js';
import { parseDateTime } from '../time/date-time-text.js';

/** Flag values that need more than commander: numbers, intervals and dates, with errors naming the flag. */

export function parseWhole(text: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) throw new ArgsError(`${flag} expects a whole number, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new ArgsError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Most shards a run may be split into: more processes than equipment would leave some with nothing. */
export const MAX_SHARDS = 10_000;

/** `--shard 2/3` → the 2nd of 3 shards. */
export function shardFlag(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new ArgsError(`--shard expects K/N, this process's number K of N processes (e.g. 2/3), got "${text}"`);
  const [index, count] = [Number(m[1]), Number(m[2])];
  if (count < 1 || count > MAX_SHARDS) throw new ArgsError(`--shard ${text}: N must be between 1 and ${MAX_SHARDS}, got ${count}`);
  if (index < 1 || index > count) throw new ArgsError(`--shard ${text}: K must be between 1 and N (${count}), got ${index}`);
  return { index, count };
}

/** `--equip chiller_001,em_001` → the ids (checked against the model when it is built). */
export function equipFlag(text: string): string[] {
  const ids = text.split(',').map((s) => s.trim());
  if (ids.some((id) => id === ''))
    throw new ArgsError(`--equip expects equipment ids separated by commas (e.g. chiller_001,em_001), got "${text}"`);
  return [...new Set(ids)];
}

/** `--interval 15m` → ms; `flag` may also name a profile field (`simulation.interval`). */
export function intervalFlag(text: string, flag = '--interval'): number {
  const ms = parseInterval(text);
  if (ms === undefined) throw new ArgsError(`${flag} "${text}": expected ${INTERVAL_FORMAT}`);
  return ms;
}

/** `--start 2025-11-01` → epoch ms (a bare date or a time without offset is local in timeZone). */
export function dateTimeFlag(text: string, timeZone: string, flag: string): number {
  const parsed = parseDateTime(text, timeZone);
  if (typeof parsed === 'string') throw new ArgsError(`${flag} "${text}": ${parsed}`);
  return parsed;
}

/** --start and --end as epoch ms, start before end. */
export function rangeFlags(start: string, end: string, timeZone: string): { start: number; end: number } {
  const range = { start: dateTimeFlag(start, timeZone, '--start'), end: dateTimeFlag(end, timeZone, '--end') };
  checkRange(range.start, range.end);
  return range;
}

export function checkRange(start: number, end: number): void {
  if (!(end > start))
    throw new ArgsError(`--start (${new Date(start).toISOString()}) must be before --end (${new Date(end).toISOString()})`);
}

/** A file flag (`--csv out/x.csv`) whose folder must already exist: checked before anything is generated or written. */
export function checkFileFlag(path: string, flag: string): void {
  const folder = dirname(resolve(path));
  const found = statSync(folder, { throwIfNoEntry: false });
  if (!found) throw new ArgsError(`${flag} ${path}: the folder ${folder} does not exist; create it first`);
  if (!found.isDirectory()) throw new ArgsError(`${flag} ${path}: ${folder} is a file, not a folder`);
  if (statSync(resolve(path), { throwIfNoEntry: false })?.isDirectory())
    throw new ArgsError(`${flag} ${path} is a folder; expected a file name`);
}
