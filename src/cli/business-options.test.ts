import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgsError } from '../errors.js';
import { checkOutputDir, DEFAULT_BUSINESS_SEED, parseRowOverrides, resolveBusinessRun } from './business-options.js';

describe('business flags', () => {
  it('defaults: seed, scale 1, ./hvac_data, schema hvac, and no database even when DATABASE_URL is set', () => {
    process.env.DATABASE_URL = 'postgres://u:p@localhost/db';
    try {
      const run = resolveBusinessRun({});
      expect(run).toMatchObject({
        dataset: { seed: DEFAULT_BUSINESS_SEED, scale: 1, overrides: {} },
        out: './hvac_data',
        db: undefined,
        schema: 'hvac',
      });
      expect(Object.values(run.counts).reduce((a, b) => a + b, 0)).toBe(17_410); // the spec's per-table counts; its stated total of 24,479 is an arithmetic slip
    } finally {
      delete process.env.DATABASE_URL;
    }
  });

  it('--db or --data-dir alone writes no files; with --out both', () => {
    expect(resolveBusinessRun({ db: 'postgres://x/y' }).out).toBeUndefined();
    expect(resolveBusinessRun({ db: 'postgres://x/y', out: 'd' }).out).toBe('d');
    expect(resolveBusinessRun({ dataDir: './store' })).toMatchObject({ out: undefined, db: undefined, dataDir: './store' });
    expect(resolveBusinessRun({ dataDir: './store', out: 'd' }).out).toBe('d');
  });

  it('--rows takes repeated and comma-separated table=N', () => {
    expect(parseRowOverrides(['customers=10, parts=5', 'leads=0'])).toEqual({ customers: 10, parts: 5, leads: 0 });
    for (const bad of ['customers', 'customers=-1', 'customers=1.5', 'customers=ten', '=4'])
      expect(() => parseRowOverrides([bad]), bad).toThrow(ArgsError);
  });

  it('--rows refuses a table named twice, and treats __proto__ as a table name (then unknown)', () => {
    expect(() => parseRowOverrides(['customers=10', 'customers=20'])).toThrow(/--rows names customers twice \(10 and 20\)/);
    expect(() => parseRowOverrides(['parts=1,parts=1'])).toThrow(/twice/);
    expect(() => resolveBusinessRun({ rows: ['__proto__=5'] })).toThrow(/unknown table '__proto__'/);
    expect(() => resolveBusinessRun({ rows: ['customers=99999999999'] })).toThrow(
      /customers: expected a whole number of rows from 0 to 50,000,000/,
    );
  });

  it('rejects bad scale, seed and date as argument errors', () => {
    for (const o of [
      { scale: '0' },
      { scale: '-1' },
      { scale: '1e3' },
      { scale: 'x' },
      { seed: '-1' },
      { asOf: '2025-13-01' },
      { rows: ['custmers=1'] },
    ]) {
      expect(() => resolveBusinessRun(o), JSON.stringify(o)).toThrow(ArgsError);
    }
    expect(resolveBusinessRun({ scale: '0.5' }).counts.customers).toBe(250);
  });

  it('--as-of stays within the range the dataset is realistic for', () => {
    expect(() => resolveBusinessRun({ asOf: '1900-01-01' })).toThrow(
      /--as-of: 1900-01-01 is out of range: expected a date from 2000-01-01 to 2100-12-31/,
    );
    expect(() => resolveBusinessRun({ asOf: '2101-01-01' })).toThrow(/out of range/);
    expect(resolveBusinessRun({ asOf: '2000-01-01' }).dataset.asOf).toBe('2000-01-01');
  });

  it("--link-building defaults to the office tower and the profile's seed; --sim-seed only with it", () => {
    expect(resolveBusinessRun({}).link).toBeUndefined();
    expect(resolveBusinessRun({ linkBuilding: true }).link).toEqual({ profile: 'office-tower', simSeed: undefined });
    expect(resolveBusinessRun({ linkBuilding: 'my.yaml', simSeed: '7' }).link).toEqual({ profile: 'my.yaml', simSeed: 7 });
    for (const o of [{ simSeed: '7' }, { linkBuilding: true, simSeed: 'x' }])
      expect(() => resolveBusinessRun(o), JSON.stringify(o)).toThrow(ArgsError);
  });

  it('checks the output folder by writing to it, and leaves nothing behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'haysim-out-check-'));
    try {
      await checkOutputDir(join(dir, 'new', 'nested'));
      expect(await readdir(join(dir, 'new', 'nested'))).toEqual([]);
      await writeFile(join(dir, 'f'), '');
      await expect(checkOutputDir(join(dir, 'f'))).rejects.toThrow(/is a file, not a folder/);
      await expect(checkOutputDir(join(dir, 'f', 'x'))).rejects.toThrow(ArgsError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
