// What a shard's engine costs against the whole site's: every shard steps the physics up to the last stage its
// equipment need, computes only the power flow of the other shards' campus equipment (what a panel or an energy
// meter upstream sums: physics/frame.ts columnsWanted) and measures its own points only (sim/engine.ts, equipIds).
// One campus day at 1 minute, engine on this thread, CPU time.
import { EQUIPMENT_TYPES } from '../src/equipment/index.js';
import { buildModel } from '../src/model/build-model.js';
import { shardShare } from '../src/model/shard.js';
import { loadProfile } from '../src/profile/load-profile.js';
import { Engine, type EngineOptions } from '../src/sim/engine.js';
import type { Report } from './bench-report.js';

const DAY = 86_400_000;
const SHARDS = 3;

export async function shardEngineFigures(report: Report): Promise<void> {
  const loaded = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
  const { model, topology } = buildModel(loaded.profile, EQUIPMENT_TYPES);
  const epochMs = Date.parse(loaded.profile.simulation.epoch);
  const options: EngineOptions = { seed: 1, intervalMs: 60_000, epochMs };
  /** CPU seconds of a day's chunks (the day after the epoch's, so the registers' first day is not in it) */
  const cpuOfDay = (equipIds?: readonly string[]) => {
    const engine = new Engine(model, topology, equipIds ? { ...options, equipIds } : options);
    const chunks = engine.chunksIn(epochMs + DAY, epochMs + 2 * DAY);
    engine.computeChunk(chunks[0]! - 1); // JIT and the registers' first day
    const t0 = process.cpuUsage();
    for (const c of chunks) engine.computeChunk(c);
    const t = process.cpuUsage(t0);
    return (t.user + t.system) / 1e6;
  };
  const whole = cpuOfDay();
  const shards = Array.from({ length: SHARDS }, (_, i) =>
    cpuOfDay([...shardShare(model.points, { index: i + 1, count: SHARDS }).equipIds]),
  );
  const chiller = cpuOfDay(['chiller_001']);
  report(
    `campus day at 1 min, engine CPU of one shard of ${SHARDS} (s)`,
    shards.map((s) => s.toFixed(2)).join(' / '),
    `the whole site's ${whole.toFixed(2)} s (what every shard paid before): ${shards.map((s) => (s / whole).toFixed(2)).join(' / ')} ×; one chiller alone (--equip) ${chiller.toFixed(2)} s, ${(chiller / whole).toFixed(3)} ×`,
  );
}
