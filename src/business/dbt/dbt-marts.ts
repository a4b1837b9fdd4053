// The marts the project builds, and the property file that documents and tests them.
import { stringify } from 'yaml';
import type { MartModel } from './dbt-mart-model.js';
import { martsFinance } from './dbt-marts-finance.js';
import { martsOperations } from './dbt-marts-operations.js';

export const MART_MODELS: readonly MartModel[] = [...martsFinance, ...martsOperations];

/** models/marts/_marts.yml */
export function martPropertiesYml(): string {
  const models = MART_MODELS.map((m) => ({
    name: m.name,
    description: m.description,
    columns: m.columns.map((c) => ({ name: c.name, description: c.description, ...(c.tests ? { data_tests: c.tests } : {}) })),
  }));
  return `# The marts, built as tables.\n${stringify({ version: 2, models }, { lineWidth: 0 })}`;
}
