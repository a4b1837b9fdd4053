import Table from 'cli-table3';
import type { BusinessSummary } from '../business/outputs/business-output.js';

export interface BusinessReport {
  readonly summary: BusinessSummary;
  /** where the data went: `csv` → folder, `postgres` → URL and schema */
  readonly locations: readonly { readonly name: string; readonly location: string }[];
  readonly dbtDir?: string;
  readonly schema: string;
  readonly seconds: number;
}

/** The end-of-run summary: rows per table, where they are and what to run next. */
export function formatBusinessSummary(r: BusinessReport, json: boolean): string {
  const { summary: s } = r;
  const rowsPerSecond = r.seconds > 0 ? Math.round(s.totalRows / r.seconds) : 0;
  if (json)
    return `${JSON.stringify({ ...s, outputs: r.locations, dbt: r.dbtDir ?? null, rowsPerSecond, seconds: Number(r.seconds.toFixed(2)) })}\n`;
  const n = (x: number) => x.toLocaleString('en-US');
  const overrides = Object.entries(s.overrides)
    .map(([t, c]) => `${t}=${c}`)
    .join(', ');
  const table = new Table({ style: { head: [], border: [] }, colWidths: [20, 80], wordWrap: true });
  table.push([
    {
      colSpan: 2,
      content: `haysim business: HVAC service company, seed ${s.seed}, scale ${s.scale}, as of ${s.asOf}${overrides ? `, rows ${overrides}` : ''}`,
    },
  ]);
  const width = Math.max(...Object.keys(s.tables).map((t) => t.length));
  table.push(
    [
      'rows',
      Object.entries(s.tables)
        .map(([name, count]) => `${name.padEnd(width)} ${n(count).padStart(10)}`)
        .join('\n'),
    ],
    ['total', `${n(s.totalRows)} rows in ${Object.keys(s.tables).length} tables, ${r.seconds.toFixed(1)} s (${n(rowsPerSecond)} rows/s)`],
    ...(s.link
      ? [
          [
            'building',
            `${s.link.profile} (site ${s.link.siteRef}, sim seed ${s.link.simSeed}): ${Object.entries(s.link.tables)
              .map(([t, c]) => `${t} +${n(c)}`)
              .join(', ')}`,
          ],
        ]
      : []),
    ['data', [...r.locations.map((l) => `${l.name}: ${l.location}`), ...(r.dbtDir ? [`dbt project: ${r.dbtDir}`] : [])].join('\n')],
    ['next', nextSteps(r)],
  );
  return `${table.toString()}\n`;
}

function nextSteps(r: BusinessReport): string {
  const steps: string[] = [];
  if (r.dbtDir) steps.push(`cd ${r.dbtDir} && dbt seed && dbt run && dbt test   (profiles.example.yml shows PostgreSQL and Snowflake)`);
  if (r.locations.some((l) => l.name === 'postgres'))
    steps.push(`psql "<your url>" -c "SELECT service_type, count(*), sum(total_cost) FROM ${r.schema}.service_calls GROUP BY 1;"`);
  return steps.join('\n') || '-';
}
