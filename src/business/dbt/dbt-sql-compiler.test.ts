import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DbtError } from '../../errors.js';
import { compileDbtProject } from './dbt-sql-compiler.js';

const PROJECT = `
name: tiny
vars:
  window_days: 30
models:
  tiny:
    +materialized: view
    marts:
      +materialized: table
`;

const FILES: Record<string, string> = {
  'dbt_project.yml': PROJECT,
  'seeds/orders.csv': 'order_id,ordered_at\n1,2024-01-01\n',
  'seeds/_seeds.yml':
    'version: 2\nseeds:\n  - name: orders\n    columns:\n      - name: order_id\n        data_tests: [unique, not_null]\n',
  'models/staging/stg_orders.sql': "{# typed #}\nselect order_id, ordered_at from {{ ref('orders') }}\n",
  'models/marts/fct_monthly.sql':
    "select {{ dbt.date_trunc('month', 'ordered_at') }} as m, count(*) as n from {{ ref('stg_orders') }} where {{ dbt.datediff('ordered_at', \"'2024-02-01'\", 'day') }} <= {{ var('window_days') }} group by 1\n",
  'models/marts/v_recent.sql':
    "{{ config(materialized='view') }}\nselect * from {{ ref('fct_monthly') }} where n > {{ var('min_n', 0) }}\n",
  'models/staging/_staging.yml': [
    'version: 2',
    'models:',
    '  - name: stg_orders',
    '    columns:',
    '      - name: order_id',
    '        data_tests:',
    '          - relationships:',
    '              arguments:',
    "                to: ref('orders')",
    '                field: order_id',
    '          - accepted_values:',
    '              arguments:',
    '                values: [1, 2, "it\'s"]',
    '',
  ].join('\n'),
  'tests/assert_positive.sql': "select * from {{ ref('fct_monthly') }} where n <= 0\n",
};

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function project(overrides: Record<string, string> = {}): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'haysim-dbt-'));
  for (const [path, text] of Object.entries({ ...FILES, ...overrides })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const OPTIONS = { seedSchema: 'raw', targetSchema: 'analytics' };

async function compileError(overrides: Record<string, string>): Promise<DbtError> {
  const error = await compileDbtProject(await project(overrides), OPTIONS).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DbtError);
  expect((error as DbtError).code).toBe('DBT_COMPILE_FAILED');
  return error as DbtError;
}

describe('compileDbtProject', () => {
  it('renders refs, configs, vars and the cross-db macros, in dependency order', async () => {
    const compiled = await compileDbtProject(await project(), OPTIONS);
    expect(compiled.models.map((m) => [m.name, m.materialized, m.relation])).toEqual([
      ['stg_orders', 'view', 'analytics.stg_orders'],
      ['fct_monthly', 'table', 'analytics.fct_monthly'],
      ['v_recent', 'view', 'analytics.v_recent'],
    ]);
    const [stg, monthly, recent] = compiled.models;
    expect(stg!.sql).toBe('select order_id, ordered_at from raw.orders');
    expect(monthly!.sql).toBe(
      "select date_trunc('month', ordered_at) as m, count(*) as n from analytics.stg_orders where (('2024-02-01')::date - (ordered_at)::date) <= 30 group by 1",
    );
    expect(monthly!.dependsOn).toEqual(['stg_orders']);
    expect(recent!.sql).toBe('select * from analytics.fct_monthly where n > 0');
  });

  it('compiles generic tests to selects of failing rows, and singular tests as written', async () => {
    const compiled = await compileDbtProject(await project(), { ...OPTIONS, vars: { window_days: 7 } });
    const byName = new Map(compiled.tests.map((t) => [t.name, t.sql]));
    expect([...byName.keys()].sort()).toEqual([
      'accepted_values_stg_orders_order_id',
      'assert_positive',
      'not_null_orders_order_id',
      'relationships_stg_orders_order_id',
      'unique_orders_order_id',
    ]);
    expect(byName.get('not_null_orders_order_id')).toBe('select order_id from raw.orders where order_id is null');
    expect(byName.get('unique_orders_order_id')).toContain('group by order_id having count(*) > 1');
    expect(byName.get('relationships_stg_orders_order_id')).toContain('from analytics.stg_orders where order_id is not null');
    expect(byName.get('relationships_stg_orders_order_id')).toContain('select order_id as to_field from raw.orders');
    expect(byName.get('accepted_values_stg_orders_order_id')).toContain("not in ('1', '2', 'it''s')");
    expect(byName.get('assert_positive')).toBe('select * from analytics.fct_monthly where n <= 0');
    expect(compiled.models[1]!.sql).toContain('<= 7');
  });

  it.each([
    ['a statement block', '{% if true %}select 1{% endif %}', /models\/staging\/stg_orders\.sql:1:1.*statement blocks/],
    ['a filter', "select * from {{ ref('orders') | upper }}", /stg_orders\.sql:1:15\): unsupported Jinja near "\| upper"/],
    ['whitespace control', "select * from {{- ref('orders') }}", /unsupported Jinja near "- ref/],
    ['an unknown function', "select * from {{ source('raw', 'orders') }}", /unsupported function source\(\)/],
    ['a ref to nothing', "select * from {{ ref('nope') }}", /ref\('nope'\) names no model or seed/],
    ['an unset var', "select {{ var('nope') }}", /var\('nope'\) is not set and has no default/],
    ['an unknown datepart', "select {{ dbt.datediff('a', 'b', 'fortnight') }}", /unknown datepart 'fortnight'/],
    ['an unclosed expression', "select {{ ref('orders') ", /unclosed \{\{/],
    ['an unsupported materialization', "{{ config(materialized='incremental') }}select 1", /materialized="incremental" is not supported/],
  ])('rejects %s with the place and the reason', async (_what, sql, message) => {
    const error = await compileError({ 'models/staging/stg_orders.sql': sql });
    expect(error.message).toMatch(message);
  });

  it('rejects a cycle of refs, naming the models', async () => {
    const error = await compileError({ 'models/staging/stg_orders.sql': "select * from {{ ref('v_recent') }}" });
    expect(error.message).toMatch(/\(fct_monthly, stg_orders, v_recent\).*cycle/);
  });

  it('rejects tests and project settings it cannot run rather than skipping them', async () => {
    const unknownTest = await compileError({
      'seeds/_seeds.yml':
        'version: 2\nseeds:\n  - name: orders\n    columns:\n      - name: order_id\n        data_tests: [dbt_utils.at_least_one]\n',
    });
    expect(unknownTest.message).toMatch(/unsupported test dbt_utils\.at_least_one/);
    const withConfig = await compileError({
      'seeds/_seeds.yml':
        'version: 2\nseeds:\n  - name: orders\n    columns:\n      - name: order_id\n        data_tests:\n          - unique:\n              config: {severity: warn}\n',
    });
    expect(withConfig.message).toMatch(/test config is not supported/);
    const schemaConfig = await compileError({ 'dbt_project.yml': `${PROJECT}      +schema: marts\n` });
    expect(schemaConfig.message).toMatch(/model config \+schema is not supported/);
  });

  it('refuses to build into the schema that holds the seeds', async () => {
    const error = await compileDbtProject(await project(), { seedSchema: 'hvac', targetSchema: 'hvac' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DbtError);
  });
});
