// What a mart model is: its SQL and its documented, tested columns.
import { AS_OF_DATE_SQL } from './dbt-project-yml.js';
import type { GenericTestSpec } from './dbt-schema-yml.js';

export interface MartColumn {
  readonly name: string;
  readonly description: string;
  readonly tests?: readonly GenericTestSpec[];
}

export interface MartModel {
  readonly name: string;
  readonly description: string;
  /** the model file's text: portable SQL with ref(), var() and dbt cross-db macros only */
  readonly sql: string;
  readonly columns: readonly MartColumn[];
}

/** The dataset's "today" as a one-row CTE body, so date macros take plain column names. */
export const AS_OF_CTE = `as_of as (\n    select ${AS_OF_DATE_SQL} as as_of_date\n)`;

/** Model file text: the description as a comment, then the SQL. */
export function martModelSql(model: MartModel): string {
  return `-- ${model.description}\n\n${model.sql.trim()}\n`;
}
