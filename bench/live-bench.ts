// Live-service figures for `npm run bench`: sustained readings/s into PostgreSQL and into the
// embedded store, one transaction per tick next to the bulk catch-up the service runs when
// behind, and how far the service falls behind over a 60-s receiver outage and how long it
// then takes to catch up.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SiteModel } from '../src/model/site-model.js';
import type { Topology } from '../src/model/topology.js';
import { LiveService } from '../src/live/live-service.js';
import { SimulatorStateStore } from '../src/live/simulator-state.js';
import { HttpSink } from '../src/outputs/http/http-sink.js';
import type { RunDescriptor, Store } from '../src/outputs/output.js';
import { type ChunkSource, openEngineThread } from '../src/runner/chunk-source.js';
import type { ProfileSource } from '../src/runner/engine-protocol.js';
import { runGeneration } from '../src/runner/run-generation.js';
import { Engine } from '../src/sim/engine.js';
import type { PhysicsKind } from '../src/sim/physics/physics-stage.js';
import { presentRows } from '../src/sim/sample.js';
import { type Report, fmt } from './bench-report.js';

export interface LiveBenchSite {
  readonly model: SiteModel;
  readonly topology: Topology<PhysicsKind>;
  readonly epochMs: number;
  readonly profileSource: ProfileSource;
}

const DAY = 86_400_000;

/**
 * Into one store: the bulk catch-up (what the service writes at start-up and
 * when behind: day chunks, the engine in its worker thread, one chunk at a
 * time) over `days` at 1 min, then the steady state, one transaction per tick
 * with the service's per-tick state update, for `tickSeconds` of wall time.
 */
export async function liveStoreFigures(report: Report, label: string, store: Store, site: LiveBenchSite, days = 2, tickSeconds = 15) {
  const intervalMs = 60_000;
  const start = Date.parse('2026-07-01T00:00:00Z');
  const run: RunDescriptor = {
    org: 'bench',
    profile: site.model.profile,
    seed: 1,
    intervalMs,
    fingerprint: 'bench-live',
    start,
    end: start + days * DAY,
  };
  const state = new SimulatorStateStore(store, 'bench');
  let chunks: ChunkSource | undefined;
  await store.open();
  try {
    await state.ensureTables();
    await state.initialize({});
    chunks = await openEngineThread(site.profileSource, { seed: 1, intervalMs, epochMs: site.epochMs }, site.model);
    const t0 = performance.now();
    const bulk = await runGeneration({ ...site, reset: true, sinks: [store], run, chunks, maxInFlight: 1 });
    // the service waits for finish() (indexes, the current table) before it goes live: counted
    const bulkRate = bulk.rowsGenerated / ((performance.now() - t0) / 1000);
    report(
      `live catch-up (bulk, day chunks) → ${label} (readings/s)`,
      fmt(bulkRate),
      `${fmt(bulk.rowsGenerated)} readings, office-tower at 1 min`,
    );

    const engine = new Engine(site.model, site.topology, { seed: 1, intervalMs, epochMs: site.epochMs });
    let t = run.end;
    await store.begin(site.model, { ...run, start: t, end: t + intervalMs }, { reset: false });
    engine.computeChunk(engine.chunkOf(t)); // the day's matrix once, outside the clock (the service's engine thread holds it too)
    let readings = 0;
    let ticks = 0;
    const t1 = performance.now();
    while (performance.now() - t1 < tickSeconds * 1000) {
      const chunk = engine.computeChunk(engine.chunkOf(t), t, t + intervalMs);
      await store.writeChunk(chunk);
      await state.update({ lastRunTimestamp: t, totalizers: {} });
      readings += presentRows(chunk.batch);
      ticks++;
      t += intervalMs;
    }
    const tickRate = readings / ((performance.now() - t1) / 1000);
    report(
      `live, one transaction per tick → ${label} (readings/s)`,
      fmt(tickRate),
      `${(tickRate / bulkRate).toFixed(2)} × the bulk catch-up; ${fmt((ticks / (performance.now() - t1)) * 1000)} ticks/s of ${site.model.points.length} points`,
    );
    await store.finish();
  } finally {
    await chunks?.close();
    await store.close();
  }
}

/**
 * The service at 1 s × 10 (10 ticks of every point per wall second) posting to
 * an HTTP receiver that goes away for `outageSeconds`: the delivery queue fills
 * and then holds the service back (overflow `block`, the default), so the lag
 * grows; once the receiver is back, the time until the lag is under one tick again.
 */
export async function receiverOutageFigures(report: Report, stateStore: Store, site: LiveBenchSite, outageSeconds = 60) {
  const acceleration = 10;
  const intervalMs = 1000;
  let received = 0;
  const receiver = (): Server =>
    createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (d: Buffer) => parts.push(d));
      req.on('end', () => {
        received += (JSON.parse(Buffer.concat(parts).toString()) as unknown[]).length;
        res.end();
      });
    });
  let server = receiver();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sink = new HttpSink({ url: `http://127.0.0.1:${port}`, batchSize: 1000 });
  const service = new LiveService({
    ...site,
    run: { org: 'bench', profile: site.model.profile, seed: 1, intervalMs, fingerprint: 'bench-outage' },
    sinks: [sink],
    state: new SimulatorStateStore(stateStore, 'bench-outage'),
    acceleration,
    backfillDays: 0,
  });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // simulated seconds due but not yet written (what /status reports as lag)
  const lagSeconds = () => Math.max(0, service.simNow() - (service.metrics.lastTick ?? service.simNow()) - intervalMs) / 1000;
  await stateStore.open();
  await sink.open();
  try {
    const running = service.run();
    while (service.metrics.ticks < 3 * acceleration) await sleep(100); // steady: a few wall seconds of ticks
    const offered = site.model.points.length * acceleration;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await sleep(outageSeconds * 1000);
    const lagAtReturn = lagSeconds();
    server = receiver();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const back = performance.now();
    while (lagSeconds() >= intervalMs / 1000 && performance.now() - back < 120_000) await sleep(20);
    const recovered = (performance.now() - back) / 1000;
    service.stop();
    await running;
    report(
      `live → HTTP, ${outageSeconds}-s receiver outage at ${fmt(offered)} readings/s: lag when the receiver returns`,
      `${lagAtReturn.toFixed(0)} sim s`,
      `${(lagAtReturn / acceleration).toFixed(0)} wall s behind (queue limit 100,000 readings, ${(100_000 / offered).toFixed(0)} s at this rate, then back-pressure)`,
    );
    report(
      '  then until the lag is under one tick again',
      `${recovered.toFixed(1)} s`,
      `${(recovered / outageSeconds).toFixed(2)} × the outage; caught up at ${((lagAtReturn * 1000) / intervalMs / acceleration / recovered + 1).toFixed(1)} × the offered rate; ${fmt(received)} readings received in all`,
    );
  } finally {
    await sink.close().catch(() => undefined);
    await stateStore.close();
    server.close();
  }
}
