import Table from 'cli-table3';
import type { SiteModel } from '../model/site-model.js';
import { ENTITY_TYPES } from '../model/entity-facts.js';
import type { GenerationResult } from '../runner/run-generation.js';
import type { ValidationReport } from '../validate/validate-store.js';
import type { RunOptions } from './run-options.js';
import { MS_PER_DAY } from '../time/clock.js';
import { formatDuration } from '../time/format-duration.js';
import type { Layout } from '../outputs/wide/wide-names.js';
import { METADATA_TABLE } from '../outputs/wide/wide-tables.js';

interface SummaryInput {
  model: SiteModel;
  opts: RunOptions;
  /** the store written to, if any (`postgres`, `pglite`) */
  store?: string;
  /** how the store lays out history, and the wide tables' schema */
  layout: Layout;
  wideSchema: string;
  result: GenerationResult;
  seconds: number;
  json: boolean;
  validation?: ValidationReport;
}

export function entityCounts(model: SiteModel): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(ENTITY_TYPES.map((k) => [k, 0]));
  for (const e of model.entities) for (const k of ENTITY_TYPES) if (e.has(k)) counts[k]!++;
  return counts;
}

/** The end-of-run summary: what was made, how fast, where it is and how to query it. */
export function formatGenerateSummary({ model, opts, store, layout, wideSchema, result, seconds, json, validation }: SummaryInput): string {
  const counts = entityCounts(model);
  // shares of the rows written; rows the historian never logged are a share of the grid, shown apart
  const missing = result.statusCounts.missing ?? 0;
  const grid = Object.values(result.statusCounts).reduce((a, b) => a + b, 0);
  const total = grid - missing;
  const rowsPerSecond = result.historySeconds > 0 ? Math.round(result.rowsGenerated / result.historySeconds) : 0;
  const locations = result.summaries.map((s) => s.location);
  if (json) {
    return `${JSON.stringify({
      profile: model.profile,
      org: opts.org,
      seed: opts.seed,
      start: new Date(opts.start).toISOString(),
      end: new Date(opts.end).toISOString(),
      intervalMs: opts.intervalMs,
      entities: counts,
      points: model.points.length,
      rowsWritten: result.rowsGenerated,
      chunksWritten: result.chunksGenerated,
      chunksSkipped: result.chunksSkipped,
      events: result.events,
      status: result.statusCounts,
      rowsPerSecond,
      seconds: Number(seconds.toFixed(2)),
      locations,
      validation: validation ? { passed: validation.passed, failed: validation.checks.filter((c) => !c.passed).map((c) => c.id) } : null,
    })}\n`;
  }
  const table = new Table({ style: { head: [], border: [] }, colWidths: [14, 86], wordWrap: true });
  const pct = (n: number) => (total ? `${((100 * n) / total).toFixed(2)} %` : '-');
  table.push(
    [{ colSpan: 2, content: `haysim generate: ${model.profile}, org "${opts.org}", seed ${opts.seed}` }],
    ['range', `${new Date(opts.start).toISOString()} → ${new Date(opts.end).toISOString()} every ${formatDuration(opts.intervalMs)}`],
    ['entities', ENTITY_TYPES.map((k) => `${counts[k]} ${k}`).join(', ')],
    ['points', String(model.points.length)],
    [
      'rows written',
      `${result.rowsGenerated.toLocaleString('en-US')} (${chunkCount(result)} written, ${result.chunksSkipped} already there)`,
    ],
    [
      'quality',
      Object.entries(result.statusCounts)
        .filter(([s, n]) => n > 0 && s !== 'missing')
        .map(([s, n]) => `${s} ${pct(n)}`)
        .join(', ') + (missing > 0 ? `; not logged ${((100 * missing) / grid).toFixed(2)} % of the grid (gaps, change of value)` : ''),
    ],
    ['ground truth', `${result.events} events (stale, fault, maintenance, drift, calibration, gap, spike)`],
    ['speed', `${rowsPerSecond.toLocaleString('en-US')} rows/s, ${seconds.toFixed(1)} s in all`],
    ['data', locations.join('\n')],
    ['query', queryHint(model, opts.org, store, layout, wideSchema)],
  );
  return `${table.toString()}\n`;
}

/** `3 days` when chunks are days, else `17 chunks of 12 h`. */
function chunkCount({ chunksGenerated: n, chunkMs }: GenerationResult): string {
  return chunkMs === MS_PER_DAY ? `${n} day${n === 1 ? '' : 's'}` : `${n} chunk${n === 1 ? '' : 's'} of ${formatDuration(chunkMs)}`;
}

/** A first query for the layout written, and the ready-made views that hold something for this site. */
function queryHint(model: SiteModel, org: string, store: string | undefined, layout: Layout, wideSchema: string): string {
  const sql =
    layout === 'wide'
      ? `SELECT table_name, type, location, rating FROM ${wideSchema}.${METADATA_TABLE} LIMIT 10; -- then SELECT * FROM ${wideSchema}.<table_name> ORDER BY ts DESC LIMIT 10;`
      : `SELECT e.haystack_id, c.ts, c.value_n, c.status FROM core.values_${org}_current c JOIN core.entity e ON e.id = c.entity_id LIMIT 10;`;
  const has = (markers: string) => model.entities.some((e) => markers.split(' ').every((m) => e.has(m)));
  const views = [
    has('zone air temp sensor') ? `core.${org}_occupied_zone_temp` : undefined,
    has('chiller equip') ? `core.${org}_chiller_cop` : undefined,
    has('elec meter equip siteMeter') ? `core.${org}_daily_energy` : undefined,
  ].filter((v) => v !== undefined);
  return store === 'postgres'
    ? `psql "<your url>" -c "${sql}"${views.length ? `\nready-made views: ${views.join(', ')}` : ''}`
    : `the embedded store is PostgreSQL (PGlite): new PGlite('<data dir>') from @electric-sql/pglite, or rerun with --db. ${sql}`;
}
