import { ArgsError } from '../../errors.js';
import { quoteIdent } from '../../sql/sql-quote.js';

/** Org keys become parts of SQL identifiers (`core.values_{key}`), so they are restricted. */
export const ORG_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** Throws ArgsError naming the flag and the rule; call before any connection is opened. */
export function validateOrgKey(key: string, flag = '--org'): string {
  if (typeof key !== 'string' || !ORG_KEY_PATTERN.test(key)) {
    throw new ArgsError(
      `${flag} ${JSON.stringify(key)} is not a valid organization key: expected 1-40 characters, ` +
        'a lower-case letter first, then lower-case letters, digits or underscores (e.g. demo, acme_east)',
    );
  }
  return key;
}

/** The per-org relation names in schema core, quoted and plain. */
export interface OrgTables {
  readonly key: string;
  /** `values_demo`, as stored in org.value_table and entity.value_table_id */
  readonly valueTable: string;
  readonly currentTable: string;
  readonly values: string;
  readonly current: string;
  readonly hourly: string;
  /** alerts derived from the series (haystack layout; the wide layout's are in its schema) */
  readonly alerts: string;
  readonly occupiedZoneTemp: string;
  readonly chillerCop: string;
  readonly dailyEnergy: string;
}

export function orgTables(key: string): OrgTables {
  validateOrgKey(key);
  const q = (name: string) => `core.${quoteIdent(name)}`;
  return {
    key,
    valueTable: `values_${key}`,
    currentTable: `values_${key}_current`,
    values: q(`values_${key}`),
    current: q(`values_${key}_current`),
    hourly: q(`values_${key}_hourly`),
    alerts: q(`alerts_${key}`),
    occupiedZoneTemp: q(`${key}_occupied_zone_temp`),
    chillerCop: q(`${key}_chiller_cop`),
    dailyEnergy: q(`${key}_daily_energy`),
  };
}
