import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { yamlAliasBomb } from '../fixtures/yaml-alias-bomb.js';
import { describeWithPostgres } from '../helpers/postgres.js';

// The built binary, as users run it (npm test builds first).
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const SMALL = join(import.meta.dirname, '..', 'fixtures', 'profiles', 'small-office.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'haysim-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function haysim(args: string[], env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** One clear line on stderr, no stack trace. */
function expectCleanError(r: ReturnType<typeof haysim>, code: number, pattern: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr.trim().split('\n')[0]).toMatch(/^haysim: error: /);
}

/** A copy of the small office with one edit, as a profile file in the scratch folder. */
function editedProfile(name: string, edit: (text: string) => string): string {
  const path = join(scratch, `${name}.yaml`);
  writeFileSync(path, edit(readFileSync(SMALL, 'utf8')));
  return path;
}

describe('haysim CLI error paths: a clear error, an exit code, and nothing touched', () => {
  const dataDir = join(scratch, 'untouched');
  const cases: [string, string[], number, RegExp][] = [
    [
      'YAML alias bomb',
      ['--profile', editedProfile('bomb', (t) => `${yamlAliasBomb()}${t}`)],
      2,
      /bomb\.yaml:1:1: .*at most 100 alias expansions/,
    ],
    [
      'a date that names no day',
      ['--profile', editedProfile('bad-date', (t) => t.replace('installed: 2018-05-01', 'installed: 2018-13-45'))],
      2,
      /bad-date\.yaml:\d+:\d+: vav\.installed: expected a date that exists/,
    ],
    [
      'a NUL in a name',
      ['--profile', editedProfile('nul', (t) => t.replace('dis: Downtown Office Tower', 'dis: "Downtown\\0Tower"'))],
      2,
      /nul\.yaml:\d+:\d+: site\.dis: control character U\+0000/,
    ],
    [
      'a 1 MB name',
      ['--profile', editedProfile('long-dis', (t) => t.replace('dis: Downtown Office Tower', `dis: ${'x'.repeat(1_000_000)}`))],
      2,
      /site\.dis: text of 1000000 characters; at most 1024/,
    ],
    [
      'a profile over 1 MB',
      ['--profile', editedProfile('huge', (t) => `${t}\n${'# padding\n'.repeat(200_000)}`)],
      2,
      /huge\.yaml: file of \d+ bytes; a profile may have at most 1048576/,
    ],
    [
      'an end thousands of years out',
      ['--profile', SMALL, '--start', '2026-07-01', '--end', '9999-01-01'],
      2,
      /the range .* every 15 min is [\d,]+ timestamps × 154 points = [\d,]+ values; a run writes at most 1,000,000,000 into the embedded store \([\d,]+ days of this profile at 15 min\): .*or write to PostgreSQL \(--db\) or files \(--out\)/,
    ],
    [
      'days beyond the same limit',
      ['--profile', SMALL, '--start', '2026-01-01', '--days', '36000', '--interval', '1m'],
      2,
      /a run writes at most 1,000,000,000/,
    ],
    [
      'days before the epoch',
      ['--profile', SMALL, '--days', '36000'],
      2,
      /the range starts .*, before the profile's epoch 2025-01-01T00:00:00\.000Z/,
    ],
    [
      'an interval longer than the range',
      ['--profile', SMALL, '--start', '2026-07-01', '--end', '2026-07-02', '--interval', '7d'],
      2,
      /the interval \(7 d\) is longer than the range .*: nothing would be written/,
    ],
    ['unknown profile', ['--profile', 'office-towr'], 2, /unknown profile "office-towr".*did you mean "office-tower"/],
    [
      'invalid profile field',
      ['--profile', join(import.meta.dirname, '..', 'fixtures', 'profiles', 'broken-fields.yaml')],
      2,
      /broken-fields\.yaml:12:\d+: site\.yearBuilt: expected number[\s\S]*:66:3: vav\.minAirflowFracton: unknown key .*did you mean "minAirflowFraction"/,
    ],
    [
      'YAML syntax error',
      ['--profile', join(import.meta.dirname, '..', 'fixtures', 'profiles', 'broken-syntax.yaml')],
      2,
      /broken-syntax\.yaml:\d+:\d+: /,
    ],
    ['malformed database URL', ['--db', 'not a url'], 2, /--db: not a PostgreSQL URL: expected postgres:\/\//],
    ['unreachable database', ['--db', 'postgres://demo:secret@127.0.0.1:1/datakwip'], 1, /connect failed .*127\.0\.0\.1:1/],
    ['unsafe org key', ['--org', 'demo; drop table'], 2, /--org "demo; drop table" is not a valid organization key/],
    ['start after end', ['--start', '2026-07-10', '--end', '2026-07-01'], 2, /--start .* must be before --end/],
    ['interval 0', ['--interval', '0'], 2, /--interval "0": expected a positive whole number/],
    ['negative days', ['--days', '-3'], 2, /--days expects a whole number/],
    ['unknown flag', ['--bogus'], 2, /unknown option '--bogus'/],
    [
      'MQTT per-equipment payload on a {point} topic',
      ['--mqtt', 'mqtt://127.0.0.1:1', '--mqtt-payload', 'equip', '--topic', 'a/{equip}/{point}'],
      2,
      /--topic: payload "equip" publishes one message per equipment, so the topic cannot use \{point\}/,
    ],
    ['unknown MQTT payload mode', ['--mqtt', 'mqtt://127.0.0.1:1', '--mqtt-payload', 'equips'], 2, /--mqtt-payload: .*"point".*"equip"/],
    ['MQTT payload without a broker', ['--mqtt-payload', 'equip'], 2, /--mqtt-payload needs --mqtt URL/],
    ['MQTT QoS 2', ['--mqtt', 'mqtt://127.0.0.1:1', '--mqtt-qos', '2'], 2, /--mqtt-qos: /],
    ['unknown file format', ['--out', dataDir, '--format', 'xyz'], 2, /^haysim: error: --format: expected csv or parquet$/m],
    ['shard 0 of 3', ['--shard', '0/3'], 2, /^haysim: error: --shard 0\/3: K must be between 1 and N \(3\), got 0$/m],
    ['shard 4 of 3', ['--shard', '4/3'], 2, /^haysim: error: --shard 4\/3: K must be between 1 and N \(3\), got 4$/m],
    ['shard not K/N', ['--shard', 'a/b'], 2, /^haysim: error: --shard expects K\/N, .* got "a\/b"$/m],
    ['workers 0', ['--workers', '0'], 2, /^haysim: error: --workers must be between 1 and \d+, got 0$/m],
    ['reset with a shard', ['--reset', '--shard', '2/3'], 2, /--reset with --shard 2\/3: it would delete the rest of the org's data/],
    [
      'an unknown equipment',
      ['--equip', 'equip-ahu-1,chiller-9'],
      2,
      /^haysim: error: --equip: no equipment "chiller-9" in office-tower \(ids as in/m,
    ],
    ['an empty equipment id', ['--equip', 'equip-ahu-1,'], 2, /^haysim: error: --equip expects equipment ids separated by commas/m],
    ['equipment with a shard', ['--equip', 'equip-ahu-1', '--shard', '1/2'], 2, /^haysim: error: --equip with --shard: /m],
  ];
  for (const [name, args, code, pattern] of cases) {
    it(name, () => {
      const r = haysim(['generate', '--data-dir', dataDir, ...args]);
      expectCleanError(r, code, pattern);
      expect(r.stderr).not.toMatch(/secret/); // credentials never reach a message
      expect(existsSync(dataDir)).toBe(false);
    });
  }
});

describe('haysim live error paths: refused before anything opens', () => {
  const dataDir = join(scratch, 'live-untouched');
  const cases: [string, string[], RegExp][] = [
    ['an API beyond loopback without a token', ['--api-host', '0.0.0.0'], /--api-host 0\.0\.0\.0 serves the API beyond this machine/],
    ['a backfill reaching before the epoch', ['--backfill-days', '3650'], /--backfill-days 3650 reaches before the profile's epoch/],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, () => {
      const r = haysim(['live', '--profile', SMALL, '--data-dir', dataDir, ...args], { HAYSIM_API_TOKEN: '' });
      expectCleanError(r, 2, pattern);
      expect(existsSync(dataDir)).toBe(false);
    });
  }
});

describe('haysim backfill error paths', () => {
  it('refuses a --csv file in a missing folder before generating anything', () => {
    const missing = join(scratch, 'no-such-folder');
    const r = haysim(['env-sensors', 'backfill', '--start', '2025-11-01', '--end', '2025-11-02', '--csv', join(missing, 'x.csv')]);
    expectCleanError(r, 2, /--csv .*x\.csv: the folder .*no-such-folder does not exist; create it first/);
    expect(r.stdout).toBe('');
    expect(existsSync(missing)).toBe(false);
  });
});

describe('haysim generate into files', () => {
  it('prints a short interval as people write it and counts chunks, not days, when chunks are shorter', () => {
    const out = join(scratch, 'files-1s');
    const r = haysim([
      'generate',
      '--profile',
      SMALL,
      '--start',
      '2026-07-06T00:00',
      '--end',
      '2026-07-06T01:00',
      '--interval',
      '1s',
      '--out',
      out,
      '--quiet',
      '--no-validate',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/every 1 s\b/);
    // 1-s steps for 154 points: a day per chunk would be too big, so a chunk is 6 h and the hour is one chunk
    expect(r.stdout).toMatch(/554,400 \(1 chunk of 6 h written, 0 already there\)/);
  });

  it('writes byte-identical files for the same seed and different ones for another seed', () => {
    const range = ['--profile', SMALL, '--start', '2026-07-06', '--end', '2026-07-08', '--quiet'];
    const [a, b, c] = ['a', 'b', 'c'].map((d) => join(scratch, `files-${d}`));
    expect(haysim(['generate', ...range, '--out', a!]).code).toBe(0);
    expect(haysim(['generate', ...range, '--out', b!]).code).toBe(0);
    const seeded = haysim(['generate', ...range, '--out', c!, '--seed', '2']);
    expect(seeded.code).toBe(0);
    // chunks are UTC days from the epoch: two New York days touch three of them
    expect(seeded.stdout).toMatch(/every 15 min[\s\S]*\(3 days written, 0 already there\)/);
    const history = (d: string) => readFileSync(join(d, 'history.csv'));
    expect(history(a!).equals(history(b!))).toBe(true);
    expect(history(a!).equals(history(c!))).toBe(false);
    expect(readFileSync(join(a!, 'entities.zinc'), 'utf8')).toMatch(/^ver:"3.0"/);
    // 2 local days at 15 min for every point, plus the header
    const points = readFileSync(join(a!, 'points.csv'), 'utf8').trim().split('\n').length - 1;
    expect(history(a!).toString('utf8').trim().split('\n').length - 1).toBe(points * 2 * 96);
  });
});

describeWithPostgres('haysim generate into PostgreSQL', (server) => {
  const checksum = async (url: string, org: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n, md5(string_agg(e.haystack_id || '|' || extract(epoch FROM v.ts) || '|' || coalesce(v.value_n::text, '') || '|' ||
                coalesce(v.value_b::text, '') || '|' || coalesce(v.value_s, '') || '|' || v.status, ',' ORDER BY e.haystack_id, v.ts)) AS sum
           FROM core."values_${org}" v JOIN core.entity e ON e.id = v.entity_id`,
      );
      return rows[0] as { n: number; sum: string };
    } finally {
      await client.end();
    }
  };
  const range = ['--profile', SMALL, '--start', '2026-07-06', '--end', '2026-07-09', '--quiet', '--no-validate'];

  it('gives identical history for two runs and for the range split in 3 pieces generated in reverse order', async () => {
    const url = await server.createDatabase('e2e_split');
    expect(haysim(['generate', ...range, '--db', url, '--org', 'whole']).code).toBe(0);
    expect(haysim(['generate', ...range, '--db', url, '--org', 'again']).code).toBe(0);
    const pieces = [
      ['2026-07-08T05:30:00-04:00', '2026-07-09'],
      ['2026-07-06T13:15:00-04:00', '2026-07-08T05:30:00-04:00'],
      ['2026-07-06', '2026-07-06T13:15:00-04:00'],
    ];
    for (const [start, end] of pieces) {
      const r = haysim([
        'generate',
        '--profile',
        SMALL,
        '--start',
        start!,
        '--end',
        end!,
        '--quiet',
        '--no-validate',
        '--db',
        url,
        '--org',
        'pieces',
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
    const whole = await checksum(url, 'whole');
    expect(whole.n).toBeGreaterThan(0);
    expect(await checksum(url, 'again')).toEqual(whole);
    expect(await checksum(url, 'pieces')).toEqual(whole);
  });

  it('re-runs safely with and without --reset, and survives kill -9 mid-load with no duplicate or missing rows', async () => {
    const url = await server.createDatabase('e2e_rerun');
    const long = ['--profile', SMALL, '--start', '2026-06-01', '--end', '2026-06-21', '--quiet', '--no-validate', '--db', url];
    expect(haysim(['generate', ...long, '--org', 'clean']).code).toBe(0);
    const clean = await checksum(url, 'clean');
    // kill -9 once a few days are in
    const child = spawn(process.execPath, [BIN, 'generate', ...long, '--org', 'killed'], { stdio: 'ignore' });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (let i = 0; i < 600; i++) {
        const r = await client
          .query(`SELECT count(*)::int AS n FROM core.haysim_chunk c JOIN core.org o ON o.id = c.org_id WHERE o.key = 'killed'`)
          .catch(() => ({ rows: [{ n: 0 }] }));
        if (r.rows[0].n >= 3) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await client.end();
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const partial = await checksum(url, 'killed');
    expect(partial.n).toBeGreaterThan(0);
    expect(partial.n).toBeLessThan(clean.n);
    const resumed = haysim(['generate', ...long, '--org', 'killed']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/already there/);
    expect(await checksum(url, 'killed')).toEqual(clean);
    // again without --reset: nothing new, same data; with --reset: rewritten, same data
    expect(haysim(['generate', ...long, '--org', 'killed']).code).toBe(0);
    expect(await checksum(url, 'killed')).toEqual(clean);
    const reset = haysim(['generate', ...long, '--org', 'killed', '--reset']);
    expect(reset.code, reset.stdout + reset.stderr).toBe(0);
    expect(await checksum(url, 'killed')).toEqual(clean);
  });

  it('reports a wrong password as an authentication failure without the password', async () => {
    const url = new URL(await server.createUserDatabase('e2e_user', 'right-pass'));
    url.password = 'wrong-pass';
    const r = haysim(['generate', '--profile', SMALL, '--days', '1', '--db', url.toString()]);
    expectCleanError(r, 1, /password authentication failed/);
    expect(r.stderr).not.toMatch(/wrong-pass/);
  });

  it('validates a store and fails when its data is broken', async () => {
    const url = await server.createDatabase('e2e_validate');
    expect(haysim(['generate', ...range, '--db', url]).code).toBe(0);
    expect(haysim(['validate', '--db', url]).code).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`UPDATE core.values_demo SET value_n = value_n - 1000 WHERE ts = (SELECT max(ts) FROM core.values_demo)
                          AND entity_id IN (SELECT id FROM core.entity WHERE tags ? 'hisTotalized')`);
    await client.end();
    const r = haysim(['validate', '--db', url]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ .*registers/);
  });
});
