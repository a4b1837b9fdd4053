// The dbt project haysim writes, compiled by the harness and run on PostgreSQL against a loaded
// dataset: every model builds, every test passes, the marts agree with independent queries, and
// the tests catch corrupted rows.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileDbtProject } from '../../src/business/dbt/dbt-sql-compiler.js';
import type { CompiledProject } from '../../src/business/dbt/dbt-sql-compiler.js';
import { runModels, runTests } from '../../src/business/dbt/dbt-sql-runner.js';
import { writeDbtProject } from '../../src/business/dbt/write-dbt-project.js';
import type { BusinessOptions } from '../../src/business/generate/business-dataset.js';
import { BUSINESS_TABLES } from '../../src/business/tables/business-tables.js';
import { SCHEMA } from './loaded-business-dataset.js';
import type { LoadedDataset } from './loaded-business-dataset.js';

/** The dbt project tests, on the dataset `data()` loaded (with `options`) in the caller's beforeAll. */
export function dbtProjectTests(data: () => LoadedDataset, options: BusinessOptions): void {
  // the dbt project written next to the CSVs, compiled, and its models built
  let project: CompiledProject;
  beforeAll(async () => {
    const written = await writeDbtProject(data().dir, { asOf: options.asOf });
    project = await compileDbtProject(written.dir, { seedSchema: SCHEMA, targetSchema: 'analytics' });
    await runModels(data().client, project);
  });

  /** failing-row counts of the tests whose names match */
  async function failures(names: RegExp): Promise<Record<string, number>> {
    const tests = project.tests.filter((t) => names.test(t.name));
    expect(tests.length).toBeGreaterThan(0);
    const results = await runTests(data().client, { ...project, tests });
    return Object.fromEntries(results.map((r) => [r.test.name, r.failures]));
  }

  const one = async <R>(sql: string) => (await data().rows<R>(sql))[0]!;

  it('builds every staging view and mart table in the target schema', async () => {
    expect(project.seeds).toEqual(BUSINESS_TABLES.map((t) => t.name).sort());
    const built = await data().rows<{ name: string; kind: string }>(
      `select c.relname as name, case c.relkind when 'v' then 'view' when 'r' then 'table' end as kind from pg_class c where c.relnamespace = 'analytics'::regnamespace and c.relkind in ('v', 'r') order by 1`,
    );
    expect(built).toEqual(project.models.map((m) => ({ name: m.name, kind: m.materialized })).sort((a, b) => (a.name < b.name ? -1 : 1)));
    expect(project.models.filter((m) => m.materialized === 'view')).toHaveLength(BUSINESS_TABLES.length);
    expect(project.models.filter((m) => m.materialized === 'table').length).toBeGreaterThanOrEqual(5);
  });

  it('runs on seeds typed exactly as dbt seed would type them from dbt_project.yml', async () => {
    const yml = parse(await readFile(join(data().dir, 'dbt', 'dbt_project.yml'), 'utf8')) as {
      seeds: { hvac_service: Record<string, { '+column_types': Record<string, string> }> };
    };
    const declared = Object.fromEntries(BUSINESS_TABLES.map((t) => [t.name, yml.seeds.hvac_service[t.name]!['+column_types']]));
    const loaded: Record<string, Record<string, string>> = {};
    for (const r of await data().rows<{ t: string; c: string; type: string }>(
      `select c.relname as t, a.attname as c, format_type(a.atttypid, a.atttypmod) as type from pg_attribute a join pg_class c on c.oid = a.attrelid
        where c.relnamespace = 'hvac'::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped order by c.relname, a.attnum`,
    )) {
      (loaded[r.t] ??= {})[r.c] = r.type.replace('timestamp without time zone', 'timestamp');
    }
    expect(loaded).toEqual(declared);
  });

  it('passes every generic and singular test', async () => {
    const results = await runTests(data().client, project);
    expect(results.length).toBeGreaterThan(500);
    expect(results.filter((r) => r.failures > 0).map((r) => `${r.test.name}: ${r.failures}`)).toEqual([]);
    for (const kind of ['not_null_', 'unique_', 'relationships_', 'accepted_values_', 'assert_'])
      expect(
        results.some((r) => r.test.name.startsWith(kind)),
        kind,
      ).toBe(true);
  });

  describe('marts agree with independent queries', () => {
    it('monthly revenue adds up to what was paid plus what is owed, one row per month', async () => {
      const mart = await one<{ total: string; invoices: string; months: string }>(
        `select sum(total_revenue) as total, sum(invoice_count) as invoices, count(*) as months from analytics.fct_monthly_revenue`,
      );
      // an invoice's total is its payments plus its balance (a rule of its own), so this does not re-sum total_amount as the mart does
      const raw = await one<{ total: string; invoices: string; months: string }>(
        `select (select sum(amount) from hvac.payments) + (select sum(balance_due) from hvac.invoices) as total,
                (select count(*) from hvac.invoices) as invoices, (select count(distinct to_char(invoice_date, 'YYYY-MM')) from hvac.invoices) as months`,
      );
      expect(mart).toEqual(raw);
    });

    it('first-time-fix rates lie between 0 and 1 and count every completed repair and every repeat visit', async () => {
      const mart = await one<{ lo: string; hi: string; repairs: string; fixed: string }>(
        `select min(first_time_fix_rate) as lo, max(first_time_fix_rate) as hi, sum(repair_calls) as repairs, sum(fixed_first_time) as fixed from analytics.fct_first_time_fix_rate`,
      );
      const raw = await one<{ repairs: string; fixed: string }>(
        `select count(*) as repairs, count(*) filter (where not exists (
           select 1 from hvac.service_calls later where later.device_id = r.device_id and later.service_type in ('repair', 'emergency')
             and later.requested_at > r.completed_at and later.requested_at::date <= r.completed_at::date + 30)) as fixed
         from hvac.service_calls r where r.status = 'completed' and r.service_type in ('repair', 'emergency')`,
      );
      expect(Number(mart.lo)).toBeGreaterThanOrEqual(0);
      expect(Number(mart.hi)).toBeLessThanOrEqual(1);
      expect(Number(mart.hi)).toBeGreaterThan(0);
      expect({ repairs: mart.repairs, fixed: mart.fixed }).toEqual(raw);
    });

    it('customer lifetime value has one row per customer and the paid invoice revenue', async () => {
      const mart = await one<{ n: string; paid: string }>(
        `select count(*) as n, sum(paid_revenue) as paid from analytics.dim_customer_lifetime_value`,
      );
      const raw = await one<{ n: string; paid: string }>(
        `select (select count(*) from hvac.customers) as n, (select sum(amount) from hvac.payments) as paid`,
      );
      expect(mart).toEqual(raw);
    });

    it('technician utilisation counts every completed call and stays a plausible share of the month', async () => {
      const mart = await one<{ calls: string; hi: string }>(
        `select sum(completed_calls) as calls, max(utilization_rate) as hi from analytics.fct_technician_utilization`,
      );
      const raw = await one<{ calls: string }>(`select count(*) as calls from hvac.service_calls where status = 'completed'`);
      expect(mart.calls).toBe(raw.calls);
      expect(Number(mart.hi)).toBeGreaterThan(0);
      expect(Number(mart.hi)).toBeLessThanOrEqual(1.5);
    });

    it('equipment failure rates cover every device, and receivables aging every open balance', async () => {
      const devices = await one<{ n: string }>(`select sum(installed_devices) as n from analytics.fct_equipment_failure_rate`);
      const installed = await one<{ n: string }>(`select count(*) as n from hvac.installed_devices`);
      expect(devices.n).toBe(installed.n);
      const aging = await one<{ balance: string | null }>(`select sum(balance_due) as balance from analytics.fct_ar_aging`);
      // what the invoices that are not written off bill, less what was paid on them (not their balance_due column, which the mart sums)
      const open = await one<{ balance: string | null }>(
        `select sum(i.total_amount) - coalesce(sum(p.paid), 0) as balance from hvac.invoices i
         left join (select invoice_id, sum(amount) as paid from hvac.payments group by invoice_id) p using (invoice_id) where i.status <> 'written_off'`,
      );
      expect(aging.balance).toBe(open.balance);
    });
  });

  describe('catches corrupted rows', () => {
    /** runs `corrupt` and the named tests in a transaction that is rolled back */
    async function afterCorrupting(corrupt: string, names: RegExp): Promise<Record<string, number>> {
      await data().client.query('begin');
      try {
        await data().client.query(corrupt);
        return await failures(names);
      } finally {
        await data().client.query('rollback');
      }
    }

    it('an invoice total off by a cent', async () => {
      const result = await afterCorrupting(
        `update hvac.invoices set total_amount = total_amount + 0.01 where invoice_id = 1`,
        /^assert_invoice_amounts_add_up$/,
      );
      expect(result).toEqual({ assert_invoice_amounts_add_up: 1 });
    });

    it('a covered call charged for', async () => {
      const result = await afterCorrupting(
        `update hvac.invoices set status = 'unpaid' where invoice_id = (select min(invoice_id) from hvac.invoices where status = 'no_charge')`,
        /^assert_covered_calls_not_charged$/,
      );
      expect(result).toEqual({ assert_covered_calls_not_charged: 1 });
    });

    it('a payment pointing at no invoice, once the foreign key is gone', async () => {
      const result = await afterCorrupting(
        `alter table hvac.payments drop constraint payments_invoice_id_fkey; update hvac.payments set invoice_id = 999999 where payment_id = 1`,
        /^relationships_(stg_)?payments_invoice_id$/,
      );
      expect(result).toEqual({ relationships_payments_invoice_id: 1, relationships_stg_payments_invoice_id: 1 });
    });

    it('a duplicate email, a missing value and an unknown code, once the constraints are gone', async () => {
      const result = await afterCorrupting(
        `alter table hvac.customers drop constraint customers_email_key, drop constraint customers_customer_type_check, alter column phone drop not null;
         update hvac.customers set email = (select email from hvac.customers where customer_id = 2), phone = null, customer_type = 'government' where customer_id = 1`,
        /^(unique_customers_email|not_null_customers_phone|accepted_values_customers_customer_type)$/,
      );
      expect(result).toEqual({ unique_customers_email: 1, not_null_customers_phone: 1, accepted_values_customers_customer_type: 1 });
    });

    it('a payment before its invoice', async () => {
      const result = await afterCorrupting(
        `update hvac.payments p set payment_date = i.invoice_date - 1 from hvac.invoices i where i.invoice_id = p.invoice_id and p.payment_id = 1`,
        /^assert_payments_after_invoices$/,
      );
      expect(result).toEqual({ assert_payments_after_invoices: 1 });
    });
  });
}
