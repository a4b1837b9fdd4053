import { EQUIPMENT_TYPES } from '../../src/equipment/index.js';
import { buildModel } from '../../src/model/build-model.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import type { DegradationKind, Profile } from '../../src/profile/schema.js';
import { Engine } from '../../src/sim/engine.js';
import { QualityEvents } from '../../src/sim/quality-events.js';
import type { GroundTruthEvent } from '../../src/sim/sample.js';

/*
 * A campus fault kind alone on the campus, frequent (12 a year per equipment it befalls), against the same campus
 * without it: same seed, so weather, shifts, outages and noise are identical and only the fault differs. Used by
 * the fault tests, the alert tests and the fault plots (scripts/campus-fault-plot.ts).
 */

const DAY = 86_400_000;
export const { profile: CAMPUS_PROFILE, text: CAMPUS_TEXT } = await loadProfile('industrial-campus', EQUIPMENT_TYPES);

export type CampusRun = ReturnType<typeof buildModel>;

/** The campus with only `kind` (none: `null`), no failures or stale blocks. */
export function campusWith(kind: DegradationKind | null): CampusRun {
  const faults = Object.fromEntries(
    Object.entries(CAMPUS_PROFILE.quality.faults).map(([k, r]) => [k, { ...r, perYear: k === kind ? 12 : 0 }]),
  ) as Profile['quality']['faults'];
  const p = { ...CAMPUS_PROFILE, quality: { ...CAMPUS_PROFILE.quality, faultShare: 0, staleShare: 0, faults } } as Profile;
  return buildModel(p, EQUIPMENT_TYPES);
}

export interface Series {
  readonly ts: number[];
  /** by point key: readings and their status */
  readonly values: Record<string, number[]>;
  readonly status: Record<string, number[]>;
  /** the ground-truth events the chunks carried (deduplicated by id) */
  readonly events: GroundTruthEvent[];
}

/** Columns `keys` of one equipment over [from, to) at `intervalMs`; the registers count from the start of the day before. */
export function seriesOf(run: CampusRun, equip: string, keys: readonly string[], from: number, to: number, intervalMs: number): Series {
  const engine = new Engine(run.model, run.topology, { seed: 1, intervalMs, epochMs: Math.floor(from / DAY) * DAY - DAY });
  const rows = keys.map((key) => {
    const p = run.model.points.find((x) => x.id === `${equip}.${key}`);
    if (!p) throw new Error(`${equip} has no point ${key}`);
    return p.index;
  });
  const out: Series = {
    ts: [],
    values: Object.fromEntries(keys.map((k) => [k, []])),
    status: Object.fromEntries(keys.map((k) => [k, []])),
    events: [],
  };
  const seen = new Set<string>();
  for (const c of engine.chunksIn(from, to)) {
    const chunk = engine.computeChunk(c, from, to);
    const b = chunk.batch;
    const T = b.timestamps.length;
    for (let k = 0; k < T; k++) out.ts.push(b.timestamps[k]!);
    keys.forEach((key, j) => {
      for (let k = 0; k < T; k++) {
        out.values[key]!.push(b.values[rows[j]! * T + k]!);
        out.status[key]!.push(b.status[rows[j]! * T + k]!);
      }
    });
    for (const e of chunk.events) if (!seen.has(e.id)) seen.add(e.id) && out.events.push(e);
  }
  return out;
}

/** The `kind` events (ground truth) that start inside [from, to) and pass `when`. */
export function faultEventsOf(
  kind: DegradationKind,
  run: CampusRun,
  from: number,
  to: number,
  when: (e: GroundTruthEvent) => boolean = () => true,
): GroundTruthEvent[] {
  return new QualityEvents(run.topology, 1)
    .faultsBetween(from, to)
    .map((w) => w.event)
    .filter((e) => e.params.kind === kind && e.start > from && when(e));
}

/** The first 15-minute reading at which `e`'s chiller is tripped (its alarm rises) in the window, if it trips. */
export function firstTripOf(run: CampusRun, e: GroundTruthEvent): number | undefined {
  const s = seriesOf(run, e.entityId, ['alarm_status'], e.start, e.end, 15 * 60_000);
  const alarm = s.values.alarm_status!;
  const i = alarm.findIndex((v, j) => v === 1 && alarm[j - 1] === 0);
  return i < 0 ? undefined : s.ts[i];
}
