import { campusChecks } from './checks/campus-checks.js';
import { haystackChecks } from './checks/haystack-compliance.js';
import { occupancyLoadChecks } from './checks/occupancy-loads.js';
import { physicsChecks } from './checks/physical-sanity.js';
import { qualityChecks } from './checks/quality-shares.js';
import { faultChecks } from './checks/fault-signatures.js';
import { relationshipChecks } from './checks/relationships.js';
import { sensorTextureChecks } from './checks/sensor-texture.js';
import { timeSeriesChecks } from './checks/time-series.js';
import { weatherClimateChecks } from './checks/weather-climate.js';
import { loadContext, type QueryableStore, type ValidateOptions } from './validation-context.js';
import type { ValidationReport } from './validation-report.js';

export type { QueryableStore, ValidateOptions } from './validation-context.js';
export { formatReport, type ValidationReport } from './validation-report.js';

/**
 * Validates what an org holds in the core schema, from the database alone (so
 * data a previous run wrote can be checked): Haystack compliance,
 * relationships, time-series integrity, physical sanity and data-quality
 * shares. Points and equips are found by their Haystack markers and refs.
 *
 * Throws ArgsError for a bad or unknown org key and HaysimError
 * (STORE_READ_FAILED) when the store cannot be read; failed checks are not
 * errors, they are in the report.
 */
export async function validateStore(store: QueryableStore, options: ValidateOptions): Promise<ValidationReport> {
  const ctx = await loadContext(store, options);
  // one after another: a store has one connection (PGlite) and the queries are large scans
  const checks = [
    ...(await haystackChecks(ctx)),
    ...relationshipChecks(ctx),
    ...(await timeSeriesChecks(ctx)),
    ...(await sensorTextureChecks(ctx)),
    ...(await physicsChecks(ctx)),
    ...(await occupancyLoadChecks(ctx)),
    ...(await weatherClimateChecks(ctx)),
    ...(await qualityChecks(ctx)),
    ...(await faultChecks(ctx)),
    ...(await campusChecks(ctx)),
  ];
  return { org: ctx.org, passed: checks.every((c) => c.passed), checks };
}
