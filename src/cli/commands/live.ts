import type { Command } from 'commander';
import { startControlApi } from '../../api/control-api.js';
import { ArgsError, OptionsError } from '../../errors.js';
import { type LiveControl, runLiveSession } from '../../live/live-session.js';
import type { OutputContext, OutputDefinition, Store } from '../../outputs/output.js';
import { createStore, DEFAULT_OUTPUT, selectOutputs } from '../../outputs/registry.js';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { buildModel } from '../../model/build-model.js';
import { runFingerprint } from '../../runner/fingerprint.js';
import { addEnvSensorsSettingsFlags, type EnvSensorsLiveOptions } from '../env-sensors-options.js';
import { parseWhole } from '../flag-values.js';
import { addOutputFlags, outputRequests } from '../output-flags.js';
import { addRunFlags, resolveRunOptions } from '../run-options.js';
import type { CliCommand } from './command.js';
import { runEnvSensorsLive } from './env-sensors-live.js';

export const liveCommand: CliCommand = {
  name: 'live',
  summary: 'run the simulation as a service in real time: catch up, then one value per point every interval',
  configure(command: Command, cx) {
    addOutputFlags(addRunFlags(command), cx.outputs)
      .option('--state-db <url>', 'PostgreSQL URL of a separate simulator-state database (default: the main store)')
      .option('--service-name <name>', 'row of simulator_state this service owns', 'haystack_simulator')
      .option('--acceleration <n>', 'simulated seconds per wall-clock second (demos)', '1')
      .option('--backfill-days <n>', 'days to backfill into an empty store before going live', '1')
      .option('--api-port <port>', 'port of the control API on --api-host (0: any free port; "off": none)', '8787')
      .option('--api-host <host>', 'address the control API binds to', '127.0.0.1');
    addEnvSensorsSettingsFlags(command); // for --profile env-sensors (--http is then the server the devices post to)
  },
  async run(o, cx) {
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
    const api = parseApiPort(String(o.apiPort));
    const { model, topology } = buildModel(opts.loaded.profile, EQUIPMENT_TYPES);
    const context = { org: opts.org };
    const { sinks, store } = selectOutputs(outputRequests(o, cx.outputs), context, cx.outputs);
    // streaming only: the service still keeps its own state, in the embedded store unless told otherwise
    const stateStore = o.stateDb
      ? stateDatabase(String(o.stateDb), context, cx.outputs)
      : (store ?? createStore(DEFAULT_OUTPUT, {}, context, cx.outputs));
    const metrics = await runLiveSession(
      {
        model,
        topology,
        epochMs: opts.epochMs,
        acceleration,
        backfillDays,
        sinks,
        stateStore,
        serviceName,
        warn: (message) => process.stderr.write(`haysim live: ${message}\n`),
        run: {
          org: opts.org,
          profile: model.profile,
          seed: opts.seed,
          intervalMs: opts.intervalMs,
          fingerprint: runFingerprint(opts.loaded.text, opts.seed, opts.intervalMs),
        },
      },
      {
        serve: api === undefined ? undefined : (control) => serveControlApi(control, String(o.apiHost), api),
        started: () =>
          process.stderr.write(
            `haysim live: ${model.points.length} points every ${opts.intervalMs / 1000} s (×${acceleration}); Ctrl-C stops\n`,
          ),
        stopping: (signal) => process.stderr.write(`haysim: ${signal}: finishing the current tick and stopping\n`),
      },
    );
    process.stdout.write(`stopped: ${metrics.ticks} ticks, ${metrics.rows} values live, ${metrics.backfilledRows} backfilled\n`);
    return 0;
  },
};

/** --state-db: a PostgreSQL store of its own; its URL problems are named as that flag. */
function stateDatabase(url: string, context: OutputContext, outputs: readonly OutputDefinition[]): Store {
  try {
    return createStore('postgres', { url }, context, outputs);
  } catch (error) {
    throw error instanceof OptionsError ? error.renamed(new Map([['postgres.url', '--state-db']])) : error;
  }
}

async function serveControlApi(control: LiveControl, host: string, port: number): Promise<() => void> {
  const server = await startControlApi(control, host, port).catch((error: Error) => {
    throw new ArgsError(`cannot serve the control API on ${host}:${port}: ${error.message}`);
  });
  const address = server.address();
  process.stderr.write(
    `haysim live: control API on http://${host}:${typeof address === 'object' && address ? address.port : port} (see /openapi.json)\n`,
  );
  return () => server.close();
}

function parseApiPort(text: string): number | undefined {
  if (text === 'off') return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new ArgsError(`--api-port expects a port number 0-65535 or "off", got "${text}"`);
  return Number(text);
}
