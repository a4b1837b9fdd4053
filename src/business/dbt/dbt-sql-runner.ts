/**
 * Runs a compiled dbt project on PostgreSQL the way `dbt run && dbt test`
 * would: recreates the target schema, builds every model as a view or table in
 * dependency order, then counts each test's failing rows. The client is
 * injected (any pg Client or Pool), so this module loads no driver.
 */
import { DbtError } from '../../errors.js';
import type { CompiledModel, CompiledProject, CompiledTest } from './dbt-sql-compiler.js';

/** The slice of a pg client the runner needs. */
export interface SqlClient {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface TestResult {
  readonly test: CompiledTest;
  /** failing rows; 0 means the test passed */
  readonly failures: number;
}

/** The DDL that builds one model (the runner's whole materialization logic). */
function materializeSql(model: CompiledModel): string {
  return `create ${model.materialized} ${model.relation} as\n${model.sql}`;
}

/** dbt run: the target schema is dropped and rebuilt, so a rerun starts clean. */
export async function runModels(client: SqlClient, project: CompiledProject): Promise<void> {
  await exec(client, project.targetSchema, `drop schema if exists ${project.targetSchema} cascade; create schema ${project.targetSchema}`);
  for (const model of project.models) await exec(client, model.file, materializeSql(model));
}

/** dbt test: every test's failing-row count, in project order. */
export async function runTests(client: SqlClient, project: CompiledProject): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const test of project.tests) {
    const { rows } = await exec(
      client,
      `${test.file} ${test.name}`,
      `select count(*) as failures from (\n${test.sql}\n) as dbt_internal_test`,
    );
    results.push({ test, failures: Number(rows[0]!.failures) });
  }
  return results;
}

async function exec(client: SqlClient, node: string, sql: string): Promise<{ rows: Record<string, unknown>[] }> {
  try {
    return await client.query(sql);
  } catch (e) {
    throw new DbtError('DBT_RUN_FAILED', node, (e as Error).message, e);
  }
}
