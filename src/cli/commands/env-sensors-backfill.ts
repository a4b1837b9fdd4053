import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { ArgsError, OutputError } from '../../errors.js';
import { checkFileFlag, rangeFlags } from '../flag-values.js';
import { generateBackfill, uploadBackfill, writeBackfillCsv } from '../../env-sensors/env-sensors-backfill.js';
import { writeBackfillPlot } from '../../env-sensors/env-sensors-plot.js';
import { stopSignal } from '../../live/stop-signal.js';
import { addEnvSensorsFlags, envSensorsConfigFromFlags, type EnvSensorsLiveOptions } from '../env-sensors-options.js';
import type { CliCommand } from './command.js';

export const envSensorsBackfillCommand: CliCommand = {
  name: 'backfill',
  summary: 'history of the BME280 devices for a period: upload in batches, CSV, plot',
  configure(command: Command) {
    addEnvSensorsFlags(command)
      .requiredOption('--start <time>', 'ISO 8601 date or date-time (inclusive); a bare date is local midnight at the site')
      .requiredOption('--end <time>', 'ISO 8601 date or date-time (exclusive)')
      .option('--csv <file>', 'write the readings as CSV')
      .option('--labels <file>', 'write ground truth (weather events, anomalies) as JSON')
      .option('--plot <file>', 'draw temperature, humidity and pressure as PNG');
  },
  async run(o) {
    const config = envSensorsConfigFromFlags(o as EnvSensorsLiveOptions);
    const { start, end } = rangeFlags(String(o.start), String(o.end), config.timeZone);
    const upload = o.http !== undefined;
    if (!upload && !o.csv && !o.plot && !o.labels)
      throw new ArgsError('backfill needs somewhere to put the readings: --http URL, --csv FILE, --plot FILE or --labels FILE');
    for (const flag of ['csv', 'labels', 'plot'] as const) if (o[flag]) checkFileFlag(String(o[flag]), `--${flag}`);
    const b = generateBackfill(config, { start, end });
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(
      `${b.readings.length} readings from ${config.devices.length} device(s), ${b.weather.length} weather events, ${b.anomalies.length} anomalies`,
    );
    if (o.csv) {
      await writeBackfillCsv(String(o.csv), b.readings);
      say(`CSV: ${o.csv}`);
    }
    if (o.labels) {
      const labels = {
        weather_events: b.weather.map((e) => ({ ...e, start: new Date(e.start).toISOString(), end: new Date(e.end).toISOString() })),
        anomalies: b.anomalies,
      };
      await writeFile(String(o.labels), `${JSON.stringify(labels, null, 2)}\n`).catch((e: Error) => {
        throw new OutputError('SINK_WRITE_FAILED', 'labels', 'write', String(o.labels), e.message, e);
      });
      say(`labels: ${o.labels}`);
    }
    if (o.plot) {
      await writeBackfillPlot(String(o.plot), b);
      say(`plot: ${o.plot}`);
    }
    if (upload) {
      const { signal, dispose } = stopSignal();
      try {
        const r = await uploadBackfill(config, b.readings, { signal, log: say });
        say(
          `uploaded ${r.sent}/${b.readings.length} readings in ${r.requests} request(s) to ${config.server.url}${config.upload.path}${signal.aborted ? ' (stopped)' : ''}`,
        );
      } finally {
        dispose();
      }
    }
    return 0;
  },
};

/** `haysim backfill --profile env-sensors …`: the same, under the name it had before the env-sensors group. */
export const backfillCommand: CliCommand = {
  name: 'backfill',
  summary: 'history for a period from the env-sensors profile (same as `env-sensors backfill`)',
  configure(command: Command, cx) {
    envSensorsBackfillCommand.configure(command.option('--profile <name>', 'what to backfill (env-sensors)', 'env-sensors'), cx);
  },
  run(o, cx, args) {
    if (o.profile !== 'env-sensors') {
      throw new ArgsError(
        `backfill supports --profile env-sensors; for building profiles use \`haysim generate --profile ${o.profile} --start … --end …\``,
      );
    }
    return envSensorsBackfillCommand.run(o, cx, args);
  },
};
