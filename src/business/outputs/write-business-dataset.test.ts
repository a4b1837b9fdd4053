import { describe, expect, it } from 'vitest';
import type { Row, TableDef } from '../tables/table-def.js';
import { PETS, TINY_OPTIONS, tinyTables } from '../../../test/fixtures/business-tiny-dataset.js';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { loadProfile } from '../../profile/load-profile.js';
import { generateBusiness } from '../generate/generate-business.js';
import { linkBuildingToBusiness } from '../link/link-building-to-business.js';
import type { BusinessOutput } from './business-output.js';
import { writeBusinessDataset } from './write-business-dataset.js';

const WIDE: TableDef = {
  name: 'wide',
  description: 'one wide column',
  defaultRows: 0,
  primaryKey: 'id',
  columns: [
    { name: 'id', type: 'integer', description: 'key' },
    { name: 'pad', type: 'text', description: 'padding' },
  ],
};

/** An output that records what it gets and lets the test decide when a write completes. */
function recorder(slow = false) {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const output: BusinessOutput = {
    name: 'rec',
    location: 'memory',
    open: async () => undefined,
    beginTable: async (t) => void calls.push(`begin ${t.name}`),
    write: (text) => {
      calls.push(text.startsWith('1,') ? 'write' : `unexpected ${text}`);
      return slow ? new Promise<void>((resolve) => pending.push(resolve)) : Promise.resolve();
    },
    endTable: async (t, rows) => void calls.push(`end ${t.name} ${rows}`),
    finish: async (s) => void calls.push(`finish ${s.totalRows}`),
    close: async () => undefined,
  };
  return { output, calls, pending };
}

describe('writeBusinessDataset', () => {
  it('feeds every output table by table and finishes them in order', async () => {
    const a = recorder();
    const b = recorder();
    const summary = await writeBusinessDataset(TINY_OPTIONS, tinyTables(), [a.output, b.output]);
    expect(a.calls).toEqual(['begin owners', 'write', 'end owners 4', 'begin pets', 'write', 'end pets 3', 'finish 7']);
    expect(b.calls).toEqual(a.calls);
    expect(summary.tables).toEqual({ owners: 4, pets: 3 });
    expect(summary).not.toHaveProperty('link');
  });

  it('records the linked building: profile, site, simulation seed and the rows it added per table', async () => {
    const options = { seed: 2, scale: 0.1, overrides: {}, asOf: '2025-12-31' };
    const link = linkBuildingToBusiness((await loadProfile('office-tower', EQUIPMENT_TYPES)).profile, 42, options.asOf);
    const plain = await writeBusinessDataset(options, generateBusiness(options), []);
    const summary = await writeBusinessDataset({ ...options, link }, generateBusiness({ ...options, link }), []);
    const calls = link.repairs.length;
    expect(summary.link).toMatchObject({ profile: 'office-tower', siteRef: link.siteRef, simSeed: 42 });
    expect(summary.link!.tables).toMatchObject({
      customers: 1,
      installed_devices: link.devices.length,
      subscriptions: 1,
      service_calls: calls,
      appointments: calls,
      work_orders: calls,
      invoices: calls,
    });
    expect(Object.keys(summary.link!.tables)).toEqual(Object.keys(summary.tables).filter((t) => t in summary.link!.tables));
    for (const [table, rows] of Object.entries(summary.link!.tables))
      expect(summary.tables[table], table).toBe(plain.tables[table]! + rows);
  });

  it('pulls no more rows than one chunk while an output is still busy (backpressure)', async () => {
    let pulled = 0;
    function* rows(): Generator<Row> {
      for (let i = 0; i < 10_000; i++, pulled++) yield [i, 'x'.repeat(1000)];
    }
    const slow = recorder(true);
    const done = writeBusinessDataset(TINY_OPTIONS, [{ table: WIDE, count: 10_000, rows: rows() }], [slow.output]);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 5));
      expect(slow.pending).toHaveLength(1);
      expect(pulled).toBeLessThanOrEqual((i + 1) * 70);
      slow.pending.shift()!();
    }
    const release = setInterval(() => slow.pending.shift()?.(), 0);
    await done.finally(() => clearInterval(release));
    expect(pulled).toBe(10_000);
  });

  it('refuses a table whose generator produced another number of rows than announced', async () => {
    const tables = [tinyTables()[0]!, { table: PETS, count: 5, rows: tinyTables()[1]!.rows }];
    await expect(writeBusinessDataset(TINY_OPTIONS, tables, [recorder().output])).rejects.toThrow(
      'pets: the generator announced 5 rows and produced 3',
    );
  });
});
