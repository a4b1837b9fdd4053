import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI, as users run it. */
export const HAYSIM_BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');

export interface OfficeStoreOptions {
  /** exclusive end date; the store starts 2025-07-14 */
  readonly end?: string;
  readonly layout?: 'haystack' | 'wide';
  readonly interval?: string;
}

/**
 * An office-tower embedded store in `dir` from the built `haysim generate` (2025-07-14 to `end`, hourly
 * unless told); throws with generate's own message when it fails. The tests and the bench use it.
 */
export function generateOfficeStore(
  dir: string,
  { end = '2025-07-15', layout = 'haystack', interval = '1h' }: OfficeStoreOptions = {},
): void {
  const args = ['--data-dir', dir, '--start', '2025-07-14', '--end', end, '--interval', interval, '--layout', layout];
  const r = spawnSync(process.execPath, [HAYSIM_BIN, 'generate', ...args, '--quiet', '--no-validate'], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`haysim generate ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
}
