/**
 * The live producer: at every interval boundary of the (injectable) clock,
 * one reading per device, POSTed to the server. The runner owns retries:
 * failed readings stay queued in order (bounded) and are retried with the
 * delivery queue's back-off (exponential, full jitter) while new readings keep being produced, so a server
 * that is down for a while loses nothing unless the queue overflows (counted
 * as dropped). Library code: it reports lines through `log`, never prints.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { type RetryPolicy, retryDelay } from '../outputs/delivery/retry-policy.js';
import { Bme280Model } from './bme280-model.js';
import { consoleLine, emptyStats, requestBody, statsLine, toReading, type Bme280Reading, type ProducerStats } from './bme280-reading.js';
import type { EnvSensorsConfig } from './env-sensors-config.js';
import { postJson } from './post-json.js';

export interface ProducerOptions {
  /** wall clock, epoch ms (tests pass a virtual clock) */
  readonly now?: () => number;
  /** waits ms or until the signal aborts; must not throw on abort */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly log?: (line: string) => void;
  /** stop (SIGINT/SIGTERM): finishes promptly and prints final statistics */
  readonly signal?: AbortSignal;
  /** stop after producing this many readings (and trying to deliver them once more) */
  readonly maxReadings?: number;
  /** readings kept for retry while the server is down (default 10,000) */
  readonly queueLimit?: number;
  readonly statsEvery?: number;
  /** jitter source in [0, 1) for the retry delays; Math.random unless a test pins it */
  readonly random?: () => number;
}

interface Pending {
  readonly n: number;
  readonly reading: Bme280Reading;
  attempts: number;
  announced: boolean;
}

/** A reading is never given up on: only the bounded queue drops readings. */
const RETRY: RetryPolicy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: Infinity };
/** further behind than this many intervals (a suspended laptop): skip ahead instead of replaying every tick */
const MAX_CATCH_UP = 10;

export async function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await delay(ms, undefined, { signal }).catch(() => undefined);
}

/** Runs until the signal aborts (or maxReadings); resolves with the final statistics. Never throws on delivery failures. */
export async function runEnvSensorsProducer(config: EnvSensorsConfig, options: ProducerOptions = {}): Promise<ProducerStats> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const log = options.log ?? (() => {});
  const stop = options.signal ?? new AbortController().signal;
  const every = options.statsEvery ?? 100;
  const queueLimit = options.queueLimit ?? 10_000;
  const model = new Bme280Model(config);
  const url = `${config.server.url}${config.server.path}`;
  const stats = emptyStats();
  const queue: Pending[] = [];
  /** failed attempts since the last success: the back-off grows with them */
  let failures = 0;
  let retryAt = -Infinity;
  const interval = config.intervalMs;
  let tick = Math.floor(now() / interval) * interval;

  const produce = (t: number) => {
    for (let i = 0; i < model.deviceCount; i++) {
      const s = model.sample(i, t);
      const n = ++stats.readings;
      const reading = toReading(s);
      if (s.dropped) {
        stats.dropouts++;
        log(`– #${String(n).padStart(4, '0')} | ${reading.timestamp.slice(11, 19)} | ${s.deviceId}: no reading (injected dropout)`);
        continue;
      }
      queue.push({ n, reading, attempts: 0, announced: false });
      if (queue.length > queueLimit) {
        const lost = queue.shift()!;
        stats.dropped++;
        log(`✗ #${String(lost.n).padStart(4, '0')} dropped: retry queue full (${queueLimit} readings)`);
      }
    }
  };

  const deliver = async () => {
    while (queue.length > 0 && now() >= retryAt && !stop.aborted) {
      const item = queue[0]!;
      const suffix = model.deviceCount > 1 ? ` (${item.reading.device_id})` : '';
      const error = await postJson(url, requestBody(config.server, item.reading), config.server, stop);
      if (stop.aborted) return;
      if (error === null) {
        queue.shift();
        stats.sent++;
        if (item.announced) stats.retried++;
        stats.lastSuccess = now();
        failures = 0;
        const late = item.attempts > 0 ? ` (retry ${item.attempts})` : item.announced ? ' (delivered late)' : '';
        log(consoleLine(true, item.n, item.reading, `${suffix}${late}`));
        continue;
      }
      item.attempts++;
      item.announced = true;
      stats.failed++;
      stats.lastError = error;
      stats.lastErrorAt = now();
      const backoff = retryDelay(RETRY, ++failures, options.random);
      retryAt = now() + backoff;
      log(consoleLine(false, item.n, item.reading, `${suffix} | ${error} (retry in ${backoff / 1000}s, ${queue.length} queued)`));
    }
    // readings held back by the back-off get one line each, so every number shows up
    for (const item of queue) {
      if (item.announced) continue;
      item.announced = true;
      log(
        consoleLine(
          false,
          item.n,
          item.reading,
          `${model.deviceCount > 1 ? ` (${item.reading.device_id})` : ''} | queued: server unavailable`,
        ),
      );
    }
    stats.queued = queue.length;
  };

  while (!stop.aborted) {
    const before = stats.readings;
    if (now() >= tick) {
      if (now() - tick > MAX_CATCH_UP * interval) {
        const next = Math.floor(now() / interval) * interval;
        log(`── behind the clock: skipped ${Math.round((next - tick) / interval)} interval(s)`);
        tick = next;
      }
      produce(tick);
      tick += interval;
    }
    await deliver();
    if (Math.floor(stats.readings / every) > Math.floor(before / every)) log(statsLine(stats));
    if (options.maxReadings !== undefined && stats.readings >= options.maxReadings) break;
    const wake = queue.length > 0 ? Math.min(tick, Math.max(retryAt, now())) : tick;
    await sleep(wake - now(), stop);
  }
  if (!stop.aborted && queue.length > 0 && now() < retryAt) {
    // a bounded run ends with one last delivery attempt once the back-off has passed
    await sleep(retryAt - now(), stop);
    await deliver();
  }
  stats.queued = queue.length;
  log(`── final ${statsLine(stats).slice(3)}`);
  return stats;
}
