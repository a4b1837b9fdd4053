// The marts the project builds, and the property file that documents and tests them.
import type { MartModel } from './dbt-mart-model.js';
import { martsFinance } from './dbt-marts-finance.js';
import { martsOperations } from './dbt-marts-operations.js';
import type { PropertyFile } from './dbt-schema-yml.js';

export const MART_MODELS: readonly MartModel[] = [...martsFinance, ...martsOperations];

/** models/marts/_marts.yml */
export function martProperties(): PropertyFile {
  const nodes = MART_MODELS.map((m) => ({
    name: m.name,
    description: m.description,
    columns: m.columns.map((c) => ({ name: c.name, description: c.description, ...(c.tests ? { data_tests: c.tests } : {}) })),
  }));
  return { header: 'The marts, built as tables.', key: 'models', nodes };
}
