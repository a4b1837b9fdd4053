import type { Server } from 'node:http';
import type { Command } from 'commander';
import { startControlApi, type LiveControl } from '../../api/control-api.js';
import { ArgsError } from '../../errors.js';
import { LiveService } from '../../live/live-service.js';
import { SimulatorStateStore } from '../../live/simulator-state.js';
import { PostgresStore } from '../../outputs/postgres/postgres-store.js';
import { PgliteStore } from '../../outputs/pglite/pglite-store.js';
import { DEFAULT_PGLITE_DIR } from '../../outputs/pglite/pglite-options.js';
import { selectOutputs } from '../../outputs/registry.js';
import { buildModel } from '../../profile/build-model.js';
import { runFingerprint } from '../../runner/fingerprint.js';
import { addMqttFlags, addRunFlags, resolveRunOptions } from '../run-options.js';
import { parseWhole } from '../flag-values.js';
import type { CliCommand } from './command.js';
import { addEnvSensorsSettingsFlags, runEnvSensorsLive, type EnvSensorsLiveOptions } from './env-sensors.js';

export const liveCommand: CliCommand = {
  name: 'live',
  summary: 'run the simulation as a service in real time: catch up, then one value per point every interval',
  configure(command: Command) {
    addRunFlags(command)
      .option('--out <dir>', 'also write CSV files')
      .option('--state-db <url>', 'PostgreSQL URL of a separate simulator-state database (default: the main store)')
      .option('--service-name <name>', 'row of simulator_state this service owns', 'haystack_simulator')
      .option('--acceleration <n>', 'simulated seconds per wall-clock second (demos)', '1')
      .option('--backfill-days <n>', 'days to backfill into an empty store before going live', '1')
      .option('--api-port <port>', 'port of the control API on --api-host (0: any free port; "off": none)', '8787')
      .option('--api-host <host>', 'address the control API binds to', '127.0.0.1')
      .option('--http <url>', 'POST readings as JSON to this receiver (env-sensors: the server the devices post to)');
    addMqttFlags(command, 'publish readings to this MQTT broker, e.g. mqtt://localhost:1883');
    addEnvSensorsSettingsFlags(command); // for --profile env-sensors
  },
  async run(o) {
    // the BME280 devices are their own producer: they post readings, they have no store
    if (o.profile === 'env-sensors') {
      const flags = ['http', 'config', 'envFile', 'preset', 'devices', 'deviceIds', 'interval', 'seed'] as const;
      return runEnvSensorsLive(Object.fromEntries(flags.filter((f) => o[f] !== undefined).map((f) => [f, o[f]])) as EnvSensorsLiveOptions);
    }
    const opts = await resolveRunOptions(o, Date.now());
    const acceleration = Number(o.acceleration);
    if (!(acceleration >= 1 && acceleration <= 100_000))
      throw new ArgsError(`--acceleration must be between 1 and 100000, got "${o.acceleration}"`);
    const backfillDays = parseWhole(String(o.backfillDays), '--backfill-days', 0, 3650);
    const serviceName = String(o.serviceName);
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(serviceName))
      throw new ArgsError(`--service-name "${serviceName}": expected 1-64 letters, digits, _ . or -`);
    const { model, topology } = buildModel(opts.loaded.profile);
    const outputs = selectOutputs({
      db: opts.db,
      dataDir: opts.dataDir,
      out: o.out as string | undefined,
      http: o.http as string | undefined,
      mqtt: o.mqtt as string | undefined,
      topic: o.topic as string | undefined,
      mqttPayload: o.mqttPayload as string | undefined,
      org: opts.org,
    });
    // streaming only: the service still keeps its own state, in the embedded store unless told otherwise
    const stateDb = o.stateDb
      ? new PostgresStore({ url: String(o.stateDb), org: opts.org })
      : (outputs.store ?? new PgliteStore({ dataDir: opts.dataDir ?? DEFAULT_PGLITE_DIR, org: opts.org }));
    const service = new LiveService({
      model,
      topology,
      epochMs: opts.epochMs,
      acceleration,
      backfillDays,
      sinks: outputs.sinks,
      state: new SimulatorStateStore(stateDb, serviceName),
      run: {
        org: opts.org,
        profile: model.profile,
        seed: opts.seed,
        intervalMs: opts.intervalMs,
        fingerprint: runFingerprint(opts.loaded.text, opts.seed, opts.intervalMs),
      },
    });
    const api = parseApiPort(String(o.apiPort));
    let terminating = false;
    let resume: (() => void) | undefined;
    const control: LiveControl = {
      state: service.options.state,
      running: () => service.running,
      metrics: () => service.metrics,
      config: () => ({ ...service.settings, intervalMs: opts.intervalMs, org: opts.org, profile: model.profile }),
      start: () => {
        if (service.running) return false;
        resume?.();
        return true;
      },
      stop: () => {
        if (!service.running) return false;
        service.stop();
        return true;
      },
      reset: async () => {
        if (service.running) service.stop();
        await service.options.state.reset();
        await service.options.state.log('reset', 'progress forgotten: the next start backfills from scratch');
      },
      updateConfig: (change) => Object.assign(service.settings, change),
    };
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      if (++signals > 1) process.exit(130); // a second Ctrl-C: the user means it
      process.stderr.write(`haysim: ${signal}: finishing the current tick and stopping\n`);
      terminating = true;
      service.stop();
      resume?.();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let server: Server | undefined;
    try {
      await Promise.all(outputs.sinks.map((s) => s.open()));
      if (stateDb !== outputs.store) await stateDb.open();
      if (api !== undefined) {
        server = await startControlApi(control, String(o.apiHost), api).catch((error: Error) => {
          throw new ArgsError(`cannot serve the control API on ${o.apiHost}:${api}: ${error.message}`);
        });
        const address = server.address();
        process.stderr.write(
          `haysim live: control API on http://${o.apiHost}:${typeof address === 'object' && address ? address.port : api} (see /openapi.json)\n`,
        );
      }
      process.stderr.write(
        `haysim live: ${model.points.length} points every ${opts.intervalMs / 1000} s (×${acceleration}); Ctrl-C stops\n`,
      );
      // stopped through the API, the service waits for /start; a signal ends the process
      while (!terminating) {
        await service.run();
        if (!terminating) await new Promise<void>((resolve) => (resume = resolve));
      }
      const m = service.metrics;
      process.stdout.write(`stopped: ${m.ticks} ticks, ${m.rows} values live, ${m.backfilledRows} backfilled\n`);
      return 0;
    } finally {
      server?.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await Promise.allSettled([...outputs.sinks.map((s) => s.close()), stateDb !== outputs.store ? stateDb.close() : Promise.resolve()]);
    }
  },
};

function parseApiPort(text: string): number | undefined {
  if (text === 'off') return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new ArgsError(`--api-port expects a port number 0-65535 or "off", got "${text}"`);
  return Number(text);
}
