import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detailOf, failedIds } from '../../../test/fixtures/validate-breakages.js';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { buildModel } from '../../model/build-model.js';
import { PgliteStore } from '../../outputs/pglite/pglite-store.js';
import { loadProfile } from '../../profile/load-profile.js';
import { runFingerprint } from '../../runner/fingerprint.js';
import { Engine } from '../../sim/engine.js';
import { validateStore } from '../validate-store.js';

// `validate` on two hours of the campus at 1 minute (a working morning) in the embedded store's wide layout:
// every check passes as generated, and the rating checks catch an overloaded or misrated panel.
const MINUTE = 60_000;
const START = Date.UTC(2025, 5, 11, 3, 30);
const END = START + 2 * 3_600_000;

describe('validate on the industrial campus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'haysim-campus-validate-'));
  let store: PgliteStore;
  beforeAll(async () => {
    const loaded = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
    const { model, topology } = buildModel(loaded.profile, EQUIPMENT_TYPES);
    const seed = loaded.profile.simulation.seed;
    const engine = new Engine(model, topology, { seed, intervalMs: MINUTE, epochMs: Date.parse(loaded.profile.simulation.epoch) });
    store = new PgliteStore({ dataDir: dir, layout: 'wide' });
    await store.open();
    const run = { org: 'demo', profile: 'industrial-campus', seed, intervalMs: MINUTE, start: START, end: END };
    const done = await store.begin(model, { ...run, fingerprint: runFingerprint(loaded.text, seed, MINUTE) }, { reset: false });
    for (const c of engine.chunksIn(START, END)) if (!done.has(c)) await store.writeChunk(engine.computeChunk(c, START, END));
    await store.finish();
  }, 600_000);
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes every check as generated (the campus relations, Haystack tags, meter PF), panels reading current over their nameplate rating', async () => {
    const report = await validateStore(store, { org: 'demo' });
    expect(report.checks.filter((c) => c.id.startsWith('physics.campus-')).length).toBeGreaterThan(8);
    expect(report.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
    // the spec's switchboards: 20 PCCs, 5 changeovers, 10 MLDBs, 20 SMDBs, 40 DBs, 70 MCCs, 25 VFD and 20 PLC panels
    expect(detailOf(report, 'physics.campus-panel-rating')).toBe(`${20 + 5 + 10 + 20 + 40 + 70 + 25 + 20} panels with a rated current`);
    expect(detailOf(report, 'physics.campus-within-rating')).toMatch(/^0 of \d+ rows past 100 %/);
  }, 600_000);

  it('fails a panel whose load % disagrees with its nameplate, and one run past its rating', async () => {
    await store.query(`UPDATE public.lt_db_001 SET load_percent = round((load_percent * 3)::numeric, 1)`);
    const report = await validateStore(store, { org: 'demo' });
    expect(failedIds(report)).toEqual(expect.arrayContaining(['physics.campus-panel-rating', 'physics.campus-within-rating']));
    expect(detailOf(report, 'physics.campus-within-rating')).toMatch(/overloaded lt_db_001 \d+\/120/);
  }, 600_000);
});
