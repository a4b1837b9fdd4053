import { z } from 'zod';
import { ArgsError } from '../../errors.js';
import type { ShardShare } from '../../model/shard.js';
import type { OutputOptions } from '../output.js';

/** File formats of `--out`: how the rows are encoded; the layout decides how they are partitioned. */
export const FILE_FORMATS = ['csv', 'parquet'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** Options of the files sink (`--out DIR`). */
const filesOptionsSchema = z.object({
  dir: z
    .string()
    .trim()
    .min(1, 'expected a directory path')
    .describe('directory for the history, events, entities (CSV, Zinc, Hayson JSON) and points'),
  format: z
    .enum(FILE_FORMATS, { error: `expected ${FILE_FORMATS.join(' or ')}` })
    .default('csv')
    .describe('file format of the history and events'),
});

export type FilesOptions = z.input<typeof filesOptionsSchema>;

export const filesOptions: OutputOptions<typeof filesOptionsSchema> = {
  summary: 'write CSV or Parquet, Zinc and JSON files to this folder (alone: files only; with --db: both)',
  schema: filesOptionsSchema,
  flags: { select: 'dir', also: ['format'], names: { dir: '--out', format: '--format' } },
};

/** Shards and selections split files by equipment: the Haystack layout's history files hold every point, so they cannot be split. */
export function refuseSharedHistory(share: ShardShare | undefined): void {
  if (share)
    throw new ArgsError(
      `${share.flag} with --out needs --layout wide: a Haystack history file holds every point of its day, so it cannot be split by equipment`,
    );
}
