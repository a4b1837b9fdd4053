import { haysimVersion } from '../../version.js';
import type { BusinessOptions, TableRows } from '../generate/business-dataset.js';
import type { TableDef } from '../tables/table-def.js';
import { csvChunks } from './business-csv-encoder.js';
import type { BusinessOutput, BusinessSummary } from './business-output.js';

export interface BusinessProgress {
  table(table: TableDef, count: number): void;
  rows(done: number): void;
}

/**
 * Streams the generated tables into every output in one pass: each chunk of
 * CSV text goes to all outputs before the next is generated, so memory stays
 * bounded whatever the scale. The outputs must be open; the caller closes them.
 */
export async function writeBusinessDataset(
  options: BusinessOptions,
  tables: Iterable<TableRows>,
  outputs: readonly BusinessOutput[],
  progress?: BusinessProgress,
): Promise<BusinessSummary> {
  // in the order the tables come (the generator's is the load order)
  const counts: Record<string, number> = {};
  const linked: Record<string, number> = {};
  let totalRows = 0;
  for (const { table, count, linked: linkedRows = 0, rows } of tables) {
    progress?.table(table, count);
    await Promise.all(outputs.map((o) => o.beginTable(table)));
    let done = 0;
    for (const chunk of csvChunks(table, rows)) {
      await Promise.all(outputs.map((o) => o.write(chunk.text)));
      done += chunk.rows;
      progress?.rows(done);
    }
    if (done !== count) throw new Error(`${table.name}: the generator announced ${count} rows and produced ${done}`);
    await Promise.all(outputs.map((o) => o.endTable(table, done)));
    counts[table.name] = done;
    totalRows += done;
    if (linkedRows > 0) linked[table.name] = linkedRows;
  }
  const summary: BusinessSummary = {
    haysimVersion: haysimVersion(),
    seed: options.seed,
    scale: options.scale,
    asOf: options.asOf,
    // sorted, so the order of --rows flags does not change summary.json
    overrides: Object.fromEntries(Object.entries(options.overrides).sort(([a], [b]) => (a < b ? -1 : 1))),
    tables: counts,
    totalRows,
    ...(options.link && {
      link: { profile: options.link.profile, siteRef: options.link.siteRef, simSeed: options.link.simSeed, tables: linked },
    }),
  };
  // one after the other, in the order given: the CLI puts the database first, so a failed
  // foreign-key check at its commit leaves the previous CSV files in place too
  for (const o of outputs) await o.finish(summary);
  return summary;
}
