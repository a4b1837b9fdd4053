// The UPS `mode` is a Haystack enum point: its `enum` tag names its states, and both table layouts store those
// names (not the engine's codes) for the same readings. Written by the real engine into the embedded store
// (PGlite) in each layout over ups_001's weekly battery test, read back through the query library.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../model/build-model.js';
import { enumLabels } from '../../model/entity-facts.js';
import { PgliteStore } from '../../outputs/pglite/pglite-store.js';
import { loadProfile } from '../../profile/load-profile.js';
import { QueryClient } from '../../query/query-client.js';
import { runFingerprint } from '../../runner/fingerprint.js';
import { Engine } from '../../sim/engine.js';
import { EQUIPMENT_TYPES } from '../index.js';
import { UPS_MODES } from './campus-ups.js';

// a Tuesday: ups_001 tests its battery at 10:00 IST (04:30 UTC)
const FROM = Date.parse('2025-01-07T03:30:00Z');
const TO = Date.parse('2025-01-07T06:30:00Z');
const scratch = mkdtempSync(join(tmpdir(), 'haysim-ups-mode-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function modes(layout: 'haystack' | 'wide'): Promise<(string | null)[]> {
  const loaded = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
  const { model, topology } = buildModel(loaded.profile, EQUIPMENT_TYPES);
  const { seed } = loaded.profile.simulation;
  const intervalMs = 60_000;
  const engine = new Engine(model, topology, {
    seed,
    intervalMs,
    epochMs: Date.parse(loaded.profile.simulation.epoch),
    equipIds: ['ups_001'],
  });
  const dataDir = join(scratch, layout);
  const store = new PgliteStore({ dataDir, org: 'demo', layout });
  try {
    await store.open();
    const fingerprint = runFingerprint(loaded.text, seed, intervalMs);
    await store.begin(
      model,
      { org: 'demo', profile: 'industrial-campus', seed, intervalMs, fingerprint, start: FROM, end: TO },
      { reset: false },
    );
    for (const c of engine.chunksIn(FROM, TO)) await store.writeChunk(engine.computeChunk(c, FROM, TO));
    await store.finish();
  } finally {
    await store.close();
  }
  const client = await QueryClient.open({ dataDir });
  try {
    const range = await client.range('ups_001', { from: new Date(FROM).toISOString(), to: new Date(TO).toISOString(), columns: ['mode'] });
    return range.rows.map((r) => r.mode as string | null);
  } finally {
    await client.close();
  }
}

describe('UPS mode, a Haystack enum point', () => {
  it('declares its states in an enum tag, in code order', async () => {
    const loaded = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
    const { model } = buildModel(loaded.profile, EQUIPMENT_TYPES);
    const labels = enumLabels(model.entities);
    const ups = model.points.filter((p) => p.key === 'mode' && p.equipId.startsWith('ups_'));
    expect(ups.length).toBeGreaterThan(0);
    for (const p of ups) expect(labels.get(p.id), p.id).toEqual(['online', 'battery', 'test', 'off']);
    expect(UPS_MODES).toEqual(['online', 'battery', 'test', 'off']);
  });

  it('stores the state names in both layouts, the same row for row, through the weekly test', async () => {
    const haystack = await modes('haystack');
    const wide = await modes('wide');
    expect(haystack.length).toBe(180);
    expect(wide).toEqual(haystack);
    for (const m of haystack) expect(UPS_MODES as readonly (string | null)[]).toContain(m);
    // on mains before and after the test, on its battery during it
    expect(haystack[0]).toBe('online');
    expect(haystack.at(-1)).toBe('online');
    expect(haystack).toContain('test');
  }, 300_000);
});
