import type { Sink } from '../output.js';
import type { FileFormat } from './files-options.js';
import { FilesSink } from './files-sink.js';
import { PartitionedFilesSink } from './partitioned-files-sink.js';

/**
 * The files sink for a format and layout: CSV in the Haystack layout stays the
 * single `history.csv` existing scripts read; Parquet, and any format in the
 * wide layout, are hive-partitioned files (one per equipment and month, or per day).
 */
export function createFilesSink(options: { dir: string; format: FileFormat }, layout: 'haystack' | 'wide' = 'haystack'): Sink {
  if (options.format === 'csv' && layout === 'haystack') return new FilesSink(options);
  return new PartitionedFilesSink(options, options.format, layout);
}
