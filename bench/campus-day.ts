// The campus day the benches load: the reference horizon's first day (the profile's epoch, local midnight
// IST), where registers start, so a figure times generating and loading and no integration before the range.
import { EQUIPMENT_TYPES } from '../src/equipment/index.js';
import { buildModel } from '../src/model/build-model.js';
import type { RunDescriptor, Sink } from '../src/outputs/output.js';
import { loadProfile } from '../src/profile/load-profile.js';
import { openEngineThread } from '../src/runner/chunk-source.js';
import { type GenerationResult, runGeneration } from '../src/runner/run-generation.js';

const DAY = 86_400_000;
/** the users' reference horizon, 2023-02-01 to 2026-02-01, in days: what a day's wall time is extrapolated to */
export const HORIZON_DAYS = 1096;
/** `--workers` counts each campus figure is measured with, for the scaling ratio */
export const WORKER_COUNTS = [1, 2] as const;

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
   * The day (or the first `days` days) into `sinks` as `generate --workers N` runs it, the engine in N worker
   * threads; `started` is when the threads were open and the run began (performance.now()), what a timing starts from.
   */
  const generate = async (sinks: readonly Sink[], workers = 1, days = 1): Promise<{ result: GenerationResult; started: number }> => {
    const chunks = await openEngineThread(profile, { seed: run.seed, intervalMs: run.intervalMs, epochMs }, built.model, {
      threads: workers,
    });
    const started = performance.now();
    const span = { ...run, end: run.start + days * DAY };
    const result = await runGeneration({ ...built, epochMs, reset: true, sinks, run: span, chunks }).finally(() => chunks.close());
    return { result, started };
  };
  return { profile, built, epochMs, run, generate };
}
