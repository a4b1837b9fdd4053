// The spec's rules and the written dbt project on the default dataset, loaded once into PostgreSQL.
import { describeBusinessDataset } from './business-dataset-suite.js';
import { DATASET } from './loaded-business-dataset.js';

describeBusinessDataset('default dataset', DATASET);
