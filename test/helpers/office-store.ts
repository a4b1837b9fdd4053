import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

/** The built CLI, as users run it. */
export const HAYSIM_BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');

/** An office-tower embedded store in `dir` from the built `haysim generate`: hourly from 2025-07-14 to `end`. */
export function generateOfficeStore(dir: string, end = '2025-07-15', layout: 'haystack' | 'wide' = 'haystack'): void {
  const args = [
    'generate',
    '--data-dir',
    dir,
    '--start',
    '2025-07-14',
    '--end',
    end,
    '--interval',
    '1h',
    '--layout',
    layout,
    '--quiet',
    '--no-validate',
  ];
  const r = spawnSync(process.execPath, [HAYSIM_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 180_000,
  });
  expect(r.status, r.stderr).toBe(0);
}
