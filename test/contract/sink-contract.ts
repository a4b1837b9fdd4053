/**
 * The contract every Sink passes: lifecycle, empty batches, missing values,
 * decimals and units, Bool and Str points, close after failure, resume and
 * conflicts. An adapter's test calls `describeSinkContract` with a harness that
 * creates sinks on one target and reads back what they wrote. A stream (HTTP,
 * MQTT) declares what it cannot do in `capabilities`; those checks are then
 * reported as skipped and their stream counterparts run instead.
 *
 * Expected values come from sink-contract-fixture.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HaysimError } from '../../src/errors.js';
import type { Sink } from '../../src/outputs/output.js';
import { Status, type Chunk } from '../../src/sim/sample.js';
import {
  CONTRACT_POINTS,
  contractChunk,
  contractModel,
  contractRun,
  EPOCH,
  expectedRecords,
  type HistoryRecord,
  INTERVAL_MS,
  sortRecords,
} from './sink-contract-fixture.js';

/** What a target can do beyond taking readings; a stream can do neither (absent: both). */
export interface SinkCapabilities {
  /** the target keeps what a run writes besides readings (ground-truth events) to be read back */
  readonly readBack: boolean;
  /** the target remembers complete chunks across runs: begin() reports them and refuses a different run */
  readonly resume: boolean;
}

export interface SinkHarness {
  readonly capabilities?: SinkCapabilities;
  /** A new sink on the harness's target: every sink of one harness writes to the same place. */
  createSink(): Sink;
  /** All history the target holds, in any order. */
  readHistory(): Promise<HistoryRecord[]>;
  /** Ids of the ground-truth events the target holds, in any order (with readBack). */
  readEventIds?(): Promise<string[]>;
  /** The point table the target holds, for sinks that write one. */
  readPoints?(): Promise<{ id: string; unit: string | null; decimals: number }[]>;
  dispose(): Promise<void>;
}

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

    let can: SinkCapabilities = { readBack: true, resume: true };

    beforeEach(async () => {
      h = await makeHarness();
      can = h.capabilities ?? { readBack: true, resume: true };
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
      expect(summary).toMatchObject({ rowsWritten: 32, chunksWritten: 2, chunksSkipped: 0, eventsWritten: can.readBack ? 2 : 0 });
      expect(summary.entities).toEqual({ site: 1, equip: 1, point: 4 });
      expect(await history()).toEqual(expectedRecords([0, 1]));
      if (can.readBack) expect((await h.readEventIds!()).sort()).toEqual(['stale:s1.ahu1.energy:0', 'stale:s1.ahu1.energy:1']);
    });

    it('accepts an empty batch and counts its chunk as complete', async () => {
      const s = sink();
      await s.open();
      await s.begin(contractModel(), contractRun(), { reset: false });
      await s.writeChunk(contractChunk(4, 0));
      expect(await s.finish()).toMatchObject({ rowsWritten: 0, chunksWritten: 1, eventsWritten: 0 });
      await s.close();
      expect(await history()).toEqual([]);
      if (!can.resume) return;
      const again = sink();
      await again.open();
      expect([...(await again.begin(contractModel(), contractRun(), { reset: false }))]).toEqual([4]);
    });

    it('writes no row for a value with status missing (the historian never logged it)', async () => {
      const s = sink();
      await s.open();
      await s.begin(contractModel(), contractRun(), { reset: false });
      const chunk = contractChunk(0);
      const { status } = chunk.batch;
      const T = chunk.batch.timestamps.length;
      (status as Uint8Array)[1 * T + 1] = Status.Missing; // fanRun at step 1: a change-of-value log wrote nothing
      for (let p = 0; p < 4; p++) (status as Uint8Array)[p * T + 2] = Status.Missing; // step 2: a historian gap
      await s.writeChunk(chunk);
      expect(await s.finish()).toMatchObject({ rowsWritten: 11, chunksWritten: 1 });
      const gone = (r: { ts: number; pointId: string }) =>
        r.ts === EPOCH + 2 * INTERVAL_MS || (r.ts === EPOCH + INTERVAL_MS && r.pointId === 's1.ahu1.fanRun');
      expect(await history()).toEqual(expectedRecords([0]).filter((r) => !gone(r)));
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

    it('resumes: an interrupted run reports its complete chunks and the next run adds only the rest', async (ctx) => {
      if (!can.resume) return ctx.skip(); // a stream keeps no record: see the next test
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

    it('without resume: a new run reports nothing complete and re-sends what it is given (at least once)', async (ctx) => {
      if (can.resume) return ctx.skip();
      const first = sink();
      await first.open();
      await first.begin(contractModel(), contractRun(), { reset: false });
      await first.writeChunk(contractChunk(0));
      await first.close(); // interrupted: no finish()
      const second = sink();
      await second.open();
      expect([...(await second.begin(contractModel(), contractRun(), { reset: false }))]).toEqual([]);
      await second.writeChunk(contractChunk(0));
      await second.writeChunk(contractChunk(1));
      expect(await second.finish()).toMatchObject({ rowsWritten: 32, chunksWritten: 2, chunksSkipped: 0 });
      expect(await history()).toEqual(sortRecords([...expectedRecords([0]), ...expectedRecords([0, 1])]));
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

    it('refuses to mix in a different run unless reset, and reset starts over', async (ctx) => {
      if (!can.resume) return ctx.skip(); // a stream has no record of earlier runs to compare with
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
      expect(await h.readEventIds!()).toEqual(['stale:s1.ahu1.energy:5']);
    });
  });
}
