/**
 * dbt's four built-in generic tests compiled to SQL that selects the failing
 * rows, following dbt-core's macros: unique (values seen more than once,
 * nulls ignored), not_null, accepted_values (values outside the list; nulls
 * pass) and relationships (non-null child values with no parent).
 */
import { DbtError } from '../../errors.js';
import { quoteLiteral } from '../../sql/sql-quote.js';
import type { PropertyEntry } from './dbt-project-reader.js';

export interface CompiledTest {
  /** dbt-style name, e.g. not_null_customers_customer_id */
  readonly name: string;
  /** the property or test file it came from */
  readonly file: string;
  /** a select of the failing rows */
  readonly sql: string;
}

type Args = Record<string, unknown>;

const GENERIC: Record<string, (model: string, column: string, args: Args, resolve: (expr: string) => string) => string> = {
  not_null: (model, column) => `select ${column} from ${model} where ${column} is null`,
  unique: (model, column) =>
    `select ${column} as unique_field, count(*) as n_records from ${model} where ${column} is not null group by ${column} having count(*) > 1`,
  accepted_values: (model, column, args) => {
    const values = args.values;
    if (!Array.isArray(values) || values.length === 0) throw new Error('accepted_values needs a non-empty values list');
    const list = values.map((v) => quoteLiteral(String(v))).join(', ');
    return `with all_values as (select ${column} as value_field, count(*) as n_records from ${model} group by ${column}) select * from all_values where value_field not in (${list})`;
  },
  relationships: (model, column, args, resolve) => {
    const to = args.to;
    const field = args.field;
    if (typeof to !== 'string' || typeof field !== 'string') throw new Error('relationships needs to and field');
    return (
      `with child as (select ${column} as from_field from ${model} where ${column} is not null), ` +
      `parent as (select ${field} as to_field from ${resolve(to)}) ` +
      `select from_field from child left join parent on child.from_field = parent.to_field where parent.to_field is null`
    );
  },
};

const ARGUMENTS: Record<string, readonly string[]> = {
  not_null: [],
  unique: [],
  accepted_values: ['values', 'quote'],
  relationships: ['to', 'field'],
};

/**
 * Every column-level generic test of a property entry. `relation` is the
 * compiled name of the entry's model or seed; `resolve` renders a Jinja
 * expression such as `ref('customers')` (the relationships `to` argument).
 */
export function compileGenericTests(entry: PropertyEntry, relation: string, resolve: (expr: string, at: string) => string): CompiledTest[] {
  const at = `${entry.file} ${entry.name}`;
  if (entry.data_tests ?? entry.tests)
    throw new DbtError('DBT_COMPILE_FAILED', at, 'model-level tests are not supported by the harness (put them on a column)');
  return entry.columns.flatMap((column) => {
    const tests = column.data_tests ?? column.tests ?? [];
    if (!Array.isArray(tests)) throw new DbtError('DBT_COMPILE_FAILED', `${at}.${column.name}`, 'data_tests must be a list');
    return tests.map((test: unknown) => {
      const [kind, args] = testKindAndArgs(test, `${at}.${column.name}`);
      const where = `${at}.${column.name} ${kind}`;
      try {
        const sql = GENERIC[kind]!(relation, column.name, args, (expr) => resolve(`{{ ${expr} }}`, where));
        return { name: `${kind}_${entry.name}_${column.name}`, file: entry.file, sql };
      } catch (e) {
        if (e instanceof DbtError) throw e;
        throw new DbtError('DBT_COMPILE_FAILED', where, (e as Error).message);
      }
    });
  });
}

function testKindAndArgs(test: unknown, at: string): [string, Args] {
  const fail = (why: string): never => {
    throw new DbtError('DBT_COMPILE_FAILED', at, `${why} (the harness runs ${Object.keys(GENERIC).join(', ')})`);
  };
  if (typeof test === 'string') return GENERIC[test] ? [test, {}] : fail(`unsupported test ${test}`);
  if (!test || typeof test !== 'object' || Object.keys(test).length !== 1) return fail(`unsupported test entry ${JSON.stringify(test)}`);
  const [kind, body] = Object.entries(test as Record<string, unknown>)[0]!;
  if (!GENERIC[kind]) return fail(`unsupported test ${kind}`);
  const { arguments: nested, config, ...topLevel } = (body ?? {}) as Args;
  if (config !== undefined) fail(`test config is not supported: ${JSON.stringify(config)}`);
  // dbt ≥ 1.10.5 nests test inputs under `arguments:`; older projects put them at the top level.
  const args = { ...topLevel, ...((nested as Args | undefined) ?? {}) };
  for (const key of Object.keys(args)) if (!ARGUMENTS[kind]!.includes(key)) fail(`${kind} argument ${key} is not supported`);
  if (args.quote === false) fail('accepted_values quote: false is not supported');
  return [kind, args];
}
