/**
 * Store contract, history writes: exact values and events, empty and atomic
 * chunks, partly written days, resuming an interrupted run (with the current
 * table), and refusing or resetting a different run.
 */
import { expect, it } from 'vitest';
import { HaysimError } from '../../src/errors.js';
import * as f from './store-contract-fixture.js';
import { ROWS_PER_CHUNK, type StoreContractSession } from './store-contract-session.js';

export function storeHistoryContract(session: StoreContractSession): void {
  const { h, store, load, ids, count, history, expectedHistory, stepsOf } = session;

  it('writes history exactly: decimals and negatives as toFixed, NaN as NULL with its status, Bool and Str names', async () => {
    const summary = await load([0, 1]);
    expect(summary).toMatchObject({ rowsWritten: 2 * ROWS_PER_CHUNK, chunksWritten: 2, chunksSkipped: 0, eventsWritten: 4 });
    expect(await history()).toEqual(expectedHistory(stepsOf(0, 1)));
    const missing = await h.sql<{ status: string }>(
      'SELECT status FROM core.values_demo WHERE value_n IS NULL AND value_b IS NULL AND value_s IS NULL',
    );
    expect(missing.length).toBe(stepsOf(0, 1).filter((g) => f.pointValueAt(0, g) === null).length);
    expect(new Set(missing.map((r) => r.status))).toEqual(new Set(['fault']));
    const events = await h.sql<{ k: string; h: string; eid: number | null; start: string; params: unknown }>(
      `SELECT event_key AS k, haystack_id AS h, entity_id AS eid, to_char(start_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS start, params
         FROM core.haysim_event ORDER BY event_key COLLATE "C"`,
    );
    const byId = await ids();
    expect(events).toEqual([
      {
        k: 'maintenance:equip-chiller-1:0',
        h: 'equip-chiller-1',
        eid: byId.get('equip-chiller-1'),
        start: '2026-01-02 00:00',
        params: { planned: true, hours: 1 },
      },
      {
        k: 'maintenance:equip-chiller-1:1',
        h: 'equip-chiller-1',
        eid: byId.get('equip-chiller-1'),
        start: '2026-01-03 00:00',
        params: { planned: true, hours: 1 },
      },
      {
        k: 'stale:meter-main-electric.energy:0',
        h: 'meter-main-electric.energy',
        eid: byId.get('meter-main-electric.energy'),
        start: '2026-01-02 00:00',
        params: { reason: 'comm loss' },
      },
      {
        k: 'stale:meter-main-electric.energy:1',
        h: 'meter-main-electric.energy',
        eid: byId.get('meter-main-electric.energy'),
        start: '2026-01-03 00:00',
        params: { reason: 'comm loss' },
      },
    ]);
  });

  it('marks an empty chunk complete without writing rows', async () => {
    const summary = await load([f.storeChunk(3, 3 * f.STEPS, 0)]);
    expect(summary).toMatchObject({ rowsWritten: 0, chunksWritten: 1, eventsWritten: 0 });
    expect(await count('SELECT count(*) FROM core.values_demo')).toBe(0);
    const s = store();
    await s.open();
    expect([...(await s.begin(f.storeModel(), f.storeRun(), { reset: false }))]).toEqual([3]);
  });

  it('writes a chunk atomically: rows that collide leave nothing of the chunk; a complete chunk is never written twice', async () => {
    await load([0]);
    const before = await history();
    const s = store();
    await s.open();
    await s.begin(f.storeModel(), f.storeRun(), { reset: false });
    // chunk 1 shifted back half a day: its first half collides with chunk 0's second half
    const error = await s.writeChunk(f.storeChunk(1, f.STEPS / 2)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HaysimError);
    expect((error as HaysimError).code).toBe('STORE_WRITE_FAILED');
    expect((error as Error).message).toMatch(/values_demo/);
    expect(await history()).toEqual(before);
    expect(await count('SELECT count(*) FROM core.haysim_chunk WHERE chunk_index = 1')).toBe(0);
    expect(await count(`SELECT count(*) FROM core.haysim_event WHERE event_key LIKE '%:1'`)).toBe(0);
    await s.writeChunk(f.storeChunk(0)); // already complete: a no-op
    await s.writeChunk(f.storeChunk(1));
    expect(await s.finish()).toMatchObject({ rowsWritten: ROWS_PER_CHUNK, chunksWritten: 1, chunksSkipped: 1 });
    expect(await history()).toEqual(expectedHistory(stepsOf(0, 1)));
  });

  it('fills in a day a previous run only partly wrote (cut by its range) without duplicates', async () => {
    const first = store();
    await first.open();
    await first.begin(f.storeModel(), f.storeRun(), { reset: false });
    await first.writeChunk({ ...f.storeChunk(0, 0, f.STEPS / 2), complete: false });
    await first.finish();
    await first.close();
    expect(await history()).toEqual(expectedHistory(Array.from({ length: f.STEPS / 2 }, (_, k) => k)));
    const second = store();
    await second.open();
    expect([...(await second.begin(f.storeModel(), f.storeRun(), { reset: false }))]).toEqual([]);
    await second.writeChunk({ ...f.storeChunk(0, f.STEPS / 4, f.STEPS / 2), complete: false }); // overlaps the first piece
    await second.writeChunk(f.storeChunk(0)); // the whole day
    await second.finish();
    expect(await history()).toEqual(expectedHistory(stepsOf(0)));
    await second.begin(f.storeModel(), f.storeRun(), { reset: false }).then((done) => expect([...done]).toEqual([0]));
    await second.close();
  });

  it('resumes an interrupted run; finish leaves the primary key and a current table equal to each last history row', async () => {
    const first = store();
    await first.open();
    expect([...(await first.begin(f.storeModel(), f.storeRun(), { reset: false }))]).toEqual([]);
    await first.writeChunk(f.storeChunk(0));
    await first.writeChunk(f.storeChunk(1));
    await first.close(); // interrupted: no finish()
    const second = store();
    await second.open();
    expect([...(await second.begin(f.storeModel(), f.storeRun(), { reset: false }))].sort()).toEqual([0, 1]);
    await second.writeChunk(f.storeChunk(2));
    expect(await second.finish()).toMatchObject({ rowsWritten: ROWS_PER_CHUNK, chunksWritten: 1, chunksSkipped: 2 });
    expect(await history()).toEqual(expectedHistory(stepsOf(0, 1, 2)));
    expect(await count(`SELECT count(*) FROM pg_constraint WHERE conrelid = 'core.values_demo'::regclass AND contype = 'p'`)).toBe(1);
    const last = 3 * f.STEPS - 1;
    const current = await history('values_demo_current');
    expect(current).toEqual(expectedHistory([last]));
    expect(
      await count(`SELECT count(*) FROM core.values_demo_current c
      WHERE ROW(c.ts, c.value_n, c.value_b, c.value_s, c.status) IS DISTINCT FROM
            (SELECT ROW(h.ts, h.value_n, h.value_b, h.value_s, h.status) FROM core.values_demo h WHERE h.entity_id = c.entity_id ORDER BY h.ts DESC LIMIT 1)`),
    ).toBe(0);
  });

  it('refuses another fingerprint without --reset; --reset clears only this org', async () => {
    await load([0, 1]);
    await load([0], f.storeRun({ org: 'acme' }), false, 'acme');
    const s = store();
    await s.open();
    const error = await s.begin(f.storeModel(), f.storeRun({ fingerprint: 'fp-other' }), { reset: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as HaysimError).code).toBe('STORE_CONFLICT');
    expect((error as Error).message).toMatch(/--reset/);
    await s.close();
    await load([2], f.storeRun({ fingerprint: 'fp-other' }), true);
    expect(await history()).toEqual(expectedHistory(stepsOf(2)));
    expect(await count(`SELECT count(*) FROM core.haysim_chunk c JOIN core.org o ON o.id = c.org_id WHERE o.key = 'demo'`)).toBe(1);
    expect(await count(`SELECT count(*) FROM core.haysim_event e JOIN core.org o ON o.id = e.org_id WHERE o.key = 'demo'`)).toBe(2);
    expect(await count(`SELECT count(*) FROM core.haysim_run r JOIN core.org o ON o.id = r.org_id WHERE o.key = 'demo'`)).toBe(1);
    expect((await ids()).size).toBe(f.storeModel().entities.length);
    expect(await history('values_acme')).toEqual(expectedHistory(stepsOf(0)));
    expect((await ids('acme')).size).toBe(f.storeModel().entities.length);
    expect(await count(`SELECT count(*) FROM core.haysim_chunk c JOIN core.org o ON o.id = c.org_id WHERE o.key = 'acme'`)).toBe(1);
  });
}
