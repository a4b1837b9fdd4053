/**
 * The sink contract's fixture: a site, an AHU and four points (Number, Bool,
 * Str, a register), 15-minute samples in one-hour chunks, and the values every
 * target must hold, from formulas (`expectedValue`), never from what a sink wrote.
 */
import { HDict, HMarker, HNum, HRef, HStr } from 'haystack-core';
import type { PointInfo } from '../../src/model/point.js';
import type { SiteModel } from '../../src/model/site-model.js';
import type { RunDescriptor } from '../../src/outputs/output.js';
import type { Chunk, GroundTruthEvent } from '../../src/sim/sample.js';

/** One history value as the target holds it; `value` null for no value. */
export interface HistoryRecord {
  readonly ts: number;
  readonly pointId: string;
  readonly value: number | boolean | string | null;
  readonly status: string;
}

export const EPOCH = Date.UTC(2026, 0, 1);
export const INTERVAL_MS = 15 * 60_000;
export const STEPS_PER_CHUNK = 4;

const ref = (id: string) => HRef.make(id);
const m = HMarker.make();

export const CONTRACT_POINTS: readonly PointInfo[] = [
  {
    index: 0,
    id: 's1.ahu1.supplyTemp',
    key: 'supplyTemp',
    dis: 'AHU-1 Supply Temp',
    equipId: 's1.ahu1',
    siteId: 's1',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    totalized: false,
  },
  {
    index: 1,
    id: 's1.ahu1.fanRun',
    key: 'fanRun',
    dis: 'AHU-1 Fan Run',
    equipId: 's1.ahu1',
    siteId: 's1',
    kind: 'Bool',
    decimals: 0,
    totalized: false,
  },
  {
    index: 2,
    id: 's1.ahu1.mode',
    key: 'mode',
    dis: 'AHU-1 Mode',
    equipId: 's1.ahu1',
    siteId: 's1',
    kind: 'Str',
    decimals: 0,
    totalized: false,
  },
  {
    index: 3,
    id: 's1.ahu1.energy',
    key: 'energy',
    dis: 'AHU-1 Energy',
    equipId: 's1.ahu1',
    siteId: 's1',
    kind: 'Number',
    unit: 'kWh',
    decimals: 2,
    totalized: true,
  },
];

export const MODE_NAMES = ['off', 'heat', 'cool'] as const;

export function contractModel(): SiteModel {
  const point = (p: PointInfo, tags: Record<string, HStr | HMarker | HNum>) =>
    HDict.make({
      id: ref(p.id),
      dis: HStr.make(p.dis),
      point: m,
      his: m,
      navName: HStr.make(p.key),
      kind: HStr.make(p.kind),
      siteRef: ref('s1'),
      equipRef: ref('s1.ahu1'),
      tz: HStr.make('New_York'),
      ...tags,
    });
  const [temp, fan, mode, energy] = CONTRACT_POINTS;
  const entities = [
    HDict.make({ id: ref('s1'), dis: HStr.make('Site One'), site: m, area: HNum.make(12000, 'ft²'), tz: HStr.make('New_York') }),
    HDict.make({ id: ref('s1.ahu1'), dis: HStr.make('AHU-1'), equip: m, ahu: m, siteRef: ref('s1') }),
    point(energy, { elec: m, energy: m, sensor: m, unit: HStr.make('kWh'), hisTotalized: m }),
    point(fan, { fan: m, run: m, sensor: m }),
    point(mode, { enum: HStr.make(MODE_NAMES.join(',')), sensor: m }),
    point(temp, { discharge: m, air: m, temp: m, sensor: m, unit: HStr.make('°F') }),
  ];
  return { profile: 'contract', timeZone: 'America/New_York', entities, points: CONTRACT_POINTS };
}

export function contractRun(overrides: Partial<RunDescriptor> = {}): RunDescriptor {
  return {
    org: 'demo',
    profile: 'contract',
    seed: 1,
    intervalMs: INTERVAL_MS,
    fingerprint: 'fp-contract-1',
    start: EPOCH,
    end: EPOCH + 24 * 3_600_000,
    ...overrides,
  };
}

/** The value of point p at global step g, as the engine would report it (already rounded). */
export function expectedValue(p: number, g: number): number | boolean | string | null {
  if (p === 0) return g % 11 === 7 ? null : (-50 + 13 * g) / 10; // -5.0, -3.7, ... crosses zero; step 7 has no value
  if (p === 1) return g % 3 !== 0;
  if (p === 2) return MODE_NAMES[g % 3];
  return (100_000 + 1237 * g) / 100; // 1000.00, 1012.37, ...
}

export function expectedStatus(p: number, g: number): string {
  if (p === 0 && g % 11 === 7) return 'fault';
  return p === 3 && g % 5 === 2 ? 'stale' : 'ok';
}

/** Chunk `index` of the fixture grid, optionally with `steps` timestamps instead of the full hour. */
export function contractChunk(index: number, steps = STEPS_PER_CHUNK): Chunk {
  const n = CONTRACT_POINTS.length;
  const timestamps = new Float64Array(steps);
  const values = new Float64Array(n * steps);
  const status = new Uint8Array(n * steps);
  const codes: Record<string, number> = { ok: 0, stale: 1, fault: 2 };
  for (let k = 0; k < steps; k++) {
    const g = index * STEPS_PER_CHUNK + k;
    timestamps[k] = EPOCH + g * INTERVAL_MS;
    for (let p = 0; p < n; p++) {
      const v = expectedValue(p, g);
      values[p * steps + k] =
        v === null
          ? NaN
          : typeof v === 'boolean'
            ? Number(v)
            : typeof v === 'string'
              ? MODE_NAMES.indexOf(v as (typeof MODE_NAMES)[number])
              : v;
      status[p * steps + k] = codes[expectedStatus(p, g)];
    }
  }
  const events: GroundTruthEvent[] = [
    {
      id: `stale:s1.ahu1.energy:${index}`,
      type: 'stale',
      entityId: 's1.ahu1.energy',
      start: timestamps[0] ?? EPOCH,
      end: (timestamps[0] ?? EPOCH) + INTERVAL_MS,
      params: { reason: 'comm, "loss"', minutes: 15, repaired: true },
    },
  ];
  return { index, batch: { points: CONTRACT_POINTS, timestamps, values, status }, events: steps > 0 ? events : [] };
}

/** The records chunks `indexes` should leave in the target, sorted like `sortRecords`. */
export function expectedRecords(indexes: readonly number[]): HistoryRecord[] {
  const out: HistoryRecord[] = [];
  for (const i of indexes) {
    for (let k = 0; k < STEPS_PER_CHUNK; k++) {
      const g = i * STEPS_PER_CHUNK + k;
      for (const p of CONTRACT_POINTS) {
        out.push({ ts: EPOCH + g * INTERVAL_MS, pointId: p.id, value: expectedValue(p.index, g), status: expectedStatus(p.index, g) });
      }
    }
  }
  return sortRecords(out);
}

export function sortRecords(records: readonly HistoryRecord[]): HistoryRecord[] {
  return [...records].sort((a, b) => a.ts - b.ts || (a.pointId < b.pointId ? -1 : a.pointId > b.pointId ? 1 : 0));
}
