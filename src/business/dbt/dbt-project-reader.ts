/**
 * Reads a dbt project directory into plain data for the compiler: the project
 * file, seed names, model SQL with its folder's materialization, property
 * (schema.yml) entries and singular tests. Read-only; fails loudly on project
 * settings the harness would otherwise ignore.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { DbtError } from '../../errors.js';
import type { JinjaValue } from './dbt-jinja.js';

export type Materialization = 'view' | 'table';

export interface ModelFile {
  readonly name: string;
  /** path relative to the project directory */
  readonly file: string;
  readonly sql: string;
  /** from dbt_project.yml's folder configs; a config() call in the SQL overrides it */
  readonly materialized: Materialization;
}

/** One `models:` or `seeds:` entry of a property file. */
export interface PropertyEntry {
  readonly name: string;
  readonly file: string;
  readonly columns: readonly { readonly name: string; readonly data_tests?: unknown; readonly tests?: unknown }[];
  readonly data_tests?: unknown;
  readonly tests?: unknown;
}

export interface DbtProjectFiles {
  readonly name: string;
  readonly vars: Readonly<Record<string, JinjaValue>>;
  readonly seeds: readonly string[];
  readonly models: readonly ModelFile[];
  readonly properties: readonly PropertyEntry[];
  readonly singularTests: readonly { readonly name: string; readonly file: string; readonly sql: string }[];
}

// Folder configs the harness honours or can safely ignore (documentation only).
const MODEL_CONFIGS = new Set(['materialized', 'tags', 'docs', 'persist_docs']);

export async function readDbtProject(dir: string): Promise<DbtProjectFiles> {
  const project = asRecord(parse(await read(dir, 'dbt_project.yml')), 'dbt_project.yml');
  const name = String(project.name ?? '');
  const paths = (key: string, fallback: string): string[] => (project[key] as string[] | undefined) ?? [fallback];
  const folderConfig = asRecord(asRecord(project.models ?? {}, 'dbt_project.yml models')[name] ?? {}, `dbt_project.yml models.${name}`);

  const models: ModelFile[] = [];
  const properties: PropertyEntry[] = [];
  for (const root of paths('model-paths', 'models')) {
    for (const file of await listFiles(dir, root)) {
      if (file.endsWith('.sql')) {
        const folders = relative(root, file).split(sep).slice(0, -1);
        models.push({
          name: basename(file, '.sql'),
          file,
          sql: await read(dir, file),
          materialized: materialization(folderConfig, folders),
        });
      } else if (/\.ya?ml$/.test(file)) properties.push(...propertyEntries(await read(dir, file), file, 'models'));
    }
  }
  const seeds: string[] = [];
  for (const root of paths('seed-paths', 'seeds')) {
    for (const file of await listFiles(dir, root)) {
      if (file.endsWith('.csv')) seeds.push(basename(file, '.csv'));
      else if (/\.ya?ml$/.test(file)) properties.push(...propertyEntries(await read(dir, file), file, 'seeds'));
    }
  }
  const singularTests = [];
  for (const root of paths('test-paths', 'tests')) {
    for (const file of (await listFiles(dir, root)).filter((f) => f.endsWith('.sql'))) {
      if (file.split(sep).includes('generic'))
        throw new DbtError('DBT_COMPILE_FAILED', file, 'custom generic tests are not supported by the harness');
      singularTests.push({ name: basename(file, '.sql'), file, sql: await read(dir, file) });
    }
  }
  return {
    name,
    vars: asRecord(project.vars ?? {}, 'dbt_project.yml vars') as Record<string, JinjaValue>,
    seeds: seeds.sort(),
    models,
    properties,
    singularTests,
  };
}

/** The most specific `+materialized` along the model's folder path (dbt's default is view). */
function materialization(config: Record<string, unknown>, folders: readonly string[]): Materialization {
  let current: Materialization = 'view';
  let node: Record<string, unknown> | undefined = config;
  const where = ['models'];
  for (let depth = 0; node; depth++) {
    for (const [key, value] of Object.entries(node)) {
      const configKey = key.startsWith('+') ? key.slice(1) : MODEL_CONFIGS.has(key) ? key : undefined;
      if (configKey === undefined) continue;
      if (!MODEL_CONFIGS.has(configKey))
        throw new DbtError(
          'DBT_COMPILE_FAILED',
          `dbt_project.yml ${where.join('.')}`,
          `model config ${key} is not supported by the harness`,
        );
      if (configKey === 'materialized') current = checkMaterialization(value, `dbt_project.yml ${where.join('.')}`);
    }
    const folder = folders[depth];
    if (folder === undefined) break;
    where.push(folder);
    node = node[folder] as Record<string, unknown> | undefined;
  }
  return current;
}

export function checkMaterialization(value: unknown, at: string): Materialization {
  if (value === 'view' || value === 'table') return value;
  throw new DbtError('DBT_COMPILE_FAILED', at, `materialized=${JSON.stringify(value)} is not supported by the harness (view, table)`);
}

function propertyEntries(text: string, file: string, key: 'models' | 'seeds'): PropertyEntry[] {
  const doc = asRecord(parse(text) ?? {}, file);
  for (const other of Object.keys(doc)) {
    if (!['version', 'models', 'seeds'].includes(other))
      throw new DbtError('DBT_COMPILE_FAILED', file, `property key ${other}: is not supported by the harness`);
  }
  return ((doc[key] as Omit<PropertyEntry, 'file'>[] | undefined) ?? []).map((entry) => ({ ...entry, columns: entry.columns ?? [], file }));
}

async function listFiles(dir: string, root: string): Promise<string[]> {
  const entries = await readdir(join(dir, root), { withFileTypes: true, recursive: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw new DbtError('DBT_COMPILE_FAILED', root, `cannot list ${join(dir, root)}: ${e.message}`, e);
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function read(dir: string, file: string): Promise<string> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (e) {
    throw new DbtError('DBT_COMPILE_FAILED', file, `cannot read ${join(dir, file)}: ${(e as Error).message}`, e);
  }
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new DbtError('DBT_COMPILE_FAILED', what, 'expected a mapping');
}
