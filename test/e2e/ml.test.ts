import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describe } from 'vitest';

// `haysim ml …` as users run it: the built binary on an embedded store `haysim generate` wrote.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const scratch = mkdtempSync(join(tmpdir(), 'haysim-ml-e2e-'));
const data = join(scratch, 'data');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function haysim(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 180_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('haysim ml on the embedded store', () => {
  beforeAll(() => {
    const g = haysim([
      'generate',
      '--data-dir',
      data,
      '--start',
      '2025-07-14',
      '--end',
      '2025-07-17',
      '--interval',
      '1h',
      '--quiet',
      '--no-validate',
    ]);
    expect(g.code, g.stderr).toBe(0);
  }, 240_000);

  it('writes the same JSONL and Parquet bytes for the same seed, and refuses bad input with exit 2', { timeout: 300_000 }, () => {
    const batch = [
      'ml',
      'batch',
      '--data-dir',
      data,
      '--size',
      '32',
      '--types',
      'chiller,ahu,vav',
      '--anomaly-ratio',
      '0.2',
      '--seed',
      '1',
    ];
    const [a, b] = [haysim(batch), haysim(batch)];
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toMatch(/^32 records; (26 normal, 6 anomaly|6 anomaly, 26 normal) in [\d.]+ s\n$/);
    expect(b.stdout).toBe(a.stdout);
    const lines = a.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(32);
    expect(lines.filter((r) => r.label === 'anomaly')).toHaveLength(6);

    const pairs = [
      'ml',
      'pairs',
      '--data-dir',
      data,
      '--type',
      'chiller',
      '--metric',
      'power_kw',
      '--hours',
      '3',
      '--count',
      '5',
      '--split',
      'time',
    ];
    const files = [join(scratch, 'p1.parquet'), join(scratch, 'p2.parquet')];
    for (const f of files) expect(haysim([...pairs, '--format', 'parquet', '--out', f]).code).toBe(0);
    expect(readFileSync(files[0]!).equals(readFileSync(files[1]!))).toBe(true);
    expect(readFileSync(files[0]!).subarray(0, 4).toString()).toBe('PAR1');

    const bad: [string[], RegExp][] = [
      [['ml', 'batch', '--data-dir', data, '--anomaly-ratio', '1.5'], /--anomaly-ratio 1.5: expected 0–1/],
      [['ml', 'pairs', '--data-dir', data, '--type', 'chiler'], /did you mean "chiller"/],
      [['ml', 'pairs', '--data-dir', data, '--type', 'chiller', '--metric', 'nope'], /--metric "nope": no chiller has this column/],
      [['ml', 'states', '--data-dir', data, '--split', 'random'], /--split "random": expected time or equipment/],
      [['ml', 'states', '--data-dir', data, '--split', 'time', '--split-ratios', '0.5,0.5'], /--split-ratios "0.5,0.5"/],
      [['ml', 'states', '--data-dir', data, '--format', 'parquet'], /--format parquet writes a file: pass --out FILE/],
      [['ml', 'anomalies', '--data-dir', data, '--anomaly-source', 'oracle'], /--anomaly-source "oracle"/],
      [['ml', 'states', '--data-dir', data, '--seed', '-1'], /--seed/],
    ];
    for (const [args, message] of bad) {
      const r = haysim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
