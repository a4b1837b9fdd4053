import { rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ArgsError } from '../errors.js';
import type { BusinessOptions } from '../business/generate/business-dataset.js';
import { DEFAULT_AS_OF } from '../business/generate/calendar.js';
import { parseAsOf } from '../business/generate/business-timeline.js';
import { planRowCounts, type RowCounts } from '../business/generate/row-counts.js';
import { describeIoError } from '../outputs/files/files-io.js';
import { parseWhole } from './flag-values.js';
import { makeDirectories } from '../outputs/files/make-directories.js';

/** Fixed, never the clock: the same command gives the same files. */
export const DEFAULT_BUSINESS_SEED = 1;
export const DEFAULT_BUSINESS_OUT = './hvac_data';
const MAX_SCALE = 10_000;
export const DEFAULT_LINKED_PROFILE = 'office-tower';

export interface BusinessRun {
  readonly dataset: BusinessOptions;
  /** the row count of every table, checked against the coupling rules */
  readonly counts: RowCounts;
  readonly out?: string;
  readonly db?: string;
  /** the embedded store's folder (--data-dir) */
  readonly dataDir?: string;
  readonly schema: string;
  /** --link-building: the profile whose building becomes a customer, and the seed its telemetry was simulated with (default: the profile's) */
  readonly link?: { readonly profile: string; readonly simSeed?: number };
}

/**
 * Flags → a validated run, before anything is generated or opened. The database
 * comes only from --db, never from DATABASE_URL: without flags this command
 * writes files, and a variable set for other tools must not make it replace
 * tables in some database instead.
 */
export function resolveBusinessRun(o: Record<string, unknown>): BusinessRun {
  const seed = o.seed === undefined ? DEFAULT_BUSINESS_SEED : parseWhole(String(o.seed), '--seed', 0, 2 ** 32 - 1);
  const scale = o.scale === undefined ? 1 : parseScale(String(o.scale));
  const asOf = o.asOf === undefined ? DEFAULT_AS_OF : String(o.asOf);
  parseAsOf(asOf, '--as-of');
  const overrides = parseRowOverrides((o.rows as string[] | undefined) ?? []);
  const counts = planRowCounts(scale, overrides);
  const db = o.db === undefined ? undefined : String(o.db);
  if (db === '')
    throw new ArgsError('--db is empty: pass a URL such as postgres://user:password@host:5432/database (is $DATABASE_URL set?)');
  const dataDir = o.dataDir === undefined ? undefined : String(o.dataDir);
  const out = o.out === undefined ? (db || dataDir ? undefined : DEFAULT_BUSINESS_OUT) : String(o.out);
  const simSeed = o.simSeed === undefined ? undefined : parseWhole(String(o.simSeed), '--sim-seed', 0, 2 ** 32 - 1);
  if (simSeed !== undefined && o.linkBuilding === undefined)
    throw new ArgsError("--sim-seed is the seed of the linked building's simulation: it needs --link-building");
  const link =
    o.linkBuilding === undefined
      ? undefined
      : { profile: o.linkBuilding === true ? DEFAULT_LINKED_PROFILE : String(o.linkBuilding), simSeed };
  return { dataset: { seed, scale, overrides, asOf }, counts, out, db, dataDir, schema: String(o.schema ?? 'hvac'), link };
}

function parseScale(text: string): number {
  const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(n > 0 && n <= MAX_SCALE))
    throw new ArgsError(`--scale expects a number above 0 and at most ${MAX_SCALE} (1 = the default counts), got "${text}"`);
  return n;
}

/**
 * `--rows customers=1000,parts=50 --rows leads=10` → exact counts; table names are checked by planRowCounts.
 * Collected in a Map, so `__proto__=5` is a name like any other (an unknown table), not a prototype.
 */
export function parseRowOverrides(values: readonly string[]): Record<string, number> {
  const overrides = new Map<string, number>();
  for (const item of values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^=\s]+)=(\d+)$/.exec(item);
    if (!m) throw new ArgsError(`--rows "${item}": expected table=N with N a whole number ≥ 0 (e.g. --rows customers=1000,parts=50)`);
    if (overrides.has(m[1]!)) throw new ArgsError(`--rows names ${m[1]} twice (${overrides.get(m[1]!)} and ${m[2]}): give each table once`);
    overrides.set(m[1]!, Number(m[2]));
  }
  return Object.fromEntries(overrides);
}

/** The --out folder exists or can be made, and a file can be written there (checked by writing one). */
export async function checkOutputDir(dir: string): Promise<void> {
  const path = resolve(dir);
  const existing = await stat(path).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new ArgsError(`--out ${dir} is a file, not a folder`);
  const probe = join(path, `.haysim-write-check-${process.pid}`);
  try {
    await makeDirectories(path);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw new ArgsError(`--out ${dir} cannot be written: ${describeIoError(error)}`);
  }
}
