import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const scratch = mkdtempSync(join(tmpdir(), 'haysim-e2e-env-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function haysim(args: string[]): { code: number; stdout: string; stderr: string } {
  // run in an empty folder: a developer's ./.env stays out of it
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: scratch, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('haysim env-sensors command group', () => {
  const period = ['--start', '2025-11-01', '--end', '2025-11-02', '--interval', '1h', '--devices', '2'];

  it('env-sensors backfill and the older backfill --profile env-sensors write the same CSV', () => {
    const [a, b] = [join(scratch, 'group.csv'), join(scratch, 'alias.csv')];
    const group = haysim(['env-sensors', 'backfill', ...period, '--csv', a]);
    expect(group.code, group.stderr).toBe(0);
    expect(group.stdout).toMatch(/^48 readings from 2 device\(s\)/);
    const alias = haysim(['backfill', '--profile', 'env-sensors', ...period, '--csv', b]);
    expect(alias.code, alias.stderr).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a, 'utf8').trim().split('\n')).toHaveLength(49);
  });

  it('names the flag of a bad date and refuses building profiles in backfill', () => {
    const bad = haysim(['env-sensors', 'backfill', '--start', '2025-11-31', '--end', '2025-12-01', '--csv', join(scratch, 'x.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^haysim: error: --start "2025-11-31": day 31 does not exist in 2025-11/);
    const building = haysim(['backfill', '--profile', 'office-tower', ...period, '--csv', join(scratch, 'y.csv')]);
    expect(building.code).toBe(2);
    expect(building.stderr).toMatch(/use `haysim generate --profile office-tower/);
  });
});
