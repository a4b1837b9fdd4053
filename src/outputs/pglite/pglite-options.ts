import { z } from 'zod';
import type { OutputOptions } from '../output.js';

export const DEFAULT_PGLITE_DIR = './haysim-data';

/** Options of the embedded store (`--data-dir DIR`), the output of a run that asks for none. */
const pgliteOptionsSchema = z.object({
  dataDir: z
    .string()
    .trim()
    .min(1, 'expected a folder path')
    .default(DEFAULT_PGLITE_DIR)
    .describe('folder of the embedded PostgreSQL store'),
});

export const pgliteOptions: OutputOptions<typeof pgliteOptionsSchema> = {
  summary: `folder of the embedded PostgreSQL store (default ${DEFAULT_PGLITE_DIR})`,
  schema: pgliteOptionsSchema,
  flags: { select: 'dataDir', names: { dataDir: '--data-dir' } },
};
