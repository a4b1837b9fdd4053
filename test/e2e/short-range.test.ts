import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const scratch = mkdtempSync(join(tmpdir(), 'haysim-short-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generate over a short range', () => {
  it('passes its closing validation: shares and empty relations are not applicable on 30 minutes, not failures', () => {
    const args = ['generate', '--data-dir', join(scratch, 'data'), '--start', '2026-07-15T10:00', '--end', '2026-07-15T10:30'];
    const r = spawnSync(process.execPath, [BIN, ...args, '--interval', '1m', '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const status of ['ok', 'stale', 'fault']) expect(r.stdout).toMatch(new RegExp(`${status} rows share +n/a: .*too short`));
    expect(r.stdout).toMatch(/^PASS: /m);
  });
});
