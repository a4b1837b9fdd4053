// The campus day the benches load: the reference horizon's first day (the profile's epoch, local midnight
// IST), where registers start, so a figure times generating and loading and no integration before the range.
import { EQUIPMENT_TYPES } from '../src/equipment/index.js';
import { buildModel } from '../src/model/build-model.js';
import type { RunDescriptor, Sink } from '../src/outputs/output.js';
import { loadProfile } from '../src/profile/load-profile.js';
import { openEngineThread } from '../src/runner/chunk-source.js';
import { type GenerationResult, runGeneration } from '../src/runner/run-generation.js';

const DAY = 86_400_000;

export async function campusDay() {
  const loaded = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
  const built = buildModel(loaded.profile, EQUIPMENT_TYPES);
  const epochMs = Date.parse(loaded.profile.simulation.epoch);
  const run: RunDescriptor = {
    org: 'campus',
    profile: built.model.profile,
    seed: 1,
    intervalMs: 60_000,
    fingerprint: 'bench',
    start: epochMs,
    end: epochMs + DAY,
  };
  const profile = { text: loaded.text, file: loaded.source };
  /**
   * The day into `sinks` as `generate` runs it, the engine in a worker thread; `started` is when the thread
   * was open and the run began (performance.now()), what a timing starts from.
   */
  const generate = async (sinks: readonly Sink[]): Promise<{ result: GenerationResult; started: number }> => {
    const chunks = await openEngineThread(profile, { seed: run.seed, intervalMs: run.intervalMs, epochMs }, built.model);
    const started = performance.now();
    const result = await runGeneration({ ...built, epochMs, reset: true, sinks, run, chunks }).finally(() => chunks.close());
    return { result, started };
  };
  return { profile, built, epochMs, run, generate };
}
