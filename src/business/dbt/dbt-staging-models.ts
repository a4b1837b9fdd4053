/**
 * One staging view per seed: every column cast to its declared type (so the
 * views stay typed even where a warehouse loaded the seed loosely), text
 * trimmed, and a few derived columns the marts share.
 */
import type { TableDef } from '../tables/table-def.js';
import { sqlType } from '../tables/table-def.js';
import { AS_OF_DATE_SQL } from './dbt-project-yml.js';

export interface DerivedColumn {
  readonly name: string;
  /** portable SQL over the seed's columns */
  readonly sql: string;
  readonly description: string;
}

const DERIVED: Readonly<Record<string, readonly DerivedColumn[]>> = {
  customers: [
    { name: 'contact_name', sql: `first_name || ' ' || last_name`, description: 'first and last name' },
    { name: 'is_commercial', sql: `customer_type = 'commercial'`, description: 'a commercial account' },
  ],
  technicians: [{ name: 'technician_name', sql: `first_name || ' ' || last_name`, description: 'first and last name' }],
  installed_devices: [
    { name: 'is_under_warranty', sql: `warranty_end_date >= ${AS_OF_DATE_SQL}`, description: 'warranty still running on the as_of_date' },
  ],
  service_calls: [
    { name: 'is_completed', sql: `status = 'completed'`, description: 'the visit took place' },
    {
      name: 'is_break_fix',
      sql: `service_type in ('repair', 'emergency')`,
      description: 'repair work (a failure of the unit), planned or emergency',
    },
    { name: 'requested_date', sql: 'cast(requested_at as date)', description: 'day of the request' },
  ],
  invoices: [{ name: 'has_open_balance', sql: 'balance_due > 0', description: 'not fully paid' }],
  appointments: [{ name: 'is_future_booking', sql: 'service_call_id is null', description: 'booked after the as_of_date, no call yet' }],
  leads: [{ name: 'is_won', sql: `status = 'won'`, description: 'became a customer' }],
};

export function derivedColumns(table: TableDef): readonly DerivedColumn[] {
  return DERIVED[table.name] ?? [];
}

export function stagingModelName(table: TableDef): string {
  return `stg_${table.name}`;
}

export function stagingModelSql(table: TableDef): string {
  const typed = table.columns.map((c) => {
    const value = c.type === 'text' ? `trim(${c.name})` : c.name;
    return `    cast(${value} as ${sqlType(c)}) as ${c.name}`;
  });
  const derived = derivedColumns(table).map((d) => `    ${d.sql} as ${d.name}`);
  return [
    `-- ${table.description} Staged from the ${table.name} seed: typed, trimmed, with derived flags.`,
    '',
    'with source as (',
    `    select * from {{ ref('${table.name}') }}`,
    ')',
    '',
    'select',
    [...typed, ...derived].join(',\n'),
    'from source',
    '',
  ].join('\n');
}
