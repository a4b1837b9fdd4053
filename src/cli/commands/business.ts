import type { Command } from 'commander';
import { writeDbtProject } from '../../business/dbt/write-dbt-project.js';
import type { BusinessOutput } from '../../business/outputs/business-output.js';
import { BusinessCsvWriter } from '../../business/outputs/business-csv-writer.js';
import { BusinessPostgresLoader } from '../../business/outputs/business-postgres-loader.js';
import { writeBusinessDataset } from '../../business/outputs/write-business-dataset.js';
import { linkBuildingToBusiness } from '../../business/link/link-building-to-business.js';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { loadProfile } from '../../profile/load-profile.js';
import {
  checkOutputDir,
  DEFAULT_BUSINESS_OUT,
  DEFAULT_BUSINESS_SEED,
  DEFAULT_LINKED_PROFILE,
  resolveBusinessRun,
} from '../business-options.js';
import { formatBusinessSummary } from '../business-summary.js';
import { PhaseProgress } from '../progress.js';
import type { CliCommand } from './command.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const businessCommand: CliCommand = {
  name: 'business',
  summary: 'an HVAC service company as 19 related tables: CSV files with a dbt project, and/or PostgreSQL',
  configure(command: Command) {
    command
      .option(
        '--out <dir>',
        `write one CSV per table, summary.json and a dbt project in <dir>/dbt (default ${DEFAULT_BUSINESS_OUT} unless --db is given)`,
      )
      .option(
        '--db <url>',
        'load into PostgreSQL (replaces the tables haysim loaded there before, in one transaction); not read from DATABASE_URL',
      )
      .option('--data-dir <dir>', 'load into the embedded PostgreSQL store (PGlite) in <dir>, e.g. ./haysim-data, the same way as --db')
      .option('--schema <name>', 'PostgreSQL schema for --db and --data-dir', 'hvac')
      .option('--scale <n>', "multiply every default row count (1 = the spec's counts, 17,410 rows)")
      .option('--rows <table=n,...>', 'exact row counts for some tables (repeatable)', collect)
      .option('--seed <n>', `seed of the dataset (default ${DEFAULT_BUSINESS_SEED})`)
      .option('--as-of <date>', "the dataset's today, YYYY-MM-DD: history ends here, future appointments lie after it")
      .option(
        '--link-building [profile]',
        `add the simulated building (a built-in profile name or a YAML path, default ${DEFAULT_LINKED_PROFILE}) as a commercial customer: its equipment as devices, its long faults as repair calls`,
      )
      .option(
        '--sim-seed <n>',
        "with --link-building: the seed the building's telemetry was generated with (default the profile's simulation.seed, as haysim generate)",
      )
      .option('--quiet', 'no progress bars')
      .option('--json', 'print the summary as JSON');
  },
  async run(o) {
    const run = resolveBusinessRun(o);
    const dataset = run.link
      ? {
          ...run.dataset,
          link: linkBuildingToBusiness((await loadProfile(run.link.profile, EQUIPMENT_TYPES)).profile, run.link.simSeed, run.dataset.asOf),
        }
      : run.dataset;
    // database first: its commit checks the foreign keys, and the CSV files are renamed into place only after it
    const outputs: BusinessOutput[] = [];
    if (run.db) outputs.push(new BusinessPostgresLoader({ url: run.db, schema: run.schema }));
    if (run.dataDir) outputs.push(new BusinessPostgresLoader({ dataDir: run.dataDir, schema: run.schema }));
    if (run.out) {
      await checkOutputDir(run.out);
      outputs.push(new BusinessCsvWriter(run.out));
    }
    const progress = new PhaseProgress(!o.quiet && !o.json && process.stderr.isTTY === true);
    const labelWidth = Math.max(...Object.keys(run.counts).map((t) => t.length));
    const started = performance.now();
    try {
      // imported here, not at the top: the generators load faker, which no other command needs
      const { generateBusiness } = await import('../../business/generate/generate-business.js');
      for (const output of outputs) await output.open();
      const summary = await writeBusinessDataset(dataset, generateBusiness(dataset), outputs, {
        table: (table, count) => progress.startRows(table.name.padEnd(labelWidth), count),
        rows: (done) => progress.update(done),
      });
      progress.stop();
      // the dbt project: its seeds are copies of the CSVs just written
      const dbt = run.out ? await writeDbtProject(run.out, { asOf: run.dataset.asOf }) : undefined;
      const seconds = (performance.now() - started) / 1000;
      const locations = outputs.map((x) => ({ name: x.name, location: x.location }));
      process.stdout.write(formatBusinessSummary({ summary, locations, dbtDir: dbt?.dir, schema: run.schema, seconds }, o.json === true));
      return 0;
    } finally {
      progress.stop();
      await Promise.allSettled(outputs.map((x) => x.close()));
    }
  },
};
