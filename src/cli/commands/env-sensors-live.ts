import type { Command } from 'commander';
import { runEnvSensorsProducer } from '../../env-sensors/env-sensors-producer.js';
import { stopSignal } from '../../live/stop-signal.js';
import { addEnvSensorsFlags, type EnvSensorsLiveOptions, envSensorsConfigFromFlags } from '../env-sensors-options.js';
import { parseWhole } from '../flag-values.js';
import type { CliCommand } from './command.js';

/**
 * The BME280 producer until Ctrl-C (or --count readings): what `haysim
 * env-sensors live`, `haysim env-sensors` and `haysim live --profile
 * env-sensors` run. Exit code 0, also when the server was unreachable
 * (failures are counted and shown, never fatal).
 */
export async function runEnvSensorsLive(o: EnvSensorsLiveOptions): Promise<number> {
  const config = envSensorsConfigFromFlags(o);
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const maxReadings = o.count === undefined ? undefined : parseWhole(String(o.count), '--count', 1, Number.MAX_SAFE_INTEGER);
  const ids = config.devices.map((d) => d.id);
  write(
    `BME280 producer: ${ids.length} device(s) (${ids.length > 3 ? `${ids.slice(0, 3).join(', ')}, …` : ids.join(', ')}) → ` +
      `POST ${config.server.url}${config.server.path} every ${config.intervalMs / 1000}s; Ctrl-C stops`,
  );
  const stop = stopSignal();
  try {
    await runEnvSensorsProducer(config, { signal: stop.signal, log: write, maxReadings });
    return 0;
  } finally {
    stop.dispose();
  }
}

export const envSensorsLiveCommand: CliCommand = {
  name: 'live',
  summary: 'fake BME280 devices posting temperature, humidity and pressure to an HTTP server, live',
  configure(command: Command) {
    addEnvSensorsFlags(command).option('--count <n>', 'stop after this many readings');
  },
  run: (o) => runEnvSensorsLive(o as EnvSensorsLiveOptions),
};
