import type { Command } from 'commander';
import { ArgsError } from '../../errors.js';
import { loadEnvSensorsConfig } from '../../env-sensors/load-env-sensors-config.js';
import type { EnvSensorsConfig } from '../../env-sensors/env-sensors-config.js';
import { runEnvSensorsProducer } from '../../env-sensors/env-sensors-producer.js';
import { intervalFlag, parseWhole } from '../flag-values.js';
import type { CliCommand } from './command.js';

/** Flags shared by `env-sensors`, `backfill --profile env-sensors` and `live --profile env-sensors`. */
/** The device settings flags; `live` adds these next to its own --http, --interval and --seed. */
export function addEnvSensorsSettingsFlags(command: Command): Command {
  return command
    .option('--config <file>', 'YAML/JSON settings file (see src/env-sensors/README.md)')
    .option('--env-file <file>', '.env file with SERVER_URL, DEVICE_COUNT, TEMP_MIN... (default ./.env when present)')
    .option('--preset <name>', 'range preset: default, winter or summer')
    .option('--devices <n>', 'number of devices bme280_fake_001... (overrides DEVICE_COUNT)')
    .option('--device-ids <list>', 'comma-separated device ids (overrides DEVICE_IDS)');
}

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
  /** where lines go (default stdout) */
  readonly write?: (line: string) => void;
  /** stops the run; default: SIGINT or SIGTERM */
  readonly signal?: AbortSignal;
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

/** Stops on the first SIGINT/SIGTERM; a second one is left to Node's default (exit at once). */
export function stopSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = () => {
    controller.abort();
    dispose();
  };
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { signal: controller.signal, dispose };
}

/**
 * The BME280 producer until Ctrl-C (or --count readings): what both
 * `haysim env-sensors` and `haysim live --profile env-sensors` run. Resolves
 * with the exit code: 0, also when the server was unreachable (failures are
 * counted and shown, never fatal).
 */
export async function runEnvSensorsLive(o: EnvSensorsLiveOptions): Promise<number> {
  const config = envSensorsConfigFromFlags(o);
  const write = o.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const maxReadings = o.count === undefined ? undefined : parseWhole(String(o.count), '--count', 1, Number.MAX_SAFE_INTEGER);
  const own = o.signal ? undefined : stopSignal();
  const ids = config.devices.map((d) => d.id);
  write(
    `BME280 producer: ${ids.length} device(s) (${ids.length > 3 ? `${ids.slice(0, 3).join(', ')}, …` : ids.join(', ')}) → ` +
      `POST ${config.server.url}${config.server.path} every ${config.intervalMs / 1000}s; Ctrl-C stops`,
  );
  try {
    await runEnvSensorsProducer(config, { signal: o.signal ?? own!.signal, log: write, maxReadings });
    return 0;
  } finally {
    own?.dispose();
  }
}

export const envSensorsCommand: CliCommand = {
  name: 'env-sensors',
  summary: 'fake BME280 devices posting temperature, humidity and pressure to an HTTP server, live',
  configure(command: Command) {
    addEnvSensorsFlags(command).option('--count <n>', 'stop after this many readings');
  },
  run: (o) => runEnvSensorsLive(o as EnvSensorsLiveOptions),
};
