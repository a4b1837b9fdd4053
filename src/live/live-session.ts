import type { Store } from '../outputs/output.js';
import { LiveService, type LiveMetrics, type LiveOptions } from './live-service.js';
import { OverrideStore } from './override-store.js';
import { SimulatorStateStore } from './simulator-state.js';
import { stopSignal } from './stop-signal.js';

/** What the control API controls: a running live session. */
export interface LiveControl {
  readonly state: SimulatorStateStore;
  running(): boolean;
  metrics(): LiveMetrics;
  config(): { acceleration: number; backfillDays: number; intervalMs: number; org: string; profile: string };
  start(): boolean;
  stop(): boolean;
  reset(): Promise<void>;
  updateConfig(change: { acceleration?: number; backfillDays?: number }): void;
  /** the simulated clock, epoch ms */
  simNow(): number;
  /** Feeds a point's commanded values from simulated instant `from` into the simulation (LiveService.override). */
  override(point: string, from: number, timeline: readonly { start: number; end: number; value: number }[]): Promise<boolean>;
  /** Whether the simulation takes `point` as an input when it is written. */
  takesOverride(point: string): boolean;
}

export interface LiveSessionRequest extends Omit<LiveOptions, 'state'> {
  /** where the service keeps its simulator_state row: one of the sinks, or a store of its own (opened and closed here) */
  readonly stateStore: Store;
  /** row of simulator_state this service owns */
  readonly serviceName: string;
}

/**
 * How long a stop may wait for the write in progress. A day chunk of a large
 * site takes the embedded store several seconds; past this the outputs that
 * can are abandoned as a kill would leave them (the chunk is written again by
 * the next start), so SIGTERM ends the service within a few seconds.
 */
export const STOP_GRACE_MS = 3_000;

export interface LiveSessionHooks {
  /** serves the control API while the session runs; resolves with how to stop serving */
  serve?(control: LiveControl): Promise<() => void>;
  /** outputs are open and the API serves: the service starts */
  started?(): void;
  /** the first SIGINT/SIGTERM arrived: the tick in progress finishes, then everything closes */
  stopping?(signal: NodeJS.Signals): void;
}

/**
 * `haysim live` as a library call: opens the outputs and the state store,
 * serves the control object, and runs the service until SIGINT or SIGTERM.
 * Stopped through the control API, the service waits for a start instead of
 * ending. Outputs are closed on success, failure and signal.
 */
export async function runLiveSession(req: LiveSessionRequest, hooks: LiveSessionHooks = {}): Promise<LiveMetrics> {
  const { stateStore, serviceName, ...options } = req;
  const ownsState = !req.sinks.includes(stateStore);
  const service = new LiveService({
    ...options,
    state: new SimulatorStateStore(stateStore, serviceName),
    overrideStore: new OverrideStore(stateStore, serviceName),
  });
  let resume: (() => void) | undefined;
  const control = liveControl(service, () => resume?.());
  const outputs = ownsState ? [...req.sinks, stateStore] : req.sinks;
  let abandoned = false;
  let grace: NodeJS.Timeout | undefined;
  const stop = stopSignal((signal) => {
    hooks.stopping?.(signal);
    service.stop();
    resume?.();
    grace = setTimeout(() => {
      abandoned = true;
      req.warn?.(
        `the write in progress outlasted ${STOP_GRACE_MS / 1000} s: abandoned as a kill would leave it (the next start writes it again)`,
      );
      for (const output of outputs) output.abandon?.().catch(() => undefined);
    }, STOP_GRACE_MS);
  });
  let stopServing: (() => void) | undefined;
  try {
    await Promise.all(req.sinks.map((s) => s.open()));
    if (ownsState) await stateStore.open();
    stopServing = await hooks.serve?.(control);
    hooks.started?.();
    while (!stop.signal.aborted) {
      try {
        await service.run();
      } catch (error) {
        if (!abandoned) throw error; // an abandoned write fails: that is the stop, not an error
      }
      if (!stop.signal.aborted) await new Promise<void>((resolve) => (resume = resolve));
    }
    return service.metrics;
  } finally {
    clearTimeout(grace);
    stopServing?.();
    await service.close();
    stop.dispose();
    await Promise.allSettled([...req.sinks.map((s) => s.close()), ownsState ? stateStore.close() : undefined]);
  }
}

/** The control object over a service; `resume` wakes a service stopped through the API. */
function liveControl(service: LiveService, resume: () => void): LiveControl {
  const { run } = service.options;
  return {
    state: service.options.state,
    running: () => service.running,
    metrics: () => service.metrics,
    config: () => ({ ...service.settings, intervalMs: run.intervalMs, org: run.org, profile: run.profile }),
    start: () => {
      if (service.running) return false;
      resume();
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
    simNow: () => service.simNow(),
    override: (point, from, timeline) => service.override(point, from, timeline),
    takesOverride: (point) => service.takesOverride(point),
  };
}
