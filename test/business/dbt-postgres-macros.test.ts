// The harness's PostgreSQL renderings of dbt's cross-database macros, evaluated by PostgreSQL:
// datediff counts the boundaries crossed (as Snowflake's DATEDIFF does), dateadd clamps month ends.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderJinja } from '../../src/business/dbt/dbt-jinja.js';
import { POSTGRES_MACROS } from '../../src/business/dbt/dbt-postgres-macros.js';
import { describeWithPostgres } from '../helpers/postgres.js';

const CASES: readonly [jinja: string, expected: string][] = [
  [`{{ dbt.datediff("timestamp '2024-01-31 23:59'", "timestamp '2024-02-01 00:01'", 'minute') }}`, '2'],
  [`{{ dbt.datediff("timestamp '2024-01-31 23:59'", "timestamp '2024-02-01 00:01'", 'hour') }}`, '1'],
  [`{{ dbt.datediff("timestamp '2024-01-31 23:59'", "timestamp '2024-02-01 00:01'", 'day') }}`, '1'],
  [`{{ dbt.datediff("date '2024-01-31'", "date '2024-02-01'", 'month') }}`, '1'],
  [`{{ dbt.datediff("date '2023-12-31'", "date '2025-01-01'", 'year') }}`, '2'],
  [`{{ dbt.datediff("date '2024-03-10'", "date '2024-03-01'", 'day') }}`, '-9'],
  [`cast({{ dbt.dateadd('month', 1, "date '2024-01-31'") }} as date)`, '2024-02-29'],
  [`cast({{ dbt.dateadd('day', '2 + 1', "date '2024-02-28'") }} as date)`, '2024-03-02'],
  [`cast({{ dbt.date_trunc('month', "date '2024-02-29'") }} as date)`, '2024-02-01'],
];

describeWithPostgres('dbt cross-database macros on PostgreSQL', (server) => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: await server.createDatabase('hsmacros') });
    await client.connect();
  });
  afterAll(() => client?.end());

  it.each(CASES)('%s = %s', async (jinja, expected) => {
    const sql = renderJinja(`select (${jinja})::text as v`, 'case.sql', POSTGRES_MACROS);
    const { rows } = await client.query(sql);
    expect(rows[0].v).toBe(expected);
  });
});
