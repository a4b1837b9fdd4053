import type { Command } from 'commander';
import { ArgsError } from '../errors.js';
import { loadEnvSensorsConfig } from '../env-sensors/load-env-sensors-config.js';
import type { EnvSensorsConfig } from '../env-sensors/env-sensors-config.js';
import { intervalFlag, parseWhole } from './flag-values.js';

/** The device settings flags of `env-sensors live|backfill`; `live --profile env-sensors` adds these next to its own --http, --interval and --seed. */
export function addEnvSensorsSettingsFlags(command: Command): Command {
  return command
    .option('--config <file>', 'YAML/JSON settings file (see src/env-sensors/README.md)')
    .option('--env-file <file>', '.env file with SERVER_URL, DEVICE_COUNT, TEMP_MIN... (default ./.env when present)')
    .option('--preset <name>', 'range preset: default, winter or summer')
    .option('--devices <n>', 'number of devices bme280_fake_001... (overrides DEVICE_COUNT)')
    .option('--device-ids <list>', 'comma-separated device ids (overrides DEVICE_IDS)');
}

/** The settings flags and the server, interval and seed: what `env-sensors live` and `backfill` share. */
export function addEnvSensorsFlags(command: Command): Command {
  return addEnvSensorsSettingsFlags(command)
    .option('--http <url>', 'server URL (overrides SERVER_URL)')
    .option('--interval <d>', 'seconds between readings: 10s, 1m, 5m (overrides INTERVAL_SECONDS)')
    .option('--seed <n>', 'seed of the deterministic model');
}

export interface EnvSensorsLiveOptions {
  readonly http?: string;
  /** alias of http */
  readonly server?: string;
  readonly config?: string;
  readonly envFile?: string;
  readonly preset?: string;
  readonly devices?: string | number;
  readonly deviceIds?: string;
  readonly interval?: string;
  readonly seed?: string | number;
  /** stop after this many readings */
  readonly count?: string | number;
}

/** Settings from file, .env, environment and flags (flags win). */
export function envSensorsConfigFromFlags(o: EnvSensorsLiveOptions): EnvSensorsConfig {
  const overrides: Record<string, unknown> = {};
  const url = o.http ?? o.server;
  if (url !== undefined) overrides.server = { url: String(url) };
  const devices: Record<string, unknown> = {};
  if (o.devices !== undefined) devices.count = parseWhole(String(o.devices), '--devices', 1, 10_000);
  if (o.deviceIds !== undefined)
    devices.ids = String(o.deviceIds)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Object.keys(devices).length > 0) overrides.devices = devices;
  if (o.interval !== undefined) {
    const ms = intervalFlag(String(o.interval));
    if (ms % 1000 !== 0) throw new ArgsError(`--interval "${o.interval}": expected whole seconds`);
    overrides.intervalSeconds = ms / 1000;
  }
  if (o.seed !== undefined) overrides.seed = parseWhole(String(o.seed), '--seed', 0, 2 ** 32 - 1);
  return loadEnvSensorsConfig({ configPath: o.config, envFile: o.envFile, preset: o.preset, overrides });
}
