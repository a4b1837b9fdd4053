// README.md of the written dbt project: how to run it with real dbt, and what Snowflake will cost.
import { DBT_PROJECT_NAME } from './dbt-project-yml.js';

export interface ReadmeFacts {
  readonly tables: readonly string[];
  readonly marts: readonly { readonly name: string; readonly description: string }[];
  readonly singularTests: readonly { readonly name: string; readonly rule: string }[];
  readonly genericTests: number;
  /** rows at scale 1 */
  readonly defaultRows: number;
  readonly asOf: string;
}

export function dbtReadme(facts: ReadmeFacts): string {
  return `# ${DBT_PROJECT_NAME}: dbt project for the haysim HVAC service company dataset

Written by \`haysim business\` next to the CSVs it describes. The ${facts.tables.length} CSVs are this project's
seeds, copied into \`seeds/\` (dbt's seed paths are relative to the project, and \`seed-paths: [".."]\`
would also sweep up this folder), with an explicit type for every column in \`dbt_project.yml\`, so
the warehouse never infers one.

| layer | what | materialized |
| --- | --- | --- |
| \`seeds/\` | the raw tables | tables (\`dbt seed\`) |
| \`models/staging/\` | \`stg_<table>\`: typed, trimmed, derived flags | views |
| \`models/marts/\` | ${facts.marts.map((m) => `\`${m.name}\``).join(', ')} | tables |
| \`tests/\` | ${facts.singularTests.length} business-rule tests | — |

The property files (\`seeds/_seeds.yml\`, \`models/*/_*.yml\`) hold ${facts.genericTests} generic tests: \`not_null\`,
\`unique\`, \`relationships\` (every foreign key) and \`accepted_values\` (every coded column), on the
seeds and again on the staging views.

## Run it

Requires dbt-core 1.10.5 or later (generic tests use the \`arguments:\` property).

\`\`\`sh
python -m venv .venv && . .venv/bin/activate
pip install dbt-postgres            # or: pip install dbt-snowflake
cp profiles.example.yml ~/.dbt/profiles.yml   # or: export DBT_PROFILES_DIR=$PWD after copying it to profiles.yml here
export PGHOST=localhost PGUSER=... PGPASSWORD=... PGDATABASE=hvac
dbt debug
dbt seed && dbt run && dbt test     # or in one go: dbt build
# on Snowflake (SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER, SNOWFLAKE_PASSWORD set):
dbt seed --target snowflake && dbt run --target snowflake && dbt test --target snowflake
\`\`\`

Vars (override with \`--vars '{as_of_date: "2025-01-31"}'\`): \`as_of_date\` (${facts.asOf}, the dataset's
"today"), \`first_time_fix_window_days\`, \`available_hours_per_month\`, \`max_days_to_pay\`.

\`dbt seed\` inserts rows in batches and suits the default size (${facts.defaultRows.toLocaleString('en-US')} rows). For large
scales, load the tables with \`haysim business --db ... --schema <your dbt target schema>\` (COPY,
with keys) or Snowflake's \`COPY INTO\`, under the same table names, then run only
\`dbt run && dbt test\`: \`ref('<table>')\` resolves to that table whether or not \`dbt seed\` made it.

## Business rules tested

${facts.singularTests.map((t) => `- \`${t.name}\`: ${t.rule}`).join('\n')}

## Marts

${facts.marts.map((m) => `- \`${m.name}\`: ${m.description}`).join('\n')}

## Snowflake cost notes (budget: under $7 over 21 days)

Use the smallest warehouse, let it stop itself after a minute idle, and cap spend with a resource
monitor (created as ACCOUNTADMIN; \`frequency = never\` so the quota does not reset at a month boundary
inside the 21 days):

\`\`\`sql
create warehouse if not exists HVAC_XS
  warehouse_size = 'XSMALL' auto_suspend = 60 auto_resume = true initially_suspended = true;
create resource monitor if not exists HVAC_BUDGET
  with credit_quota = 2 frequency = never start_timestamp = immediately
  triggers on 75 percent do notify on 100 percent do suspend on 110 percent do suspend_immediate;
alter warehouse HVAC_XS set resource_monitor = HVAC_BUDGET;
\`\`\`

- An X-Small warehouse burns 1 credit per running hour, billed per second with a 60-second minimum each
  time it resumes; AUTO_SUSPEND = 60 stops it a minute after the last query, AUTO_RESUME restarts it on the next.
- One full \`dbt build\` at the default size (seeds, ${facts.marts.length} marts and ${facts.tables.length} staging views,
  about ${facts.genericTests + facts.singularTests.length} tests, 4 threads) keeps the warehouse busy for roughly
  3–8 minutes: about 0.05–0.15 credits. These are estimates, not measurements; check
  \`snowflake.account_usage.warehouse_metering_history\` after your first run.
- At $2–3 per credit (Standard/Enterprise, on demand), $7 buys about 2.3–3.5 credits: some 15–70 full
  builds, so a daily build for 21 days (about 1–3 credits) leaves room for development. The resource
  monitor above suspends the warehouse at 2 credits ($4–6), before the budget is gone.
- Cloud-services time (compilation, metadata) is free up to 10 % of the day's warehouse credits, which
  dbt's many small queries stay within.
- Storage is negligible: the default dataset is a few MB (storage is billed per TB-month).
- While developing, build only what changed (\`dbt build --select state:modified+ --state <prod artifacts>\`)
  or a single model and its parents (\`dbt run --select +fct_monthly_revenue\`).

## How haysim checks this project

dbt cannot be installed where haysim's tests run, so haysim's test harness
(\`src/business/dbt/dbt-sql-compiler.ts\`) compiles these models and tests to plain PostgreSQL SQL
(the Jinja used here is only \`ref\`, \`config(materialized=...)\`, \`var\` and the \`dbt.date_trunc\`,
\`dbt.dateadd\` and \`dbt.datediff\` cross-database macros) and runs them against the loaded dataset:
every model must build and every test return no rows. Use real dbt for real work.
`;
}
