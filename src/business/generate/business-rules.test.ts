// The spec's business and temporal rules, recomputed from the streamed rows alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { cents, checks, collectBusiness, type Collected, ms } from '../../../test/helpers/business-rows.js';
import type { Cell } from '../tables/table-def.js';
import { DEFAULT_AS_OF } from './calendar.js';

const DAY = 86_400_000;
let d: Collected;
beforeAll(() => {
  d = collectBusiness({ seed: 7, scale: 1, overrides: {}, asOf: DEFAULT_AS_OF });
});

/** Σ of a money column grouped by a key column */
function sumBy(table: string, key: string, value: string): Map<Cell, number> {
  const t = d[table];
  const out = new Map<Cell, number>();
  for (const r of t.rows) out.set(t.get(r, key), (out.get(t.get(r, key)) ?? 0) + cents(t.get(r, value)));
  return out;
}

describe('money identities', () => {
  it('service calls: quarter-hour labour at the technician rate, parts from the usage lines, the installed unit at list price, total', () => {
    const v = checks();
    const { service_calls: c, technicians: t, installed_devices: dev, equipment_types: types } = d;
    const parts = sumBy('parts_usage', 'service_call_id', 'line_cost');
    for (const r of c.rows) {
      const hours = Math.ceil((c.get(r, 'duration_minutes') as number) / 15) / 4;
      v.same(Number(c.get(r, 'labor_hours')), hours, `${JSON.stringify(r)}`);
      v.same(
        cents(c.get(r, 'labor_cost')),
        Math.round(hours * cents(t.get(t.byKey(c.get(r, 'technician_id') as number), 'hourly_rate'))),
        `${JSON.stringify(r)}`,
      );
      v.same(cents(c.get(r, 'parts_cost')), parts.get(r[0]) ?? 0, `${JSON.stringify(r)}`);
      const installed = c.get(r, 'service_type') === 'installation' && c.get(r, 'status') === 'completed';
      const device = dev.byKey(c.get(r, 'device_id') as number);
      v.same(
        cents(c.get(r, 'equipment_cost')),
        installed ? cents(types.get(types.byKey(dev.get(device, 'equipment_type_id') as number), 'list_price')) : 0,
        `${JSON.stringify(r)}`,
      );
      if (installed) v.same(dev.get(device, 'install_date'), String(c.get(r, 'started_at')).slice(0, 10), `${JSON.stringify(r)}`);
      v.same(
        cents(c.get(r, 'total_cost')),
        cents(c.get(r, 'labor_cost')) + cents(c.get(r, 'parts_cost')) + cents(c.get(r, 'equipment_cost')),
        `${JSON.stringify(r)}`,
      );
    }
    expect(v.failures).toEqual([]);
  });

  it('parts lines: quantity × the part unit cost', () => {
    const v = checks();
    const { parts_usage: u, parts: p } = d;
    for (const r of u.rows) {
      v.same(u.get(r, 'unit_cost'), p.get(p.byKey(u.get(r, 'part_id') as number), 'unit_cost'), `${JSON.stringify(r)}`);
      v.same(cents(u.get(r, 'line_cost')), Math.round(Number(u.get(r, 'quantity')) * cents(u.get(r, 'unit_cost'))), `${JSON.stringify(r)}`);
    }
    expect(v.failures).toEqual([]);
  });

  it('invoices: labour + marked-up parts + equipment + tax for billed calls, $0 for covered ones, paid = Σ payments, balance and status consistent', () => {
    const v = checks();
    const { invoices: inv, service_calls: c } = d;
    const paid = sumBy('payments', 'invoice_id', 'amount');
    for (const r of inv.rows) {
      const call = c.byKey(inv.get(r, 'service_call_id') as number);
      const billed = c.get(call, 'billing_status') === 'invoiced';
      v.same(c.get(call, 'status'), 'completed', `${JSON.stringify(r)}`);
      v.same(billed || ['warranty', 'contract'].includes(c.get(call, 'billing_status') as string), true, `${JSON.stringify(r)}`);
      v.same(inv.get(r, 'customer_id'), c.get(call, 'customer_id'), `${JSON.stringify(r)}`);
      v.same(cents(inv.get(r, 'labor_amount')), billed ? cents(c.get(call, 'labor_cost')) : 0, `${JSON.stringify(r)}`);
      const markup = Number(inv.get(r, 'parts_markup_pct'));
      v.same(
        cents(inv.get(r, 'parts_amount')),
        billed ? Math.round(cents(c.get(call, 'parts_cost')) * (1 + markup / 100)) : 0,
        `${JSON.stringify(r)}`,
      );
      v.same(cents(inv.get(r, 'equipment_amount')), billed ? cents(c.get(call, 'equipment_cost')) : 0, `${JSON.stringify(r)}`);
      const subtotal = cents(inv.get(r, 'labor_amount')) + cents(inv.get(r, 'parts_amount')) + cents(inv.get(r, 'equipment_amount'));
      v.same(cents(inv.get(r, 'subtotal')), subtotal, `${JSON.stringify(r)}`);
      // in basis points, so a half cent is exact and rounds up as PostgreSQL's round() does
      v.same(
        cents(inv.get(r, 'tax_amount')),
        Math.round((subtotal * Math.round(Number(inv.get(r, 'tax_rate')) * 10000)) / 10000),
        `${JSON.stringify(r)}`,
      );
      const total = subtotal + cents(inv.get(r, 'tax_amount'));
      v.same(cents(inv.get(r, 'total_amount')), total, `${JSON.stringify(r)}`);
      const received = paid.get(r[0]) ?? 0;
      v.same(cents(inv.get(r, 'amount_paid')), received, `${JSON.stringify(r)}`);
      v.same(cents(inv.get(r, 'balance_due')), total - received, `${JSON.stringify(r)}`);
      const status = inv.get(r, 'status');
      const overdue = ms(inv.get(r, 'due_date')) < ms(DEFAULT_AS_OF);
      v.same(status === 'no_charge', !billed, `${JSON.stringify(r)}`);
      if (status === 'no_charge') v.same([total, paid.has(r[0])], [0, false], `${JSON.stringify(r)}`);
      else if (status === 'paid') v.same(received, total, `${JSON.stringify(r)}`);
      else if (status === 'partially_paid') v.same(received > 0 && received < total, true, `${JSON.stringify(r)}`);
      else if (status === 'unpaid') v.same(received === 0 && !overdue, true, `${JSON.stringify(r)}`);
      else if (status === 'overdue') v.same(received === 0 && overdue, true, `${JSON.stringify(r)}`);
      else v.same(received < total && overdue, true, `${JSON.stringify(r)}`);
    }
    const invoiced = new Set(inv.col('service_call_id'));
    for (const r of c.rows)
      if (c.get(r, 'billing_status') === 'invoiced') v.truth(invoiced.has(r[0]), `billed call without an invoice: ${JSON.stringify(r)}`);
    expect(inv.rows.filter((r) => inv.get(r, 'status') === 'no_charge').length).toBeGreaterThan(0);
    expect(v.failures).toEqual([]);
  });

  it('payments: the invoice customer, is_partial against the running balance, plausible fees', () => {
    const v = checks();
    const { payments: p, invoices: inv } = d;
    const balance = new Map<Cell, number>();
    for (const r of p.rows) {
      const invoice = inv.byKey(p.get(r, 'invoice_id') as number);
      v.same(p.get(r, 'customer_id'), inv.get(invoice, 'customer_id'), `${JSON.stringify(r)}`);
      const before = balance.get(r[1]) ?? cents(inv.get(invoice, 'total_amount'));
      const amount = cents(p.get(r, 'amount'));
      v.same(amount > 0 && amount <= before, true, `${JSON.stringify(r)}`);
      v.same(p.get(r, 'is_partial'), amount < before, `${JSON.stringify(r)}`);
      balance.set(r[1], before - amount);
      const fee = cents(p.get(r, 'processing_fee'));
      if (p.get(r, 'payment_method') === 'check' || p.get(r, 'payment_method') === 'cash') v.same(fee, 0, `${JSON.stringify(r)}`);
      else v.truth(fee < amount * 0.05 + 31, `${JSON.stringify(r)}`);
    }
    expect(v.failures).toEqual([]);
  });

  it('installations are billed at replacement prices: the unit plus the day of labour', () => {
    const { invoices: inv, service_calls: c } = d;
    const installs = inv.rows.filter((r) => c.get(c.byKey(inv.get(r, 'service_call_id') as number), 'service_type') === 'installation');
    expect(installs.length).toBeGreaterThan(50);
    for (const r of installs) expect(inv.get(r, 'status')).not.toBe('no_charge');
    const mean = installs.reduce((a, r) => a + cents(inv.get(r, 'total_amount')), 0) / installs.length / 100;
    expect(mean).toBeGreaterThan(6_000);
    expect(mean).toBeLessThan(30_000);
  });

  it('quotes: total = labour + equipment; a unit is quoted at 85–100 % of its list price, as the installation will bill it', () => {
    const v = checks();
    const { quotes: q, equipment_types: types } = d;
    for (const r of q.rows) {
      v.same(cents(q.get(r, 'total_amount')), cents(q.get(r, 'labor_cost')) + cents(q.get(r, 'equipment_cost')), `${JSON.stringify(r)}`);
      const type = q.get(r, 'equipment_type_id');
      if (type === null) continue;
      const list = cents(types.get(types.byKey(type as number), 'list_price'));
      const quoted = cents(q.get(r, 'equipment_cost'));
      v.truth(quoted >= 0.85 * list - 1 && quoted <= list, `${JSON.stringify(r)} list ${list}`);
    }
    expect(v.failures).toEqual([]);
  });
});

describe('receivables an analyst would believe', () => {
  it('almost every billed invoice is settled; the open ones are mostly recent, with a small tail over 90 days past due', () => {
    const inv = d.invoices;
    const asOf = ms(DEFAULT_AS_OF);
    const billed = inv.rows.filter((r) => inv.get(r, 'status') !== 'no_charge');
    const open = billed.filter((r) => cents(inv.get(r, 'balance_due')) > 0 && inv.get(r, 'status') !== 'written_off');
    const daysPastDue = open.map((r) => (asOf - ms(inv.get(r, 'due_date'))) / DAY);
    const share = (n: number) => n / billed.length;
    expect(share(billed.filter((r) => inv.get(r, 'status') === 'paid').length)).toBeGreaterThan(0.85);
    expect(share(open.length)).toBeGreaterThan(0.02);
    expect(share(open.length)).toBeLessThan(0.12);
    expect(share(daysPastDue.filter((days) => days > 90).length)).toBeLessThan(0.05);
    expect(daysPastDue.filter((days) => days <= 60).length).toBeGreaterThan(open.length / 2);
  });
});

describe('inventory follows usage', () => {
  it('annual usage from the last 12 months of parts_usage; ABC by usage value; reorder points rise with usage', () => {
    const v = checks();
    const { inventory: inv, parts_usage: u, parts } = d;
    const units = new Map<Cell, number>();
    for (const r of u.rows)
      if (ms(u.get(r, 'usage_date')) > ms(DEFAULT_AS_OF) - 365 * DAY)
        units.set(u.get(r, 'part_id'), (units.get(u.get(r, 'part_id')) ?? 0) + Number(u.get(r, 'quantity')));
    const values = inv.rows.map((r) => {
      const part = inv.get(r, 'part_id');
      v.same(inv.get(r, 'annual_usage_units'), units.get(part) ?? 0, `${JSON.stringify(r)}`);
      const value = (units.get(part) ?? 0) * cents(parts.get(parts.byKey(part as number), 'unit_cost'));
      v.same(cents(inv.get(r, 'annual_usage_value')), value, `${JSON.stringify(r)}`);
      return { value, part: part as number, abc: inv.get(r, 'abc_class'), reorder: inv.get(r, 'reorder_point') as number };
    });
    const total = values.reduce((a, x) => a + x.value, 0);
    let before = 0;
    for (const x of [...values].sort((a, b) => b.value - a.value || a.part - b.part)) {
      const expected = x.value === 0 ? 'C' : before < 0.8 * total ? 'A' : before < 0.95 * total ? 'B' : 'C';
      v.same(x.abc, expected, `part ${x.part}`);
      before += x.value;
    }
    const mean = (cls: string) => values.filter((x) => x.abc === cls).reduce((a, x, _, all) => a + x.reorder / all.length, 0);
    expect(values.filter((x) => x.abc === 'A').length).toBeGreaterThan(0);
    expect(mean('A')).toBeGreaterThanOrEqual(mean('C'));
    for (const r of inv.rows)
      expect(inv.get(r, 'quantity_on_hand') as number).toBeGreaterThanOrEqual(inv.get(r, 'reorder_point') as number);
    expect(v.failures).toEqual([]);
  });
});

describe('equipment mix', () => {
  it('commercial accounts run mostly on rooftop units; chiller plants are rare', () => {
    const { installed_devices: dev, equipment_types: types, customers } = d;
    const category = (r: readonly Cell[]) => types.get(types.byKey(dev.get(r, 'equipment_type_id') as number), 'category');
    const commercial = dev.rows.filter(
      (r) => customers.get(customers.byKey(dev.get(r, 'customer_id') as number), 'customer_type') === 'commercial',
    );
    const share = (c: string) => commercial.filter((r) => category(r) === c).length / commercial.length;
    expect(commercial.length).toBeGreaterThan(50);
    expect(share('packaged_rooftop_unit')).toBeGreaterThan(0.4);
    expect(share('chiller')).toBeLessThan(0.1);
  });
});

describe('first-time fix', () => {
  it('about one repair in seven to ten is followed by another break-fix visit to the same unit within 30 days', () => {
    const c = d.service_calls;
    const breakFix = c.rows.filter(
      (r) => ['repair', 'emergency'].includes(c.get(r, 'service_type') as string) && c.get(r, 'status') === 'completed',
    );
    const byDevice = new Map<Cell, number[]>();
    for (const r of breakFix)
      byDevice.set(c.get(r, 'device_id'), [...(byDevice.get(c.get(r, 'device_id')) ?? []), ms(c.get(r, 'requested_at'))]);
    const repeated = breakFix.filter((r) => {
      const done = ms(c.get(r, 'completed_at'));
      return byDevice.get(c.get(r, 'device_id'))!.some((t) => t > done && t - done <= 30 * DAY);
    }).length;
    const firstTimeFix = 1 - repeated / breakFix.length;
    expect(firstTimeFix).toBeGreaterThan(0.78);
    expect(firstTimeFix).toBeLessThan(0.92);
  });
});
