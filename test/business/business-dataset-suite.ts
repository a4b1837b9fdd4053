// One load of a business dataset per test file, shared by the rule tests and the dbt project tests.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { BusinessOptions } from '../../src/business/generate/business-dataset.js';
import { describeWithPostgres } from '../helpers/postgres.js';
import { dbtProjectTests } from './business-dbt-project.js';
import { businessRuleTests } from './business-rules.js';
import { loadBusinessDataset } from './loaded-business-dataset.js';
import type { LoadedDataset } from './loaded-business-dataset.js';

/** Loads the dataset once and runs the rule tests and the dbt project tests on it. */
export function describeBusinessDataset(name: string, options: BusinessOptions): void {
  describeWithPostgres(`the business dataset on PostgreSQL, ${name}`, (server) => {
    let loaded: LoadedDataset | undefined;
    beforeAll(async () => {
      loaded = await loadBusinessDataset(server, options);
    });
    afterAll(() => loaded?.dispose());
    const data = () => loaded ?? expect.fail('the dataset did not load');
    describe('rules', () => businessRuleTests(data, options));
    describe('the written dbt project', () => dbtProjectTests(data, options));
  });
}
