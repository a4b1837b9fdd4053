import { z } from 'zod';
import type { OutputOptions } from '../output.js';

/** Options of the files sink (`--out DIR`). */
const filesOptionsSchema = z.object({
  dir: z
    .string()
    .trim()
    .min(1, 'expected a directory path')
    .describe('directory for history.csv, events.csv, entities (CSV, Zinc, Hayson JSON) and points.csv'),
});

export type FilesOptions = z.infer<typeof filesOptionsSchema>;

export const filesOptions: OutputOptions<typeof filesOptionsSchema> = {
  summary: 'write CSV, Zinc and JSON files to this folder (alone: files only; with --db: both)',
  schema: filesOptionsSchema,
  flags: { select: 'dir', names: { dir: '--out' } },
};
