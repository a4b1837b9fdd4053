import type { Command } from 'commander';
import { isLoopbackHost } from '../../api/api-auth.js';
import { type ControlApiOptions, startControlApi } from '../../api/control-api.js';
import { MAX_ACCELERATION, MAX_BACKFILL_DAYS, MIN_ACCELERATION } from '../../api/live-limits.js';
import { ArgsError, OptionsError } from '../../errors.js';
import { type LiveControl, type LiveSessionRequest, runLiveSession } from '../../live/live-session.js';
import type { OutputContext, OutputDefinition, Store } from '../../outputs/output.js';
import { createStore, DEFAULT_OUTPUT, selectOutputs } from '../../outputs/registry.js';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { buildModel } from '../../model/build-model.js';
import { runFingerprint } from '../../runner/fingerprint.js';
import { addEnvSensorsSettingsFlags, type EnvSensorsLiveOptions } from '../env-sensors-options.js';
import { formatDuration } from '../../time/format-duration.js';
import { MS_PER_DAY as DAY } from '../../time/clock.js';
import { type ApiFlags, addApiFlags, resolveApiFlags } from '../api-flags.js';
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
      .option('--backfill-days <n>', 'days to backfill into an empty store before going live', '1');
    addApiFlags(command, '8787');
    addEnvSensorsSettingsFlags(command); // for --profile env-sensors (--http is then the server the devices post to)
  },
  async run(o, cx) {
    // the BME280 devices are their own producer: they post readings, they have no store
    if (o.profile === 'env-sensors') {
      const flags = ['http', 'config', 'envFile', 'preset', 'devices', 'deviceIds', 'interval', 'seed'] as const;
      return runEnvSensorsLive(Object.fromEntries(flags.filter((f) => o[f] !== undefined).map((f) => [f, o[f]])) as EnvSensorsLiveOptions);
    }
    const { request: session, maxBackfillDays } = await liveSessionSettings(o);
    const api = resolveApiFlags(o);
    const context = { org: session.run.org };
    const { sinks, store } = selectOutputs(outputRequests(o, cx.outputs), context, cx.outputs);
    // streaming only: the service still keeps its own state, in the embedded store unless told otherwise
    const stateStore = o.stateDb
      ? stateDatabase(String(o.stateDb), context, cx.outputs)
      : (store ?? createStore(DEFAULT_OUTPUT, {}, context, cx.outputs));
    const metrics = await runLiveSession(
      { ...session, sinks, stateStore },
      {
        serve: api === undefined ? undefined : (control) => serveControlApi(control, { ...api, maxBackfillDays }),
        started: () =>
          process.stderr.write(
            `haysim live: ${session.model.points.length} points every ${formatDuration(session.run.intervalMs)} (×${session.acceleration}); Ctrl-C stops\n`,
          ),
        stopping: (signal) => process.stderr.write(`haysim: ${signal}: finishing the current tick and stopping\n`),
      },
    );
    process.stdout.write(`stopped: ${metrics.ticks} ticks, ${metrics.rows} values live, ${metrics.backfilledRows} backfilled\n`);
    return 0;
  },
};

/**
 * The live service's settings from the run flags (`haysim live`, `haysim serve --live`): the model, the
 * range rules and the run; the caller adds the outputs.
 */
export async function liveSessionSettings(
  o: Record<string, unknown>,
): Promise<{ request: Omit<LiveSessionRequest, 'sinks' | 'stateStore'>; maxBackfillDays: () => number }> {
  const opts = await resolveRunOptions(o, Date.now());
  const acceleration = Number(o.acceleration);
  if (!(acceleration >= MIN_ACCELERATION && acceleration <= MAX_ACCELERATION))
    throw new ArgsError(`--acceleration must be between ${MIN_ACCELERATION} and ${MAX_ACCELERATION}, got "${o.acceleration}"`);
  // the simulation starts at the profile's epoch: a backfill reaching before it cannot run
  const maxBackfillDays = () => Math.max(0, Math.min(MAX_BACKFILL_DAYS, Math.floor((Date.now() - opts.epochMs) / DAY)));
  const backfillDays = parseWhole(String(o.backfillDays), '--backfill-days', 0, MAX_BACKFILL_DAYS);
  if (backfillDays > maxBackfillDays())
    throw new ArgsError(
      `--backfill-days ${backfillDays} reaches before the profile's epoch (simulation.epoch): at most ${maxBackfillDays()} now`,
    );
  const serviceName = String(o.serviceName);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(serviceName))
    throw new ArgsError(`--service-name "${serviceName}": expected 1-64 letters, digits, _ . or -`);
  const { model, topology } = buildModel(opts.loaded.profile, EQUIPMENT_TYPES);
  return {
    maxBackfillDays,
    request: {
      model,
      topology,
      epochMs: opts.epochMs,
      acceleration,
      backfillDays,
      serviceName,
      warn: (message) => process.stderr.write(`haysim live: ${message}\n`),
      // the built-in types built the model: the engine can rebuild it in a worker thread
      profileSource: { text: opts.loaded.text, file: opts.loaded.source },
      run: {
        org: opts.org,
        profile: model.profile,
        seed: opts.seed,
        intervalMs: opts.intervalMs,
        fingerprint: runFingerprint(opts.loaded.text, opts.seed, opts.intervalMs),
      },
    },
  };
}

/** --state-db: a PostgreSQL store of its own; its URL problems are named as that flag. */
function stateDatabase(url: string, context: OutputContext, outputs: readonly OutputDefinition[]): Store {
  try {
    return createStore('postgres', { url }, context, outputs);
  } catch (error) {
    throw error instanceof OptionsError ? error.renamed(new Map([['postgres.url', '--state-db']])) : error;
  }
}

async function serveControlApi(control: LiveControl, options: ApiFlags & ControlApiOptions): Promise<() => void> {
  const { host, port } = options;
  const server = await startControlApi(control, options).catch((error: Error) => {
    throw new ArgsError(`cannot serve the control API on ${host}:${port}: ${error.message}`);
  });
  const address = server.address();
  const say = (line: string) => process.stderr.write(`haysim live: ${line}\n`);
  say(`control API on http://${host}:${typeof address === 'object' && address ? address.port : port} (see /openapi.json)`);
  if (!isLoopbackHost(host))
    say(`warning: the control API listens on ${host}, beyond this machine: anyone who reaches it can read the status`);
  if (options.generated) say(`control API token (Authorization: Bearer …, for POST and PUT): ${options.token}`);
  return () => server.close();
}
