import { z } from 'zod';

/** Options of the files sink (`--out DIR`). */
export const filesOptionsSchema = z.object({
  dir: z
    .string()
    .trim()
    .min(1, 'expected a directory path')
    .describe('directory for history.csv, events.csv, entities (CSV, Zinc, Hayson JSON) and points.csv'),
});

export type FilesOptions = z.infer<typeof filesOptionsSchema>;
