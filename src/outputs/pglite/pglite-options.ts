import { z } from 'zod';
import { ORG_KEY_PATTERN } from '../core-store/org-key.js';

export const DEFAULT_PGLITE_DIR = './haysim-data';

/** Options of the `pglite` store (embedded PostgreSQL in a local directory). */
export const pgliteOptionsSchema = z.object({
  dataDir: z.string().min(1).default(DEFAULT_PGLITE_DIR).describe('directory holding the embedded database'),
  org: z.string().regex(ORG_KEY_PATTERN).default('demo').describe('organization key: names core.values_{org}'),
  orgName: z.string().min(1).optional().describe('display name for a new organization'),
});

export type PgliteOptionsInput = z.input<typeof pgliteOptionsSchema>;
