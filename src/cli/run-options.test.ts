import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { buildModel } from '../model/build-model.js';
import { checkGenerateSize, MAX_RUN_VALUES, MAX_SERVER_RUN_VALUES, resolveRunOptions } from './run-options.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');

describe('the size of one generate run', () => {
  it("lets the campus's reference horizon (3 years at 1 min) into PostgreSQL or files, not into the embedded store", async () => {
    const opts = await resolveRunOptions({ profile: 'industrial-campus', start: '2023-02-01', end: '2026-02-01', interval: '1m' }, NOW);
    // the horizon's own size, counted independently: points × 1,578,240 minutes (the spec's figure)
    const points = buildModel(opts.loaded.profile, EQUIPMENT_TYPES).model.points.length;
    expect((opts.end - opts.start) / 60_000).toBe(1_578_240);
    const values = points * 1_578_240;
    expect(values).toBeGreaterThan(MAX_RUN_VALUES);
    expect(values).toBeLessThan(MAX_SERVER_RUN_VALUES);
    expect(() => checkGenerateSize(opts, undefined, false)).not.toThrow();
    expect(() => checkGenerateSize(opts)).toThrow(/into the embedded store .*or write to PostgreSQL \(--db\) or files \(--out\)/);
  });

  it('stops a mistyped end year even where the values would fit a server', async () => {
    const opts = await resolveRunOptions({ profile: 'office-tower', start: '2026-01-01', end: '2326-01-01', interval: '1h' }, NOW);
    expect(() => checkGenerateSize(opts, undefined, false)).toThrow(/spans 300 years; a run spans at most 100: check --end or --days/);
  });
});
