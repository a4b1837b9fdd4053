/**
 * Compiles a dbt project's models and tests to plain PostgreSQL SQL, so the
 * project haysim writes can be checked where dbt itself is not installed. It
 * renders the Jinja subset in dbt-jinja.ts with ref(), config(materialized=),
 * var() and the cross-database macros of dbt-postgres-macros.ts, orders the
 * models by their refs, and compiles schema.yml tests and singular tests to
 * selects of failing rows. Seeds are not loaded here: refs to a seed name the
 * table already loaded in `seedSchema`.
 */
import { DbtError } from '../../errors.js';
import { compileGenericTests } from './dbt-generic-tests.js';
import type { CompiledTest } from './dbt-generic-tests.js';
import { renderJinja, stringArg } from './dbt-jinja.js';
import type { JinjaCall, JinjaFunctions, JinjaValue } from './dbt-jinja.js';
import { POSTGRES_MACROS } from './dbt-postgres-macros.js';
import { checkMaterialization, readDbtProject } from './dbt-project-reader.js';
import type { DbtProjectFiles, Materialization } from './dbt-project-reader.js';

export type { CompiledTest } from './dbt-generic-tests.js';

export interface CompileOptions {
  /** where the seed tables are (loaded by `haysim business --db` or `dbt seed`) */
  readonly seedSchema: string;
  /** where the models are built; must differ from seedSchema, since a run recreates it */
  readonly targetSchema: string;
  /** like `dbt run --vars`: overrides the project's vars */
  readonly vars?: Readonly<Record<string, JinjaValue>>;
}

export interface CompiledModel {
  readonly name: string;
  readonly file: string;
  readonly materialized: Materialization;
  /** schema-qualified name the model is built as */
  readonly relation: string;
  /** the refs it reads (models and seeds) */
  readonly dependsOn: readonly string[];
  /** the model's select */
  readonly sql: string;
}

export interface CompiledProject {
  readonly name: string;
  readonly seedSchema: string;
  readonly targetSchema: string;
  readonly seeds: readonly string[];
  /** in an order where every model comes after the models it refs */
  readonly models: readonly CompiledModel[];
  readonly tests: readonly CompiledTest[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export async function compileDbtProject(dir: string, options: CompileOptions): Promise<CompiledProject> {
  for (const schema of [options.seedSchema, options.targetSchema]) {
    if (!IDENTIFIER.test(schema))
      throw new DbtError('DBT_COMPILE_FAILED', dir, `schema ${JSON.stringify(schema)} must be a lowercase SQL identifier`);
  }
  if (options.seedSchema === options.targetSchema)
    throw new DbtError('DBT_COMPILE_FAILED', dir, 'targetSchema must differ from seedSchema (a run recreates the target schema)');
  const project = await readDbtProject(dir);
  const relationOf = relations(project, options);
  const vars = { ...project.vars, ...options.vars };

  const ref = (deps?: Set<string>) => (call: JinjaCall) => {
    const name = stringArg(call, call.args.length > 1 ? 1 : 0, 'name');
    const relation = relationOf.get(name);
    if (!relation) throw new DbtError('DBT_COMPILE_FAILED', call.at, `ref('${name}') names no model or seed of this project`);
    deps?.add(name);
    return relation;
  };
  const base: JinjaFunctions = { ...POSTGRES_MACROS, var: (call) => renderVar(call, vars) };

  const models = project.models.map((model): CompiledModel => {
    const deps = new Set<string>();
    let materialized = model.materialized;
    const config = (call: JinjaCall) => {
      for (const [key, value] of Object.entries(call.kwargs)) {
        if (key !== 'materialized') throw new DbtError('DBT_COMPILE_FAILED', call.at, `config(${key}=...) is not supported by the harness`);
        materialized = checkMaterialization(value, call.at);
      }
      return '';
    };
    const sql = renderJinja(model.sql, model.file, { ...base, ref: ref(deps), config }).trim();
    return { name: model.name, file: model.file, materialized, relation: relationOf.get(model.name)!, dependsOn: [...deps].sort(), sql };
  });

  const seeds = new Set(project.seeds);
  const byName = new Map(models.map((m) => [m.name, m]));
  const generic = project.properties.flatMap((entry) => {
    const relation = relationOf.get(entry.name);
    if (!relation)
      throw new DbtError('DBT_COMPILE_FAILED', entry.file, `properties for ${entry.name}, which is no model or seed of this project`);
    return compileGenericTests(entry, relation, (expr, at) => renderJinja(expr, at, { ref: ref() }));
  });
  const singular = project.singularTests.map((t) => ({
    name: t.name,
    file: t.file,
    sql: renderJinja(t.sql, t.file, { ...base, ref: ref() }).trim(),
  }));
  return {
    name: project.name,
    seedSchema: options.seedSchema,
    targetSchema: options.targetSchema,
    seeds: [...seeds],
    models: topologicalOrder(byName, seeds),
    tests: [...generic, ...singular],
  };
}

function relations(project: DbtProjectFiles, options: CompileOptions): Map<string, string> {
  const map = new Map<string, string>();
  for (const seed of project.seeds) map.set(seed, `${options.seedSchema}.${seed}`);
  for (const model of project.models) {
    if (!IDENTIFIER.test(model.name)) throw new DbtError('DBT_COMPILE_FAILED', model.file, 'model names must be lowercase SQL identifiers');
    if (map.has(model.name))
      throw new DbtError('DBT_COMPILE_FAILED', model.file, `${model.name} is defined twice (as a seed or another model)`);
    map.set(model.name, `${options.targetSchema}.${model.name}`);
  }
  return map;
}

/** var(name, default): the --vars override, else the project's vars, else the default; unset without a default is an error, as in dbt. */
function renderVar(call: JinjaCall, vars: Readonly<Record<string, JinjaValue>>): string {
  const name = stringArg(call, 0, 'name');
  const value = name in vars ? vars[name] : call.args[1];
  if (value === undefined) throw new DbtError('DBT_COMPILE_FAILED', call.at, `var('${name}') is not set and has no default`);
  if (value === null || Array.isArray(value))
    throw new DbtError('DBT_COMPILE_FAILED', call.at, `var('${name}') must be a string, number or boolean to be inlined`);
  return String(value);
}

/** Kahn's algorithm; ready models are taken in name order so the output is deterministic. */
function topologicalOrder(models: ReadonlyMap<string, CompiledModel>, seeds: ReadonlySet<string>): CompiledModel[] {
  const pending = new Map([...models.values()].map((m) => [m.name, new Set(m.dependsOn.filter((d) => !seeds.has(d)))]));
  const order: CompiledModel[] = [];
  while (pending.size > 0) {
    const ready = [...pending]
      .filter(([, deps]) => deps.size === 0)
      .map(([name]) => name)
      .sort();
    if (ready.length === 0)
      throw new DbtError('DBT_COMPILE_FAILED', [...pending.keys()].sort().join(', '), 'the models ref each other in a cycle');
    for (const name of ready) {
      pending.delete(name);
      order.push(models.get(name)!);
      for (const deps of pending.values()) deps.delete(name);
    }
  }
  return order;
}
