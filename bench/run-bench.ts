// `npm run bench`: haysim's speed and memory figures, each next to a baseline
// measured in the same run on the same machine (absolute numbers vary between
// machines and runs; the ratios are what to compare).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EQUIPMENT_TYPES } from '../src/equipment/index.js';
import { buildModel } from '../src/model/build-model.js';
import { loadProfile } from '../src/profile/load-profile.js';
import { Engine } from '../src/sim/engine.js';
import { gaussianFromBits, hashWithPrefix, streamPrefix } from '../src/random/rng.js';
import { PostgresStore } from '../src/outputs/postgres/postgres-store.js';
import { ValuesCopyEncoder, VALUES_COPY_COLUMNS } from '../src/outputs/core-store/copy-binary-encoder.js';
import { runGeneration } from '../src/runner/run-generation.js';
import { findServerBin, startCluster, stopCluster, type Cluster } from '../test/helpers/throwaway-cluster.js';
import { httpFigures, mqttBrokerCeiling, mqttFigures, mqttPublisherOnly, soak } from './streaming-bench.js';
import { businessFigures } from './business-bench.js';
import { campusPostgresFigures } from './campus-bench.js';
import { campusParquetFigures } from './parquet-bench.js';
import { oneEquipmentFigures } from './one-equipment-bench.js';
import { shardEngineFigures } from './shard-engine-bench.js';
import { queryFigures } from './query-bench.js';
import { liveStoreFigures, receiverOutageFigures } from './live-bench.js';
import { PgliteStore } from '../src/outputs/pglite/pglite-store.js';
import { fmt } from './bench-report.js';
import { serveFigures } from './serve-bench.js';

const DAY = 86_400_000;
const rows: [string, string, string][] = [];
const report = (what: string, figure: string, note = '') => {
  rows.push([what, figure, note]);
  console.log(`${what.padEnd(58)} ${figure.padStart(16)}  ${note}`);
};
const bestOf = <T>(n: number, f: () => T): { ms: number; value: T } => {
  let best = { ms: Infinity, value: undefined as T };
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const value = f();
    const ms = performance.now() - t0;
    if (ms < best.ms) best = { ms, value };
  }
  return best;
};

const loaded = await loadProfile('office-tower', EQUIPMENT_TYPES);
const { profile } = loaded;
const built = buildModel(profile, EQUIPMENT_TYPES);
const epochMs = Date.parse(profile.simulation.epoch);
const start = Date.parse('2026-07-01T00:00:00Z');
const DAYS = 30;

// 1. Engine throughput on one core with a null sink, against a bare sine-plus-noise loop of the same shape.
{
  const P = built.model.points.length;
  const T = 96 * DAYS;
  const out = new Float64Array(P * 96);
  const baseline = bestOf(3, () => {
    let sum = 0;
    for (let d = 0; d < DAYS; d++) {
      for (let p = 0; p < P; p++) {
        const prefix = streamPrefix(1, p);
        for (let k = 0; k < 96; k++) {
          const t = start + (d * 96 + k) * 900_000;
          out[p * 96 + k] =
            70 + 5 * Math.sin((2 * Math.PI * t) / DAY + p) + 0.2 * gaussianFromBits(hashWithPrefix(prefix, Math.floor(t / 1000)));
        }
      }
      sum += out[d]!;
    }
    return sum;
  });
  const engine = new Engine(built.model, built.topology, { seed: 1, intervalMs: 900_000, epochMs });
  const chunks = engine.chunksIn(start, start + DAYS * DAY);
  engine.computeChunk(chunks[0]! - 1); // registers' running sums from the epoch, and JIT warm-up
  const full = bestOf(3, () => {
    let n = 0;
    for (const c of chunks) n += engine.computeChunk(c).batch.values.length;
    return n;
  });
  const baseRate = (P * T) / (baseline.ms / 1000);
  const engineRate = full.value / (full.ms / 1000);
  report('baseline: bare sine + noise loop (values/s)', fmt(baseRate));
  report(
    'engine, full office-tower physics, null sink (values/s)',
    fmt(engineRate),
    `${(engineRate / baseRate).toFixed(2)} × baseline (target ≥ 20 M/s)`,
  );
}

// 2. End-to-end load into PostgreSQL next to psql's \copy of the same rows from a binary file.
{
  const external = process.env.HAYSIM_BENCH_DATABASE_URL;
  const bin = external ? undefined : findServerBin();
  let cluster: Cluster | undefined;
  if (!external && !bin) {
    report('PostgreSQL load', 'SKIPPED', 'no HAYSIM_BENCH_DATABASE_URL and no PostgreSQL server binaries');
  } else {
    try {
      if (bin) cluster = await startCluster(bin);
      const admin = external ?? cluster!.url;
      const url = await freshDatabase(admin, `haysim_bench_${process.pid}`);
      const store = new PostgresStore({ url, org: 'bench' });
      await store.open();
      const run = {
        org: 'bench',
        profile: built.model.profile,
        seed: 1,
        intervalMs: 900_000,
        fingerprint: 'bench',
        start,
        end: start + DAYS * DAY,
      };
      const result = await runGeneration({ ...built, epochMs, reset: true, sinks: [store], run });
      const ours = result.rowsGenerated / result.historySeconds;
      // the identical rows as one binary COPY file, then psql's \copy into an identical table
      const ids = new Map(
        (
          await store.query<{ haystack_id: string; id: number }>('SELECT haystack_id, id FROM core.entity WHERE haystack_id IS NOT NULL')
        ).map((r) => [r.haystack_id, r.id]),
      );
      const entityIds = Int32Array.from(built.model.points, (p) => ids.get(p.id)!);
      await store.query('CREATE TABLE core.copy_target (LIKE core.values_bench INCLUDING ALL)');
      await store.close();
      const dir = mkdtempSync(join(tmpdir(), 'haysim-bench-'));
      const file = join(dir, 'values.pgcopy');
      writeCopyFile(file, entityIds, run.start, run.end);
      spawnSync('chmod', ['-R', 'a+rX', dir]);
      const psql = existsSync('/usr/bin/psql') ? '/usr/bin/psql' : 'psql';
      const t0 = performance.now();
      const r = spawnSync(
        psql,
        [
          url,
          '-v',
          'ON_ERROR_STOP=1',
          '-c',
          `\\copy core.copy_target (${VALUES_COPY_COLUMNS.join(', ')}) FROM '${file}' WITH (FORMAT binary)`,
        ],
        { encoding: 'utf8' },
      );
      const psqlSeconds = (performance.now() - t0) / 1000;
      rmSync(dir, { recursive: true, force: true });
      if (r.status !== 0) throw new Error(`psql \\copy failed: ${r.stderr}`);
      const theirs = result.rowsGenerated / psqlSeconds;
      report('psql \\copy of a pre-written binary file, table with PK (rows/s)', fmt(theirs), `${fmt(result.rowsGenerated)} rows`);
      report(
        'haysim generate → PostgreSQL, table with PK (rows/s)',
        fmt(ours),
        `${(ours / theirs).toFixed(2)} × psql \\copy (target ≥ 0.9)`,
      );
    } finally {
      if (cluster) stopCluster(cluster);
    }
  }
}

// 2b. One industrial-campus day at 1 minute into PostgreSQL, wide tables and the Haystack layout, next to psql \copy.
{
  const external = process.env.HAYSIM_BENCH_DATABASE_URL;
  const bin = external ? undefined : findServerBin();
  const cluster = bin ? await startCluster(bin) : undefined;
  try {
    const admin = external ?? cluster?.url;
    if (admin) await campusPostgresFigures(report, (name) => freshDatabase(admin, name));
    if (admin) await queryFigures(report, (name) => freshDatabase(admin, name));
    else report('campus → PostgreSQL', 'SKIPPED', 'no HAYSIM_BENCH_DATABASE_URL and no PostgreSQL server binaries');
    await oneEquipmentFigures(report, admin ? (name) => freshDatabase(admin, name) : undefined);
  } finally {
    if (cluster) stopCluster(cluster);
  }
}

await campusParquetFigures(report);
await shardEngineFigures(report);

// 3. The default embedded run as a user starts it: wall time and peak memory of the whole process.
for (const [label, extra] of [
  ['default run (30 days, embedded store, closing validation)', []],
  ['default run without the closing validation', ['--no-validate']],
] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'haysim-bench-pglite-'));
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', process.execPath, 'bin/haysim.js', 'generate', '--data-dir', join(dir, 'data'), '--quiet', ...extra],
    { encoding: 'utf8' },
  );
  rmSync(dir, { recursive: true, force: true });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (r.error || !Number.isFinite(seconds)) report(label, 'FAILED', (r.error?.message ?? r.stderr).slice(0, 200));
  else report(label, `${seconds!.toFixed(1)} s`, `peak ${(kb! / 1024).toFixed(0)} MB (targets < 20 s, < 1024 MB)`);
}
// 4. Live streaming: 10,000 points per tick to MQTT (QoS 0) and HTTP, latency, and memory over a soak.
{
  // per-point messages next to the broker's own ceiling for them, then per-equipment messages
  const ceiling = await mqttBrokerCeiling(30);
  report(
    'baseline: pre-framed per-point PUBLISH packets, bare socket → mosquitto → subscriber (points/s)',
    typeof ceiling === 'string' ? ceiling : fmt(ceiling),
    "the broker's ceiling: no publisher can beat it",
  );
  const perPoint: Record<string, number> = {};
  for (const [payload, label] of [
    ['point', 'one message per point'],
    ['equip', 'one message per equipment (20 points)'],
  ] as const) {
    const result = await mqttFigures(60, payload);
    const paced = await mqttFigures(20, payload, 1000);
    if (typeof result === 'string' || typeof paced === 'string') {
      report(`live → MQTT QoS 0 → subscriber, ${label}`, typeof result === 'string' ? result : String(paced));
      continue;
    }
    perPoint[payload] = result.pointsPerSecond;
    const vsCeiling = typeof ceiling === 'string' ? '' : `${(result.pointsPerSecond / ceiling).toFixed(2)} × the baseline; `;
    const vsPoint =
      payload === 'equip' && perPoint.point ? `${(result.pointsPerSecond / perPoint.point).toFixed(1)} × per-point messages; ` : '';
    report(
      `live → MQTT QoS 0 → subscriber, 10,000 points per tick, ${label} (points/s)`,
      fmt(result.pointsPerSecond),
      `${vsPoint}${vsCeiling}target ≥ 100,000; dropped at the broker: ${result.dropped + paced.dropped}`,
    );
    const alone = await mqttPublisherOnly(40, payload);
    report(
      '  the same, broker with no subscriber (points/s)',
      typeof alone === 'string' ? alone : fmt(alone),
      'what haysim hands to mosquitto',
    );
    report('  tick → last reading at the subscriber, 1 tick/s, p50 / p99 (ms)', `${paced.p50Ms.toFixed(0)} / ${paced.p99Ms.toFixed(0)}`);
  }
  const httpResult = await httpFigures(30);
  const httpPaced = await httpFigures(10, 1000);
  report('live → HTTP, batches of 1,000, 10,000 points per tick (points/s)', fmt(httpResult.pointsPerSecond));
  report(
    '  tick → last reading at the receiver, 1 tick/s, p50 / p99 (ms)',
    `${httpPaced.p50Ms.toFixed(0)} / ${httpPaced.p99Ms.toFixed(0)}`,
  );
  const soakSeconds = Number(process.env.HAYSIM_BENCH_SOAK_SECONDS ?? 600);
  const memory = await soak(soakSeconds);
  if (typeof memory === 'string') report('memory over a soak', memory);
  else
    report(
      `RSS over a ${soakSeconds}-s soak to MQTT (10,000 points/tick, 4 ticks/s)`,
      `${memory[0].toFixed(0)} → ${memory[1].toFixed(0)} MB`,
      `max ${memory[2].toFixed(0)} MB (flat = no leak)`,
    );
}

// 5. Business dataset: rows/s into CSV files and PostgreSQL, next to bare fs-stream writes and psql \copy of the same bytes.
{
  const external = process.env.HAYSIM_BENCH_DATABASE_URL;
  const bin = external ? undefined : findServerBin();
  const cluster = bin ? await startCluster(bin) : undefined;
  try {
    const admin = external ?? cluster?.url;
    await businessFigures(report, 20, admin ? await freshDatabase(admin, `haysim_bench_business_${process.pid}`) : undefined);
  } finally {
    if (cluster) stopCluster(cluster);
  }
}

// 6. The live service: sustained readings/s into each store, one transaction per tick next to the bulk
// catch-up in the same store, and the lag a 60-s receiver outage leaves and how long it takes to clear.
{
  const site = { ...built, epochMs, profileSource: { text: loaded.text, file: loaded.source } };
  const external = process.env.HAYSIM_BENCH_DATABASE_URL;
  const bin = external ? undefined : findServerBin();
  const cluster = bin ? await startCluster(bin) : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'haysim-bench-live-'));
  try {
    const admin = external ?? cluster?.url;
    if (admin) {
      const url = await freshDatabase(admin, `haysim_bench_live_${process.pid}`);
      await liveStoreFigures(report, 'PostgreSQL', new PostgresStore({ url, org: 'bench' }), site);
    } else report('live → PostgreSQL', 'SKIPPED', 'no HAYSIM_BENCH_DATABASE_URL and no PostgreSQL server binaries');
    await liveStoreFigures(report, 'embedded store', new PgliteStore({ dataDir: join(dir, 'data'), org: 'bench' }), site);
    const stateStore = admin
      ? new PostgresStore({ url: await freshDatabase(admin, `haysim_bench_outage_${process.pid}`), org: 'bench' })
      : new PgliteStore({ dataDir: join(dir, 'state'), org: 'bench' });
    await receiverOutageFigures(report, stateStore, site);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (cluster) stopCluster(cluster);
  }
}

// 7. `haysim serve`: 200 concurrent hisRead clients on loopback for 10 s, next to one client alone.
await serveFigures(report, 10);

writeFileSync(join(tmpdir(), 'haysim-bench.json'), JSON.stringify(rows, null, 1));

function writeCopyFile(file: string, entityIds: Int32Array, from: number, to: number): void {
  const engine = new Engine(built.model, built.topology, { seed: 1, intervalMs: 900_000, epochMs });
  const encoder = new ValuesCopyEncoder();
  const fd = openSync(file, 'w');
  const chunks = engine.chunksIn(from, to);
  chunks.forEach((c, i) => {
    const data = encoder.encode(engine.computeChunk(c, from, to).batch, entityIds);
    // one file: the first chunk's 19-byte header, every chunk's rows, the last chunk's 2-byte trailer
    writeSync(fd, data.subarray(i === 0 ? 0 : 19, i === chunks.length - 1 ? data.length : data.length - 2));
  });
  closeSync(fd);
}

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
