// dbt_project.yml and profiles.example.yml of the written dbt project.
import { Scalar, stringify } from 'yaml';
import type { TableDef } from '../tables/table-def.js';
import { sqlType } from '../tables/table-def.js';

export const DBT_PROJECT_NAME = 'hvac_service';

/** The as_of_date var as a SQL date, for models and tests. */
export const AS_OF_DATE_SQL = `cast('{{ var('as_of_date') }}' as date)`;

/** Defaults of the project's vars (dbt run --vars '{...}' overrides them). */
export function projectVars(asOf: string): Record<string, string | number> {
  return {
    // the dataset's "today": history ends here, future bookings lie after it
    as_of_date: asOf,
    // a repair counts as fixed first time when no repair call follows on the device within this many days
    first_time_fix_window_days: 30,
    // billable hours a technician has in a month, for utilisation
    available_hours_per_month: 160,
    // a payment later than this after its invoice is implausible
    max_days_to_pay: 365,
  };
}

/**
 * Seeds carry an explicit type for every column (from the table definitions), so
 * neither PostgreSQL nor Snowflake infers them from the CSV text: integer, text
 * (VARCHAR on Snowflake), date, timestamp (TIMESTAMP_NTZ on Snowflake), boolean
 * and numeric(p,s) are valid type names on both.
 */
export function dbtProjectYml(tables: readonly TableDef[], asOf: string): string {
  const seeds: Record<string, unknown> = { '+quote_columns': false };
  for (const table of tables) {
    seeds[table.name] = { '+column_types': Object.fromEntries(table.columns.map((c) => [c.name, sqlType(c)])) };
  }
  const project = {
    name: DBT_PROJECT_NAME,
    version: '1.0.0',
    'config-version': 2,
    // generic tests use the `arguments:` property introduced in dbt-core 1.10.5
    'require-dbt-version': '>=1.10.5',
    profile: DBT_PROJECT_NAME,
    'model-paths': ['models'],
    'seed-paths': ['seeds'],
    'test-paths': ['tests'],
    'target-path': 'target',
    'clean-targets': ['target', 'dbt_packages'],
    // quoted: YAML 1.1 (dbt's parser) would otherwise read the date as a date object
    vars: { ...projectVars(asOf), as_of_date: quoted(asOf) },
    models: { [DBT_PROJECT_NAME]: { staging: { '+materialized': 'view' }, marts: { '+materialized': 'table' } } },
    seeds: { [DBT_PROJECT_NAME]: seeds },
  };
  return `# Written by haysim business. Seeds are the CSVs; see README.md.\n${stringify(project, { lineWidth: 0 })}`;
}

function quoted(text: string): Scalar {
  const scalar = new Scalar(text);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

/** Copy to ~/.dbt/profiles.yml (or point DBT_PROFILES_DIR here); credentials come from the environment. */
export function profilesExampleYml(): string {
  const env = (name: string, fallback?: string) => `{{ env_var('${name}'${fallback === undefined ? '' : `, '${fallback}'`}) }}`;
  const profiles = {
    [DBT_PROJECT_NAME]: {
      target: 'postgres',
      outputs: {
        postgres: {
          type: 'postgres',
          host: env('PGHOST', 'localhost'),
          port: `{{ env_var('PGPORT', '5432') | as_number }}`,
          user: env('PGUSER'),
          password: env('PGPASSWORD'),
          dbname: env('PGDATABASE', 'hvac'),
          schema: 'analytics',
          threads: 4,
        },
        snowflake: {
          type: 'snowflake',
          account: env('SNOWFLAKE_ACCOUNT'),
          user: env('SNOWFLAKE_USER'),
          password: env('SNOWFLAKE_PASSWORD'),
          role: env('SNOWFLAKE_ROLE', 'HVAC_TRANSFORMER'),
          database: env('SNOWFLAKE_DATABASE', 'HVAC'),
          // an X-SMALL warehouse with AUTO_SUSPEND = 60 (see README.md)
          warehouse: env('SNOWFLAKE_WAREHOUSE', 'HVAC_XS'),
          schema: 'analytics',
          threads: 4,
          client_session_keep_alive: false,
          query_tag: 'hvac_service_dbt',
        },
      },
    },
  };
  return `# Example dbt profiles: copy to ~/.dbt/profiles.yml or run dbt with --profiles-dir.\n# Choose the target with --target postgres|snowflake; credentials come from environment variables.\n${stringify(profiles, { lineWidth: 0 })}`;
}
