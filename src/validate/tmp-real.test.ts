import { PGlite } from '@electric-sql/pglite';
import { test } from 'vitest';
import { loadProfile } from '../profile/load-profile.js';
import { buildModel } from '../profile/build-model.js';
import { PgliteStore } from '../outputs/pglite/pglite-store.js';
import { runGeneration } from '../runner/run-generation.js';
import { runFingerprint } from '../runner/fingerprint.js';
import { validateStore, formatReport } from './validate-store.js';

test('real', async () => {
  const loaded = await loadProfile('office-tower');
  const { model, topology } = buildModel(loaded.profile);
  const db = new PGlite();
  const store = new PgliteStore({ instance: db, org: 'demo' });
  await store.open();
  const days = Number(process.env.DAYS ?? 7);
  const start = Number(process.env.START ?? Date.UTC(2025, 6, 1, 4));
  const intervalMs = 15 * 60_000;
  const t0 = performance.now();
  await runGeneration({ model, topology, epochMs: Date.UTC(2025, 0, 1), reset: true, sinks: [store], run: { org: 'demo', profile: model.profile, seed: 1, intervalMs, fingerprint: runFingerprint(loaded.text, 1, intervalMs), start, end: start + days * 86400000 } });
  const t1 = performance.now();
  const report = await validateStore(store, { org: 'demo' });
  const t2 = performance.now();
  console.log(formatReport(report));
  console.log(`generate ${((t1 - t0) / 1000).toFixed(1)} s, validate ${((t2 - t1) / 1000).toFixed(1)} s`);
}, 1_200_000);
