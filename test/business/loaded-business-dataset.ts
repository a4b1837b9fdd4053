// A business dataset generated once per test file: CSVs in a temporary folder and the same rows
// loaded into a fresh PostgreSQL database by haysim's own loader (primary keys, UNIQUE, CHECK and
// foreign keys on).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_AS_OF } from '../../src/business/generate/calendar.js';
import type { BusinessOptions } from '../../src/business/generate/business-dataset.js';
import { generateBusiness } from '../../src/business/generate/generate-business.js';
import { linkBuildingToBusiness } from '../../src/business/link/link-building-to-business.js';
import { EQUIPMENT_TYPES } from '../../src/equipment/index.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import { BusinessCsvWriter } from '../../src/business/outputs/business-csv-writer.js';
import type { BusinessSummary } from '../../src/business/outputs/business-output.js';
import { BusinessPostgresLoader } from '../../src/business/outputs/business-postgres-loader.js';
import { writeBusinessDataset } from '../../src/business/outputs/write-business-dataset.js';
import type { TestPostgres } from '../helpers/postgres.js';

export const DATASET: BusinessOptions = { seed: 1, scale: 1, overrides: {}, asOf: DEFAULT_AS_OF };
/** the default dataset with the office tower linked, as simulated at its profile's seed */
export async function linkedDataset(): Promise<BusinessOptions> {
  return {
    ...DATASET,
    link: linkBuildingToBusiness((await loadProfile('office-tower', EQUIPMENT_TYPES)).profile, undefined, DATASET.asOf),
  };
}
export const SCHEMA = 'hvac';

export interface LoadedDataset {
  readonly summary: BusinessSummary;
  /** the folder holding the CSVs */
  readonly dir: string;
  /** connected to the database holding schema `hvac`, time zone UTC */
  readonly client: pg.Client;
  /** rows of a query */
  rows<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  dispose(): Promise<void>;
}

export async function loadBusinessDataset(server: TestPostgres, options: BusinessOptions): Promise<LoadedDataset> {
  const url = await server.createDatabase('hsbiz');
  const dir = await mkdtemp(join(tmpdir(), 'haysim-business-'));
  const outputs = [new BusinessPostgresLoader({ url, schema: SCHEMA }), new BusinessCsvWriter(dir)];
  let summary: BusinessSummary;
  try {
    for (const output of outputs) await output.open();
    summary = await writeBusinessDataset(options, generateBusiness(options), outputs);
  } finally {
    await Promise.allSettled(outputs.map((o) => o.close()));
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET TIME ZONE 'UTC'`);
  return {
    summary,
    dir,
    client,
    rows: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
    dispose: async () => {
      await client.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
