import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { checks, collectBusiness, type Collected, keyProblems, ms } from '../../../test/helpers/business-rows.js';
import { ArgsError } from '../../errors.js';
import { BUSINESS_TABLES } from '../tables/business-tables.js';
import type { BusinessOptions, TableRows } from './business-dataset.js';
import { DEFAULT_AS_OF } from './calendar.js';
import { generateBusiness } from './generate-business.js';

const OPTIONS: BusinessOptions = { seed: 1, scale: 1, overrides: {}, asOf: DEFAULT_AS_OF };

/** sha256 of every table's rows as JSON lines: equal digests mean identical rows */
function digest(tables: Iterable<TableRows>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { table, rows } of tables) {
    const h = createHash('sha256');
    for (const row of rows) h.update(`${JSON.stringify(row)}\n`);
    out[table.name] = h.digest('hex');
  }
  return out;
}

const CELL_SHAPE: Record<string, RegExp> = {
  money: /^-?\d+\.\d{2}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamp: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  numeric: /^-?\d+(\.\d+)?$/,
};

let data: Collected;
beforeAll(() => {
  data = collectBusiness(OPTIONS);
});

describe('generateBusiness at scale 1', () => {
  it("yields the 19 tables in load order with the spec's exact counts", () => {
    const v = checks();
    expect(Object.keys(data)).toEqual(BUSINESS_TABLES.map((t) => t.name));
    for (const t of BUSINESS_TABLES) {
      v.same(data[t.name].rows.length, t.defaultRows, t.name);
      v.same(data[t.name].count, t.defaultRows, t.name);
    }
    expect(v.failures).toEqual([]);
  });

  it('gives every cell its column type, NULL only where nullable, accepted values only', () => {
    const v = checks();
    for (const t of BUSINESS_TABLES) {
      for (const row of data[t.name].rows) {
        v.same(row.length, t.columns.length, t.name);
        t.columns.forEach((c, i) => {
          const cell = row[i];
          const where = `${t.name}.${c.name} = ${JSON.stringify(cell)}`;
          if (cell === null) return v.same(c.nullable, true, where);
          if (c.type === 'integer') v.same(Number.isSafeInteger(cell), true, where);
          else if (c.type === 'boolean') v.same(typeof cell, 'boolean', where);
          else if (c.type === 'text') v.same(typeof cell === 'string' && cell.length > 0, true, where);
          else v.same(CELL_SHAPE[c.type].test(String(cell)), true, where);
          if (c.values) v.truth(c.values.includes(cell as string), where);
          if (c.type === 'numeric' && c.precision) v.same(String(cell).split('.')[1]?.length ?? 0, c.precision[1], where);
        });
      }
    }
    expect(v.failures).toEqual([]);
  });

  it('keeps primary keys 1..n, unique columns unique, and every foreign key resolving', () => {
    expect(keyProblems(data)).toEqual([]);
  });

  it('keeps emails unique across the mailing list, customers and lead prospects', () => {
    const emails = data.mailing_list.col('email');
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(data.customers.col('email')).size).toBe(500);
  });

  it('links each emergency call to one incident, each call to one work order, each non-emergency call to one appointment', () => {
    const calls = data.service_calls;
    const emergency = calls.rows.filter((r) => calls.get(r, 'service_type') === 'emergency').map((r) => r[0]);
    expect(new Set(data.incident_response.col('service_call_id'))).toEqual(new Set(emergency));
    expect(data.work_orders.col('service_call_id')).toEqual(calls.col('service_call_id'));
    const booked = data.appointments.col('service_call_id').filter((v) => v !== null);
    expect(booked.length).toBe(2000 - 150);
    expect(booked.every((id) => calls.get(calls.byKey(id as number), 'service_type') !== 'emergency')).toBe(true);
  });

  it('is deterministic: the same options give identical rows, another seed other data with the same counts', () => {
    const first = digest(generateBusiness(OPTIONS));
    expect(digest(generateBusiness(OPTIONS))).toEqual(first);
    const other = [...generateBusiness({ ...OPTIONS, seed: 2 })];
    expect(other.map((t) => t.count)).toEqual(BUSINESS_TABLES.map((t) => t.defaultRows));
    const otherDigest = digest(other);
    for (const t of BUSINESS_TABLES) expect(otherDigest[t.name], t.name).not.toBe(first[t.name]);
  });

  it('keeps a table that does not depend on a changed count unchanged', () => {
    const base = digest(generateBusiness(OPTIONS));
    const more = digest(generateBusiness({ ...OPTIONS, overrides: { leads: 700 } }));
    for (const name of ['technicians', 'equipment_types', 'parts', 'installed_devices', 'service_calls', 'invoices', 'payments'])
      expect(more[name], name).toBe(base[name]);
  });
});

describe('generateBusiness at other counts', () => {
  it('gives exact counts and valid keys at scale 0.3 with overrides', () => {
    const small = collectBusiness({ ...OPTIONS, scale: 0.3, overrides: { customers: 90, payments: 400, inventory: 10 } });
    expect(small.customers.rows.length).toBe(90);
    expect(small.service_calls.rows.length).toBe(600);
    expect(small.payments.rows.length).toBe(400);
    expect(small.inventory.rows.length).toBe(10);
    const customers = new Set(small.customers.col('customer_id'));
    expect(small.service_calls.col('customer_id').every((c) => customers.has(c as number))).toBe(true);
  });

  it('survives extreme overrides (one device, one technician, one part)', () => {
    const tiny = collectBusiness({
      ...OPTIONS,
      overrides: { installed_devices: 1, technicians: 1, parts: 1, inventory: 1, customers: 3, equipment_types: 1 },
    });
    expect(new Set(tiny.service_calls.col('device_id'))).toEqual(new Set([1]));
    expect(tiny.parts_usage.col('part_id').every((p) => p === 1)).toBe(true);
  });

  it('moves the whole history with asOf', () => {
    const early = collectBusiness({ ...OPTIONS, scale: 0.2, asOf: '2024-06-30' });
    const end = ms('2024-06-30 23:59:59');
    expect(early.service_calls.col('requested_at').every((t) => ms(t) <= end)).toBe(true);
    expect(early.payments.col('payment_date').every((t) => ms(t) <= end)).toBe(true);
    const future = early.appointments.rows.filter((r) => early.appointments.get(r, 'service_call_id') === null);
    expect(future.length).toBeGreaterThan(0);
    expect(future.every((r) => ms(early.appointments.get(r, 'scheduled_start')) > end)).toBe(true);
  });

  it('validates before yielding anything', () => {
    expect(() => generateBusiness({ ...OPTIONS, overrides: { invoice: 3 } })).toThrow(/did you mean 'invoices'/);
    expect(() => generateBusiness({ ...OPTIONS, asOf: '2025-02-30' })).toThrow(ArgsError);
    expect(() => generateBusiness({ ...OPTIONS, scale: -2 })).toThrow(ArgsError);
  });
});
