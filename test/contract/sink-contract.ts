/**
 * The contract every Sink passes: lifecycle, empty batches, missing values,
 * decimals and units, Bool and Str points, close after failure, resume and
 * conflicts. An adapter's test calls `describeSinkContract` with a harness that
 * creates sinks on one target and reads back what they wrote.
 *
 * Expected values come from the formulas below (`expectedValue`), never from
 * what a sink wrote.
 */
import { HDict, HMarker, HNum, HRef, HStr } from 'haystack-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HaysimError } from '../../src/errors.js';
import type { PointInfo } from '../../src/model/point.js';
import type { SiteModel } from '../../src/model/site-model.js';
import type { RunDescriptor, Sink } from '../../src/outputs/output.js';
import type { Chunk, GroundTruthEvent } from '../../src/sim/sample.js';

/** One history value as the target holds it; `value` null for no value. */
export interface HistoryRecord {
  readonly ts: number;
  readonly pointId: string;
  readonly value: number | boolean | string | null;
  readonly status: string;
}

export interface SinkHarness {
  /** A new sink on the harness's target: every sink of one harness writes to the same place. */
  createSink(): Sink;
  /** All history the target holds, in any order. */
  readHistory(): Promise<HistoryRecord[]>;
  /** Ids of the ground-truth events the target holds, in any order. */
  readEventIds(): Promise<string[]>;
  /** The point table the target holds, for sinks that write one. */
  readPoints?(): Promise<{ id: string; unit: string | null; decimals: number }[]>;
  dispose(): Promise<void>;
}

// ---- fixture: a site, an AHU and four points; 15-minute samples, one-hour chunks ----

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

// ---- the suite ----

export function describeSinkContract(name: string, makeHarness: () => Promise<SinkHarness>): void {
  describe(`Sink contract: ${name}`, () => {
    let h: SinkHarness;
    const open: Sink[] = [];
    const sink = () => {
      const s = h.createSink();
      open.push(s);
      return s;
    };
    const history = async () => sortRecords(await h.readHistory());

    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
      await h.dispose();
    });

    it('writes chunks and reads back exactly the expected values, statuses and events', async () => {
      const s = sink();
      await s.open();
      expect([...(await s.begin(contractModel(), contractRun(), { reset: false }))]).toEqual([]);
      await s.writeChunk(contractChunk(0));
      await s.writeChunk(contractChunk(1));
      const summary = await s.finish();
      await s.close();
      expect(summary).toMatchObject({ rowsWritten: 32, chunksWritten: 2, chunksSkipped: 0, eventsWritten: 2 });
      expect(summary.entities).toEqual({ site: 1, equip: 1, point: 4 });
      expect(await history()).toEqual(expectedRecords([0, 1]));
      expect((await h.readEventIds()).sort()).toEqual(['stale:s1.ahu1.energy:0', 'stale:s1.ahu1.energy:1']);
    });

    it('accepts an empty batch and counts its chunk as complete', async () => {
      const s = sink();
      await s.open();
      await s.begin(contractModel(), contractRun(), { reset: false });
      await s.writeChunk(contractChunk(4, 0));
      expect(await s.finish()).toMatchObject({ rowsWritten: 0, chunksWritten: 1, eventsWritten: 0 });
      await s.close();
      expect(await history()).toEqual([]);
      const again = sink();
      await again.open();
      expect([...(await again.begin(contractModel(), contractRun(), { reset: false }))]).toEqual([4]);
    });

    it('writes NaN as no value and keeps its status', async () => {
      const s = sink();
      await s.open();
      await s.begin(contractModel(), contractRun(), { reset: false });
      await s.writeChunk(contractChunk(1)); // global step 7 = chunk 1, step 3: supplyTemp NaN, fault
      await s.finish();
      const missing = (await history()).filter((r) => r.value === null);
      expect(missing).toEqual([{ ts: EPOCH + 7 * INTERVAL_MS, pointId: 's1.ahu1.supplyTemp', value: null, status: 'fault' }]);
    });

    it('reads numbers back exactly: negatives, whole numbers, two decimals', async () => {
      const s = sink();
      await s.open();
      await s.begin(contractModel(), contractRun(), { reset: false });
      await s.writeChunk(contractChunk(0));
      await s.finish();
      const values = (await history()).filter((r) => r.pointId === 's1.ahu1.energy').map((r) => r.value);
      expect(values).toEqual([1000, 1012.37, 1024.74, 1037.11]);
      const temps = (await history()).filter((r) => r.pointId === 's1.ahu1.supplyTemp').map((r) => r.value);
      expect(temps).toEqual([-5, -3.7, -2.4, -1.1]);
    });

    it("records each point's unit and decimals in its point table", async (ctx) => {
      if (!h.readPoints) return ctx.skip(); // reported as skipped: this sink writes no point table
      const s = sink();
      await s.open();
      await s.begin(contractModel(), contractRun(), { reset: false });
      await s.finish();
      const points = await h.readPoints();
      expect(points.map((p) => [p.id, p.unit, p.decimals])).toEqual(CONTRACT_POINTS.map((p) => [p.id, p.unit ?? null, p.decimals]));
    });

    it('writes Bool points as booleans and Str points as their enum names', async () => {
      const s = sink();
      await s.open();
      await s.begin(contractModel(), contractRun(), { reset: false });
      await s.writeChunk(contractChunk(2)); // steps 8..11
      await s.finish();
      const rows = await history();
      expect(rows.filter((r) => r.pointId === 's1.ahu1.fanRun').map((r) => r.value)).toEqual([true, false, true, true]);
      expect(rows.filter((r) => r.pointId === 's1.ahu1.mode').map((r) => r.value)).toEqual(['cool', 'off', 'heat', 'cool']);
    });

    it('rejects a malformed chunk with a HaysimError, keeps working, and closes cleanly twice', async () => {
      const s = sink();
      await s.close(); // before begin
      await s.open();
      await s.begin(contractModel(), contractRun(), { reset: false });
      const good = contractChunk(0);
      const bad: Chunk = { ...good, index: 9, batch: { ...good.batch, values: good.batch.values.subarray(1) } };
      await expect(s.writeChunk(bad)).rejects.toBeInstanceOf(HaysimError);
      await s.writeChunk(good);
      await s.close();
      await s.close();
      expect(await history()).toEqual(expectedRecords([0]));
    });

    it('resumes: an interrupted run reports its complete chunks and the next run adds only the rest', async () => {
      const first = sink();
      await first.open();
      await first.begin(contractModel(), contractRun(), { reset: false });
      await first.writeChunk(contractChunk(0));
      await first.writeChunk(contractChunk(1));
      await first.close(); // interrupted: no finish()
      const second = sink();
      await second.open();
      const done = await second.begin(contractModel(), contractRun(), { reset: false });
      expect([...done].sort()).toEqual([0, 1]);
      await second.writeChunk(contractChunk(2));
      expect(await second.finish()).toMatchObject({ rowsWritten: 16, chunksWritten: 1, chunksSkipped: 2 });
      await second.close();
      expect(await history()).toEqual(expectedRecords([0, 1, 2]));
    });

    it('accepts chunks in any order and never duplicates a complete chunk', async () => {
      const s = sink();
      await s.open();
      await s.begin(contractModel(), contractRun(), { reset: false });
      await s.writeChunk(contractChunk(3));
      await s.writeChunk(contractChunk(1));
      await s.writeChunk(contractChunk(3));
      expect(await s.finish()).toMatchObject({ chunksWritten: 2, chunksSkipped: 1, rowsWritten: 32 });
      await s.close();
      expect(await history()).toEqual(expectedRecords([1, 3]));
    });

    it('refuses to mix in a different run unless reset, and reset starts over', async () => {
      const first = sink();
      await first.open();
      await first.begin(contractModel(), contractRun(), { reset: false });
      await first.writeChunk(contractChunk(0));
      await first.close();
      for (const other of [contractRun({ fingerprint: 'fp-other' }), contractRun({ intervalMs: 60_000 })]) {
        const s = sink();
        await s.open();
        const error = await s.begin(contractModel(), other, { reset: false }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(HaysimError);
        expect((error as HaysimError).code).toBe('STORE_CONFLICT');
        expect((error as HaysimError).message).toMatch(/--reset/);
        await s.close();
      }
      const fresh = sink();
      await fresh.open();
      expect([...(await fresh.begin(contractModel(), contractRun({ fingerprint: 'fp-other' }), { reset: true }))]).toEqual([]);
      await fresh.writeChunk(contractChunk(5));
      await fresh.finish();
      await fresh.close();
      expect(await history()).toEqual(expectedRecords([5]));
      expect(await h.readEventIds()).toEqual(['stale:s1.ahu1.energy:5']);
    });
  });
}
