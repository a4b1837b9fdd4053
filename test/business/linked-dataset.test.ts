// The same on the default dataset with the office tower linked (the site as a customer, its repairs as calls).
import { describeBusinessDataset } from './business-dataset-suite.js';
import { linkedDataset } from './loaded-business-dataset.js';

describeBusinessDataset('office tower linked', await linkedDataset());
