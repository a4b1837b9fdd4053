/**
 * Writes the dbt project for a dataset folder: `<dir>/dbt/` with the CSVs of
 * `<dir>` as its seeds. The seeds are copied into `dbt/seeds/` rather than
 * pointed at with `seed-paths: [".."]`, since dbt wants its paths inside the
 * project, and a parent seed path would also pick up `dbt/` itself.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OutputError } from '../../errors.js';
import { BUSINESS_TABLES } from '../tables/business-tables.js';
import { martModelSql } from './dbt-mart-model.js';
import { MART_MODELS, martProperties } from './dbt-marts.js';
import { dbtProjectYml, profilesExampleYml } from './dbt-project-yml.js';
import { dbtReadme } from './dbt-readme.js';
import { genericTestCount, propertyFileYml, seedProperties, stagingProperties } from './dbt-schema-yml.js';
import { SINGULAR_TESTS, singularTestSql } from './dbt-singular-tests.js';
import { stagingModelName, stagingModelSql } from './dbt-staging-models.js';
import { makeDirectories } from '../../outputs/files/make-directories.js';

export interface DbtProjectOptions {
  /** the dataset's "today" (YYYY-MM-DD), the generator's asOf */
  readonly asOf: string;
}

export interface WrittenDbtProject {
  /** the project directory, `<dir>/dbt` */
  readonly dir: string;
  /** the files written, relative to it */
  readonly files: readonly string[];
}

/** The project's text files by path relative to the project directory. */
export function dbtProjectFiles(options: DbtProjectOptions): ReadonlyMap<string, string> {
  const properties = { seeds: seedProperties(BUSINESS_TABLES), staging: stagingProperties(BUSINESS_TABLES), marts: martProperties() };
  const files = new Map<string, string>();
  files.set('dbt_project.yml', dbtProjectYml(BUSINESS_TABLES, options.asOf));
  files.set('profiles.example.yml', profilesExampleYml());
  files.set('seeds/_seeds.yml', propertyFileYml(properties.seeds));
  for (const table of BUSINESS_TABLES) files.set(`models/staging/${stagingModelName(table)}.sql`, stagingModelSql(table));
  files.set('models/staging/_staging.yml', propertyFileYml(properties.staging));
  for (const mart of MART_MODELS) files.set(`models/marts/${mart.name}.sql`, martModelSql(mart));
  files.set('models/marts/_marts.yml', propertyFileYml(properties.marts));
  for (const test of SINGULAR_TESTS) files.set(`tests/${test.name}.sql`, singularTestSql(test));
  const genericTests = Object.values(properties).reduce((n, file) => n + genericTestCount(file), 0);
  const readme = dbtReadme({
    tables: BUSINESS_TABLES.map((t) => t.name),
    marts: MART_MODELS,
    singularTests: SINGULAR_TESTS,
    genericTests,
    defaultRows: BUSINESS_TABLES.reduce((n, t) => n + t.defaultRows, 0),
    asOf: options.asOf,
  });
  files.set('README.md', readme);
  return files;
}

/** Writes `<dir>/dbt/`; the CSVs must already be in `<dir>`. */
export async function writeDbtProject(dir: string, options: DbtProjectOptions): Promise<WrittenDbtProject> {
  const project = join(dir, 'dbt');
  const written: string[] = [];
  for (const [path, text] of dbtProjectFiles(options)) {
    await io(join(project, path), undefined, async (target) => {
      await makeDirectories(dirname(target));
      await writeFile(target, text);
    });
    written.push(path);
  }
  for (const table of BUSINESS_TABLES) {
    const path = `seeds/${table.name}.csv`;
    await io(join(project, path), 'the CSV to copy is missing', (target) => copyFile(join(dir, `${table.name}.csv`), target));
    written.push(path);
  }
  return { dir: project, files: written };
}

/** Runs one file operation; `missingSource` says what an ENOENT means when the operation reads a source. */
async function io(target: string, missingSource: string | undefined, fn: (target: string) => Promise<void>): Promise<void> {
  try {
    await fn(target);
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    const detail =
      error.code === 'ENOENT' && missingSource ? `${missingSource} (${error.path ?? ''}); write the CSVs first` : error.message;
    throw new OutputError('SINK_WRITE_FAILED', 'dbt', 'write', target, detail, e);
  }
}
