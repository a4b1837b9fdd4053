// haysim as a library: the same pieces the CLI uses.
export { HaysimError, ArgsError, ProfileError, OutputError } from './errors.js';
export type { PointInfo, PointKind } from './model/point.js';
export type { SiteModel } from './model/site-model.js';
export { loadProfile, parseProfile, BUILT_IN_PROFILES } from './profile/load-profile.js';
export type { Profile } from './profile/schema.js';
export { buildModel } from './profile/build-model.js';
export { Engine, type EngineOptions } from './sim/engine.js';
export { Status, STATUS_NAMES, type SampleBatch, type Chunk, type GroundTruthEvent } from './sim/sample.js';
export type { Sink, Store, RunDescriptor, WriteSummary } from './outputs/output.js';
export { PostgresStore } from './outputs/postgres/postgres-store.js';
export { PgliteStore } from './outputs/pglite/pglite-store.js';
export { FilesSink } from './outputs/files/files-sink.js';
export { validateStore, formatReport } from './validate/validate-store.js';
export { runGeneration, type GenerationRequest, type GenerationResult } from './runner/run-generation.js';
export { runFingerprint } from './runner/fingerprint.js';
