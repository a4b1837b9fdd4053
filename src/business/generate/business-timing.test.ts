// Temporal rules and realistic behaviour, checked on the streamed rows alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { checks, collectBusiness, type Collected, ms } from '../../../test/helpers/business-rows.js';
import type { Row } from '../tables/table-def.js';
import { DEFAULT_AS_OF } from './calendar.js';

const DAY = 86_400_000;
const AS_OF = ms(DEFAULT_AS_OF);
const AS_OF_END = AS_OF + DAY - 1000;
const dateOf = (t: number) => Math.floor(t / DAY) * DAY;
let d: Collected;
beforeAll(() => {
  d = collectBusiness({ seed: 11, scale: 1, overrides: {}, asOf: DEFAULT_AS_OF });
});

const customerCreated = (id: unknown) => ms(d.customers.get(d.customers.byKey(id as number), 'created_at'));

describe('temporal rules', () => {
  it('a customer exists before their devices, calls, subscriptions and quotes', () => {
    const { installed_devices: dev, service_calls: c, subscriptions: s, quotes: q } = d;
    for (const r of dev.rows) expect(ms(dev.get(r, 'install_date'))).toBeGreaterThan(dateOf(customerCreated(dev.get(r, 'customer_id'))));
    for (const r of c.rows) expect(ms(c.get(r, 'requested_at'))).toBeGreaterThan(customerCreated(c.get(r, 'customer_id')));
    for (const r of s.rows) expect(ms(s.get(r, 'start_date'))).toBeGreaterThan(dateOf(customerCreated(s.get(r, 'customer_id'))));
    for (const r of q.rows)
      if (q.get(r, 'customer_id') !== null)
        expect(ms(q.get(r, 'quote_date'))).toBeGreaterThan(dateOf(customerCreated(q.get(r, 'customer_id'))));
  });

  it('devices: the call serves the caller’s unit installed before the request; warranties end after install; history matches the calls', () => {
    const v = checks();
    const { installed_devices: dev, service_calls: c } = d;
    const completed = c.rows.filter((r) => c.get(r, 'status') === 'completed');
    for (const r of c.rows) {
      const device = dev.byKey(c.get(r, 'device_id') as number);
      v.same(dev.get(device, 'customer_id'), c.get(r, 'customer_id'), `${JSON.stringify(r)}`);
      const install = ms(dev.get(device, 'install_date'));
      // a completed installation put this unit in that day; any other call serves a unit already there
      if (c.get(r, 'service_type') === 'installation' && c.get(r, 'status') === 'completed')
        v.same(install, dateOf(ms(c.get(r, 'started_at'))), `${JSON.stringify(r)}`);
      else v.truth(install < dateOf(ms(c.get(r, 'requested_at'))), `${JSON.stringify(r)}`);
    }
    for (const r of dev.rows) {
      const months = dev.get(r, 'warranty_months') as number;
      const install = String(dev.get(r, 'install_date'));
      const [y, m, day] = install.split('-').map(Number);
      const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
      v.same(
        dev.get(r, 'warranty_end_date'),
        new Date(Date.UTC(y, m - 1 + months, Math.min(day, last))).toISOString().slice(0, 10),
        `${JSON.stringify(r)}`,
      );
      const mine = completed.filter((call) => c.get(call, 'device_id') === r[0]);
      v.same(dev.get(r, 'service_count'), mine.length, `${JSON.stringify(r)}`);
      const lastDay =
        mine
          .map((call) => String(c.get(call, 'completed_at')).slice(0, 10))
          .sort()
          .at(-1) ?? null;
      v.same(dev.get(r, 'last_service_date'), lastDay, `${JSON.stringify(r)}`);
    }
    expect(v.failures).toEqual([]);
  });

  it('calls: requested < started < completed ≤ asOf, duration = completed − started; technicians hired before', () => {
    const v = checks();
    const { service_calls: c, technicians: t } = d;
    for (const r of c.rows) {
      const requested = ms(c.get(r, 'requested_at'));
      v.truth(requested >= ms(t.get(t.byKey(c.get(r, 'technician_id') as number), 'hire_date')), `${JSON.stringify(r)}`);
      if (c.get(r, 'status') === 'cancelled') {
        v.same(
          [c.get(r, 'started_at'), c.get(r, 'completed_at'), c.get(r, 'duration_minutes'), c.get(r, 'billing_status')],
          [null, null, 0, 'cancelled'],
          `${JSON.stringify(r)}`,
        );
        continue;
      }
      const started = ms(c.get(r, 'started_at'));
      const completed = ms(c.get(r, 'completed_at'));
      v.truth(started > requested, `${JSON.stringify(r)}`);
      v.same((completed - started) / 60_000, c.get(r, 'duration_minutes'), `${JSON.stringify(r)}`);
      v.truth(completed <= AS_OF_END, `${JSON.stringify(r)}`);
    }
    expect(v.failures).toEqual([]);
  });

  it('appointments precede their calls; future bookings lie after asOf; history on or before it', () => {
    const v = checks();
    const { appointments: a, service_calls: c } = d;
    let future = 0;
    for (const r of a.rows) {
      const booked = ms(a.get(r, 'booked_at'));
      const start = ms(a.get(r, 'scheduled_start'));
      v.truth(booked < start, `${JSON.stringify(r)}`);
      v.truth(ms(a.get(r, 'scheduled_end')) > start, `${JSON.stringify(r)}`);
      v.truth(booked > customerCreated(a.get(r, 'customer_id')), `${JSON.stringify(r)}`);
      if (a.get(r, 'service_call_id') === null) {
        future++;
        v.truth(start > AS_OF_END, `${JSON.stringify(r)}`);
        v.truth(booked <= AS_OF_END, `${JSON.stringify(r)}`);
        v.truth(['scheduled', 'confirmed'].includes(a.get(r, 'status') as string), `${JSON.stringify(r)}`);
        continue;
      }
      const call = c.byKey(a.get(r, 'service_call_id') as number);
      v.truth(start <= AS_OF_END, `${JSON.stringify(r)}`);
      v.truth(booked >= ms(c.get(call, 'requested_at')), `${JSON.stringify(r)}`);
      v.same(
        [a.get(r, 'customer_id'), a.get(r, 'device_id'), a.get(r, 'technician_id')],
        [c.get(call, 'customer_id'), c.get(call, 'device_id'), c.get(call, 'technician_id')],
        `${JSON.stringify(r)}`,
      );
      v.same(a.get(r, 'status'), c.get(call, 'status'), `${JSON.stringify(r)}`);
      if (c.get(call, 'status') === 'completed') v.truth(start <= ms(c.get(call, 'started_at')), `${JSON.stringify(r)}`);
    }
    expect(future).toBe(150);
    expect(v.failures).toEqual([]);
  });

  it('invoices follow service; payments fall within 180 days after their invoice and by asOf', () => {
    const v = checks();
    const { invoices: inv, payments: p, service_calls: c } = d;
    const terms: Record<string, number> = { due_on_receipt: 0, net_15: 15, net_30: 30 };
    for (const r of inv.rows) {
      const done = dateOf(ms(c.get(c.byKey(inv.get(r, 'service_call_id') as number), 'completed_at')));
      const day = ms(inv.get(r, 'invoice_date'));
      v.same(day >= done && day <= AS_OF, true, `${JSON.stringify(r)}`);
      v.same(ms(inv.get(r, 'due_date')) - day, terms[String(inv.get(r, 'payment_terms'))] * DAY, `${JSON.stringify(r)}`);
    }
    for (const r of p.rows) {
      const issued = ms(inv.get(inv.byKey(p.get(r, 'invoice_id') as number), 'invoice_date'));
      const paid = ms(p.get(r, 'payment_date'));
      v.same(paid >= issued && paid <= issued + 180 * DAY && paid <= AS_OF, true, `${JSON.stringify(r)}`);
    }
    expect(v.failures).toEqual([]);
  });

  it('incidents mirror their call; work orders, surveys and leads follow their events', () => {
    const v = checks();
    const { incident_response: ir, service_calls: c, work_orders: w, customer_feedback: f, leads } = d;
    for (const r of ir.rows) {
      const call = c.byKey(ir.get(r, 'service_call_id') as number);
      v.same(
        [ir.get(r, 'reported_at'), ir.get(r, 'arrived_at'), ir.get(r, 'resolved_at')],
        [c.get(call, 'requested_at'), c.get(call, 'started_at'), c.get(call, 'completed_at')],
        `${JSON.stringify(r)}`,
      );
      const dispatched = ms(ir.get(r, 'dispatched_at'));
      v.same(dispatched > ms(ir.get(r, 'reported_at')) && dispatched < ms(ir.get(r, 'arrived_at')), true, `${JSON.stringify(r)}`);
      v.same(
        ir.get(r, 'response_time_minutes'),
        (ms(ir.get(r, 'arrived_at')) - ms(ir.get(r, 'reported_at'))) / 60_000,
        `${JSON.stringify(r)}`,
      );
    }
    for (const r of w.rows) {
      const call = c.byKey(w.get(r, 'service_call_id') as number);
      v.truth(ms(w.get(r, 'created_at')) >= ms(c.get(call, 'requested_at')), `${JSON.stringify(r)}`);
      v.same(w.get(r, 'completed_at'), c.get(call, 'completed_at'), `${JSON.stringify(r)}`);
    }
    for (const r of f.rows) {
      const call = c.byKey(f.get(r, 'service_call_id') as number);
      v.same(c.get(call, 'status'), 'completed', `${JSON.stringify(r)}`);
      const submitted = ms(f.get(r, 'submitted_at'));
      v.same(submitted > ms(c.get(call, 'completed_at')) && submitted <= AS_OF_END, true, `${JSON.stringify(r)}`);
    }
    for (const r of leads.rows) {
      if (leads.get(r, 'converted_customer_id') === null) continue;
      v.same(leads.get(r, 'status'), 'won', `${JSON.stringify(r)}`);
      v.same(ms(leads.get(r, 'converted_at')), customerCreated(leads.get(r, 'converted_customer_id')), `${JSON.stringify(r)}`);
      v.truth(ms(leads.get(r, 'created_at')) < ms(leads.get(r, 'converted_at')), `${JSON.stringify(r)}`);
    }
    expect(v.failures).toEqual([]);
  });
});

describe('realistic behaviour', () => {
  const callRows = (keep: (r: Row) => boolean) => d.service_calls.rows.filter(keep);

  it('emergencies get faster response than any scheduled call', () => {
    const c = d.service_calls;
    const wait = (r: Row) => (ms(c.get(r, 'started_at')) - ms(c.get(r, 'requested_at'))) / 60_000;
    const done = callRows((r) => c.get(r, 'status') === 'completed');
    const emergency = done.filter((r) => c.get(r, 'service_type') === 'emergency').map(wait);
    const other = done.filter((r) => c.get(r, 'service_type') !== 'emergency').map(wait);
    expect(Math.max(...emergency)).toBeLessThanOrEqual(240);
    expect(Math.max(...emergency)).toBeLessThan(Math.min(...other));
  });

  it('scheduled work happens on weekdays in business hours; volume peaks in summer and winter', () => {
    const v = checks();
    const c = d.service_calls;
    const byMonth = new Array(12).fill(0);
    for (const r of callRows((r) => c.get(r, 'status') === 'completed')) {
      const started = new Date(ms(c.get(r, 'started_at')));
      byMonth[started.getUTCMonth()]++;
      if (c.get(r, 'service_type') === 'emergency') continue;
      v.truth(![0, 6].includes(started.getUTCDay()), `${JSON.stringify(r)}`);
      v.truth(started.getUTCHours() >= 8, `${JSON.stringify(r)}`);
      v.truth(started.getUTCHours() < 17, `${JSON.stringify(r)}`);
    }
    expect(byMonth[0] + byMonth[6] + byMonth[7]).toBeGreaterThan(1.4 * (byMonth[3] + byMonth[9] + byMonth[10]));
    expect(v.failures).toEqual([]);
  });

  it('assigns technicians by skill: installers install, juniors rarely take emergencies', () => {
    const { service_calls: c, technicians: t } = d;
    const tech = (r: Row) => t.byKey(c.get(r, 'technician_id') as number);
    const share = (rows: Row[], test: (tech: Row) => boolean) => rows.filter((r) => test(tech(r))).length / rows.length;
    const installs = callRows((r) => c.get(r, 'service_type') === 'installation');
    const all = callRows(() => true);
    const installer = (x: Row) => String(t.get(x, 'skills')).includes('hvac_installation');
    expect(share(installs, installer)).toBeGreaterThan(share(all, installer) + 0.1);
    const junior = (x: Row) => t.get(x, 'skill_level') === 'junior';
    expect(
      share(
        callRows((r) => c.get(r, 'service_type') === 'emergency'),
        junior,
      ),
    ).toBeLessThan(share(all, junior));
  });

  it('uses real HVAC vocabulary: brands, efficiency metrics by category, filters on maintenance', () => {
    const e = d.equipment_types;
    const metric: Record<string, string[]> = {
      central_ac: ['SEER2'],
      heat_pump: ['HSPF2'],
      furnace: ['AFUE'],
      boiler: ['AFUE'],
      ductless_mini_split: ['SEER2'],
      packaged_rooftop_unit: ['IEER'],
      air_handler: ['SEER2'],
      chiller: ['kW/ton'],
    };
    for (const r of e.rows) expect(metric[String(e.get(r, 'category'))]).toContain(e.get(r, 'efficiency_metric'));
    for (const brand of ['Carrier', 'Trane', 'Lennox', 'Rheem', 'Goodman']) expect(e.col('brand')).toContain(brand);
    const { parts_usage: u, parts: p, service_calls: c } = d;
    const maintenance = u.rows.filter((r) => c.get(c.byKey(u.get(r, 'service_call_id') as number), 'service_type') === 'maintenance');
    const filters = maintenance.filter((r) => p.get(p.byKey(u.get(r, 'part_id') as number), 'category') === 'filter');
    expect(filters.length / maintenance.length).toBeGreaterThan(0.5);
  });
});
