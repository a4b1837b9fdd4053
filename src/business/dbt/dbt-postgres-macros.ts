/**
 * PostgreSQL renderings of the dbt cross-database macros the models use, as
 * dbt-postgres renders them, so the harness runs the same SQL real dbt would on
 * PostgreSQL. On Snowflake, real dbt renders the native DATE_TRUNC, DATEADD
 * and DATEDIFF instead, which count boundaries the same way.
 */
import { DbtError } from '../../errors.js';
import { stringArg } from './dbt-jinja.js';
import type { JinjaCall, JinjaFunctions } from './dbt-jinja.js';

/** dbt.date_trunc(datepart, date) */
function dateTrunc(call: JinjaCall): string {
  return `date_trunc('${datepart(call, stringArg(call, 0, 'datepart'))}', ${stringArg(call, 1, 'date')})`;
}

/** dbt.dateadd(datepart, interval, from_date_or_timestamp) */
function dateadd(call: JinjaCall): string {
  const part = datepart(call, stringArg(call, 0, 'datepart'));
  const interval = call.args[1] ?? call.kwargs.interval;
  if (typeof interval !== 'string' && typeof interval !== 'number')
    throw new DbtError('DBT_COMPILE_FAILED', call.at, 'dateadd() needs an interval');
  return `${stringArg(call, 2, 'from_date_or_timestamp')} + ((interval '1 ${part}') * (${interval}))`;
}

/** dbt.datediff(first_date, second_date, datepart): boundaries crossed from first to second */
function datediff(call: JinjaCall): string {
  return diff(call, stringArg(call, 0, 'first_date'), stringArg(call, 1, 'second_date'), datepart(call, stringArg(call, 2, 'datepart')));
}

function diff(call: JinjaCall, first: string, second: string, part: string): string {
  const datePart = (p: string, cast: string) => `date_part('${p}', (${second})::${cast}) - date_part('${p}', (${first})::${cast})`;
  switch (part) {
    case 'year':
      return `(${datePart('year', 'date')})`;
    case 'month':
      return `((${diff(call, first, second, 'year')}) * 12 + ${datePart('month', 'date')})`;
    case 'day':
      return `((${second})::date - (${first})::date)`;
    case 'hour':
      return `((${diff(call, first, second, 'day')}) * 24 + ${datePart('hour', 'timestamp')})`;
    case 'minute':
      return `((${diff(call, first, second, 'hour')}) * 60 + ${datePart('minute', 'timestamp')})`;
    default:
      throw new DbtError(
        'DBT_COMPILE_FAILED',
        call.at,
        `datediff() datepart '${part}' is not supported by the harness (year, month, day, hour, minute)`,
      );
  }
}

const DATEPARTS = new Set(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second']);

function datepart(call: JinjaCall, part: string): string {
  if (!DATEPARTS.has(part)) throw new DbtError('DBT_COMPILE_FAILED', call.at, `${call.name}() got an unknown datepart '${part}'`);
  return part;
}

export const POSTGRES_MACROS: JinjaFunctions = {
  'dbt.date_trunc': dateTrunc,
  'dbt.dateadd': dateadd,
  'dbt.datediff': datediff,
};
