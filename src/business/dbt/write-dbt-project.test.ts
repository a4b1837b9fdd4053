import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OutputError } from '../../errors.js';
import { BUSINESS_TABLES } from '../tables/business-tables.js';
import { sqlType } from '../tables/table-def.js';
import { compileDbtProject } from './dbt-sql-compiler.js';
import { dbtProjectFiles, writeDbtProject } from './write-dbt-project.js';

const AS_OF = '2025-12-31';
const files = dbtProjectFiles({ asOf: AS_OF });
const yml = (path: string) => parse(files.get(path)!) as Record<string, any>;

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** a folder with one header-only CSV per table, as the CSV writer leaves it */
async function csvFolder(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'haysim-dbt-out-'));
  for (const t of BUSINESS_TABLES) await writeFile(join(dir, `${t.name}.csv`), `${t.columns.map((c) => c.name).join(',')}\n`);
  return dir;
}

describe('the dbt project files', () => {
  it('type every seed column explicitly, as the table definitions say', () => {
    const seeds = yml('dbt_project.yml').seeds.hvac_service;
    for (const table of BUSINESS_TABLES) {
      expect(seeds[table.name]['+column_types'], table.name).toEqual(Object.fromEntries(table.columns.map((c) => [c.name, sqlType(c)])));
    }
    expect(yml('dbt_project.yml').vars.as_of_date).toBe(AS_OF);
  });

  it('test every key, foreign key, required and coded column on the seeds and on the staging views', () => {
    const layers = [
      [yml('seeds/_seeds.yml').seeds, (t: string) => t],
      [yml('models/staging/_staging.yml').models, (t: string) => `stg_${t}`],
    ] as const;
    for (const [entries, name] of layers) {
      for (const table of BUSINESS_TABLES) {
        const entry = entries.find((e: { name: string }) => e.name === name(table.name));
        for (const column of table.columns) {
          const tests = JSON.stringify(entry.columns.find((c: { name: string }) => c.name === column.name).data_tests);
          const where = `${name(table.name)}.${column.name}`;
          expect(tests.includes('"not_null"'), where).toBe(!column.nullable);
          expect(tests.includes('"unique"'), where).toBe(column.unique === true);
          if (column.references) expect(tests, where).toContain(`"to":"ref('${name(column.references)}')"`);
          if (column.values) expect(tests, where).toContain(JSON.stringify(column.values));
        }
      }
    }
  });

  it('give a PostgreSQL and a Snowflake target with credentials from the environment', () => {
    const outputs = yml('profiles.example.yml').hvac_service.outputs;
    expect(Object.keys(outputs)).toEqual(['postgres', 'snowflake']);
    expect(outputs.postgres.password).toBe("{{ env_var('PGPASSWORD') }}");
    expect(outputs.snowflake.password).toBe("{{ env_var('SNOWFLAKE_PASSWORD') }}");
    expect(files.get('README.md')).toMatch(/AUTO_SUSPEND = 60|auto_suspend = 60/i);
    expect(files.get('README.md')).toMatch(/XSMALL/);
  });

  it('are the same text for the same options', () => {
    expect([...dbtProjectFiles({ asOf: AS_OF })]).toEqual([...files]);
  });
});

describe('writeDbtProject', () => {
  it('writes <dir>/dbt with the CSVs copied as seeds, and the harness compiles it', async () => {
    const out = await csvFolder();
    const written = await writeDbtProject(out, { asOf: AS_OF });
    expect(written.dir).toBe(join(out, 'dbt'));
    expect(await readFile(join(written.dir, 'seeds', 'customers.csv'), 'utf8')).toBe(await readFile(join(out, 'customers.csv'), 'utf8'));
    expect(written.files).toContain('models/marts/fct_monthly_revenue.sql');
    const compiled = await compileDbtProject(written.dir, { seedSchema: 'hvac', targetSchema: 'analytics' });
    expect(compiled.seeds).toHaveLength(BUSINESS_TABLES.length);
    expect(compiled.models.map((m) => m.name)).toContain('stg_service_calls');
    expect(compiled.models.findIndex((m) => m.name === 'stg_invoices')).toBeLessThan(
      compiled.models.findIndex((m) => m.name === 'fct_monthly_revenue'),
    );
  });

  it('reports a missing CSV as a write failure naming it', async () => {
    const out = await csvFolder();
    await unlink(join(out, 'payments.csv'));
    const error = await writeDbtProject(out, { asOf: AS_OF }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).message).toMatch(/payments\.csv.*write the CSVs first/);
  });
});
