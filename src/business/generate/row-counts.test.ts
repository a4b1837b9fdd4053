import { describe, expect, it } from 'vitest';
import { ArgsError } from '../../errors.js';
import { BUSINESS_TABLES } from '../tables/business-tables.js';
import { planRowCounts } from './row-counts.js';

const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('planRowCounts', () => {
  it("gives the spec's per-table counts at scale 1 (17,410 rows)", () => {
    const counts = planRowCounts(1);
    for (const t of BUSINESS_TABLES) expect(counts[t.name], t.name).toBe(t.defaultRows);
    expect(counts.service_calls).toBe(2000);
    expect(counts.payments).toBe(655);
    expect(sum(counts)).toBe(17_410);
  });

  it('scales every count proportionally, rounded, at least 1', () => {
    expect(planRowCounts(100).service_calls).toBe(200_000);
    expect(sum(planRowCounts(100))).toBe(1_741_000);
    const tenth = planRowCounts(0.1);
    expect(tenth.technicians).toBe(2);
    expect(tenth.incident_response).toBe(15);
    expect(planRowCounts(0.001).technicians).toBe(1);
  });

  it('applies overrides exactly; work_orders and appointments follow service_calls unless overridden', () => {
    const counts = planRowCounts(1, { customers: 1234, service_calls: 3000 });
    expect(counts.customers).toBe(1234);
    expect(counts.service_calls).toBe(3000);
    expect(counts.work_orders).toBe(3000);
    expect(counts.appointments).toBe(3000 - 150);
    expect(counts.parts).toBe(200);
  });

  it('rejects a bad scale', () => {
    for (const scale of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => planRowCounts(scale)).toThrow(ArgsError);
  });

  it('names an unknown table with a did-you-mean hint, and bad numbers', () => {
    expect(() => planRowCounts(1, { custmers: 5 })).toThrow(/unknown table 'custmers' \(did you mean 'customers'\?\)/);
    expect(() => planRowCounts(1, { parts: -3 })).toThrow(/parts: expected a whole number of rows from 0 to 50,000,000, got -3/);
    expect(() => planRowCounts(1, { parts: 50_000_001 })).toThrow(/parts: expected a whole number of rows from 0 to 50,000,000/);
    expect(() => planRowCounts(1, { parts: 2.5 })).toThrow(ArgsError);
  });

  it('reports every broken coupling rule at once, with the numbers', () => {
    let error: unknown;
    try {
      planRowCounts(1, {
        inventory: 300,
        incident_response: 2500,
        invoices: 2100,
        customer_feedback: 2001,
        work_orders: 10,
        payments: 9000,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArgsError);
    const message = (error as Error).message;
    expect(message).toMatch(/inventory \(300\) exceeds parts \(200\)/);
    expect(message).toMatch(/incident_response \(2500\) exceeds service_calls \(2000\)/);
    expect(message).toMatch(/invoices \(2100\) exceed service_calls \(2000\)/);
    expect(message).toMatch(/customer_feedback \(2001\) exceeds service_calls \(2000\)/);
    expect(message).toMatch(/work_orders \(10\) must equal service_calls \(2000\)/);
    expect(message).toMatch(/payments \(9000\) exceed 4 per invoice \(invoices 2100\)/);
  });

  it('needs an appointment per non-emergency call and parents for children', () => {
    expect(() => planRowCounts(1, { appointments: 1000 })).toThrow(
      /appointments \(1000\) fewer than non-emergency calls \(service_calls 2000 − incident_response 150 = 1850\)/,
    );
    expect(() => planRowCounts(1, { technicians: 0 })).toThrow(/service_calls \(2000\) needs technicians rows, got 0/);
    expect(() => planRowCounts(1, { parts: 0, inventory: 0 })).toThrow(/parts_usage \(3990\) needs parts rows/);
  });
});
