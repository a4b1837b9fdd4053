import type { Command } from 'commander';
import { mqttOptionsSchema } from '../outputs/mqtt/mqtt-options.js';
import { loadProfile, type LoadedProfile } from '../profile/load-profile.js';
import { checkRange, dateTimeFlag, intervalFlag, parseWhole } from './flag-values.js';

const DAY = 86_400_000;

/** Flags every data-producing command shares (see the spec's cli.md). */
export function addRunFlags(command: Command): Command {
  return command
    .option('--profile <name|path>', 'built-in profile or a YAML file', 'office-tower')
    .option('--db <url>', 'PostgreSQL/TimescaleDB URL (default: $DATABASE_URL, else the embedded store)')
    .option('--data-dir <dir>', 'folder of the embedded PostgreSQL store (default ./haysim-data)')
    .option('--org <key>', 'organization key: tables core.values_{key}', 'demo')
    .option('--start <time>', 'ISO 8601 date or date-time (inclusive); a bare date is local midnight at the site')
    .option('--end <time>', 'ISO 8601 date or date-time (exclusive)')
    .option('--days <n>', 'the last N days ending now, when no --start is given')
    .option('--interval <d>', 'sample interval: 1m, 15m, 1h (profile default otherwise)')
    .option('--seed <n>', 'seed of the deterministic simulation (profile default otherwise)');
}

/** --mqtt and the MQTT sink's own flags (help from its options schema), for the commands that stream readings. */
export function addMqttFlags(command: Command, brokerHelp: string): Command {
  return command
    .option('--mqtt <url>', brokerHelp)
    .option('--topic <template>', `MQTT ${mqttOptionsSchema.shape.topic.description}`)
    .option('--mqtt-payload <mode>', `MQTT payload, ${mqttOptionsSchema.shape.payload.description} (default point)`);
}

export interface RunOptions {
  readonly loaded: LoadedProfile;
  readonly db?: string;
  readonly dataDir?: string;
  readonly org: string;
  readonly start: number;
  readonly end: number;
  readonly intervalMs: number;
  readonly seed: number;
  readonly epochMs: number;
}

/** Turns flags into a validated run, before any output is opened. */
export async function resolveRunOptions(o: Record<string, unknown>, now: number): Promise<RunOptions> {
  const loaded = await loadProfile(String(o.profile ?? 'office-tower'));
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
  const dbFlag = o.db as string | undefined;
  const db = dbFlag ?? (process.env.DATABASE_URL || undefined);
  return { loaded, db, dataDir: o.dataDir as string | undefined, org: String(o.org ?? 'demo'), start, end, intervalMs, seed, epochMs };
}
