import { availableParallelism } from 'node:os';
import type { SiteModel } from '../model/site-model.js';
import type { Sink, Store } from '../outputs/output.js';
import { type AnyEquipmentType, EQUIPMENT_TYPES } from '../equipment/index.js';
import { buildModel } from '../model/build-model.js';
import { ArgsError } from '../errors.js';
import { equipShare, type Shard, type ShardShare, shardShare } from '../model/shard.js';
import type { LoadedProfile } from '../profile/load-profile.js';
import { validateStore, type ValidationReport } from '../validate/validate-store.js';
import { openEngineThread } from './chunk-source.js';
import { runFingerprint } from './fingerprint.js';
import { type GenerationHooks, type GenerationResult, runGeneration } from './run-generation.js';

/** Engine threads a run may ask for: more than cores only adds memory. */
export const MAX_ENGINE_THREADS = 64;

/** The cores less one: this thread encodes and sends, and a store on this machine needs a core. */
export const defaultEngineThreads = (): number => Math.max(1, availableParallelism() - 1);

/** The closing check looks at the last week written; `haysim validate` reads everything. */
const VALIDATE_WINDOW_MS = 7 * 86_400_000;

export interface SiteGeneration {
  readonly loaded: LoadedProfile;
  readonly org: string;
  readonly seed: number;
  readonly intervalMs: number;
  readonly epochMs: number;
  /** epoch ms, inclusive / exclusive */
  readonly start: number;
  readonly end: number;
  readonly reset: boolean;
  readonly sinks: readonly Sink[];
  /** validated at the end when given (and `validate` is not false) */
  readonly store?: Store;
  readonly validate?: boolean;
  /** engine threads computing chunks at once (default defaultEngineThreads()); the data are the same for any count */
  readonly workers?: number;
  /** the equipment registry the profile was loaded with; default the built-in types */
  readonly equipment?: readonly AnyEquipmentType[];
  /** `--shard K/N`: write only this process's share of the equipment (model/shard.ts); not validated, the store is not whole */
  readonly shard?: Shard;
  /** `--equip a,b`: write only these equipment (ids, checked against the model); not with `shard`, not validated */
  readonly equipIds?: readonly string[];
}

export interface SiteGenerationResult {
  readonly model: SiteModel;
  readonly result: GenerationResult;
  /** the report and the range its time-series checks covered */
  readonly validation?: { readonly report: ValidationReport; readonly start: number; readonly end: number };
  readonly seconds: number;
}

export interface SiteGenerationHooks extends GenerationHooks {
  /** the model is built (before any output opens) */
  built?(): void;
  /** everything is written; the store is being validated */
  validating?(): void;
}

/**
 * `haysim generate` as a library call: builds the model, opens the outputs,
 * runs the range through them, validates the store's last week, and closes
 * the outputs whatever happens.
 */
export async function generateSite(req: SiteGeneration, hooks: SiteGenerationHooks = {}): Promise<SiteGenerationResult> {
  const { model, topology } = buildModel(req.loaded.profile, req.equipment ?? EQUIPMENT_TYPES);
  const share = partOfSite(model, req);
  if (req.reset && share)
    throw new ArgsError(
      `--reset with ${share.flag}: it would delete the rest of the org's data: start on a new --org (or an empty --out folder), or --reset without it to rewrite everything in one process`,
    );
  hooks.built?.();
  const started = performance.now();
  try {
    await Promise.all(req.sinks.map((s) => s.open()));
    const run = {
      org: req.org,
      profile: model.profile,
      seed: req.seed,
      intervalMs: req.intervalMs,
      fingerprint: runFingerprint(req.loaded.text, req.seed, req.intervalMs),
      start: req.start,
      end: req.end,
    };
    // the engine computes in a worker while this thread encodes and sends the previous chunk; a registry
    // other than the built-in one cannot be rebuilt there, so its engine stays on this thread
    const chunks =
      req.equipment === undefined
        ? await openEngineThread(
            { text: req.loaded.text, file: req.loaded.source },
            { seed: run.seed, intervalMs: run.intervalMs, epochMs: req.epochMs, ...(share ? { equipIds: [...share.equipIds] } : {}) },
            model,
            { threads: req.workers ?? defaultEngineThreads() },
          )
        : undefined;
    let result: GenerationResult;
    try {
      result = await runGeneration(
        { model, topology, epochMs: req.epochMs, reset: req.reset, sinks: req.sinks, run, chunks, ...(share ? { share } : {}) },
        hooks,
      );
    } finally {
      await chunks?.close();
    }
    let validation: SiteGenerationResult['validation'];
    if (req.store && req.validate !== false && !share) {
      hooks.validating?.();
      const range = { start: Math.max(req.start, req.end - VALIDATE_WINDOW_MS), end: req.end };
      const report = await validateStore(req.store, { org: req.org, timeZone: model.timeZone, intervalMs: req.intervalMs, range });
      validation = { report, ...range };
    }
    return { model, result, validation, seconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.allSettled(req.sinks.map((s) => s.close()));
  }
}

/** The part of the site this process writes: a shard's or a selection's equipment, or undefined for all of it. */
function partOfSite(model: SiteModel, req: SiteGeneration): ShardShare | undefined {
  if (req.equipIds) {
    if (req.shard && req.shard.count > 1)
      throw new ArgsError('--equip with --shard: a selection is written by one process; pick one of the two');
    const known = new Set(model.points.map((p) => p.equipId));
    const unknown = req.equipIds.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new ArgsError(
        `--equip: no equipment "${unknown[0]}" in ${model.profile} (ids as in entities.csv or \`haysim query equipment\`, e.g. ${[...known].slice(0, 3).join(', ')})`,
      );
    return equipShare(model.points, req.equipIds);
  }
  return req.shard && req.shard.count > 1 ? shardShare(model.points, req.shard) : undefined;
}
