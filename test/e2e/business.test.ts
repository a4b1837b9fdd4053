import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSINESS_TABLES } from '../../src/business/tables/business-tables.js';
import { describeWithPostgres } from '../helpers/postgres.js';

// The built binary, as users run it (npm test builds first).
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const scratch = mkdtempSync(join(tmpdir(), 'haysim-e2e-business-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const DEFAULT_COUNTS = Object.fromEntries(BUSINESS_TABLES.map((t) => [t.name, t.defaultRows]));
// the spec's per-table counts sum to 17,410 (its headline "24,479 rows" does not match its own table)
const DEFAULT_TOTAL = BUSINESS_TABLES.reduce((n, t) => n + t.defaultRows, 0);
const CSV_FILES = BUSINESS_TABLES.map((t) => `${t.name}.csv`).sort();

function run(args: string[], cwd = scratch): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 300_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const haysim = (args: string[], cwd?: string) => run(['business', ...args], cwd);

/** Records in a CSV file (newlines inside quoted fields do not end a record), without the header. */
function records(path: string): number {
  const text = readFileSync(path, 'utf8');
  let n = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === '\n' && !quoted) n++;
  }
  return n - 1;
}

const checksums = (dir: string) =>
  Object.fromEntries(
    CSV_FILES.concat('summary.json').map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
const countsIn = (dir: string) => Object.fromEntries(BUSINESS_TABLES.map((t) => [t.name, records(join(dir, `${t.name}.csv`))]));

describe('haysim business into files', () => {
  const home = join(scratch, 'home');
  beforeAll(() => {
    mkdirSync(home);
    const r = haysim(['--quiet'], home); // no flags: ./hvac_data
    expect(r.code, r.stderr).toBe(0);
  });

  it('writes the 19 tables with the default counts, summary.json and a dbt project to ./hvac_data', () => {
    const dir = join(home, 'hvac_data');
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    ).toEqual(CSV_FILES);
    expect(countsIn(dir)).toEqual(DEFAULT_COUNTS);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ tables: DEFAULT_COUNTS, totalRows: DEFAULT_TOTAL, scale: 1, overrides: {} });
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(existsSync(join(dir, 'dbt', 'dbt_project.yml'))).toBe(true);
    expect(readFileSync(join(dir, 'customers.csv'), 'utf8').split('\n')[0]).toBe(
      BUSINESS_TABLES.find((t) => t.name === 'customers')!
        .columns.map((c) => c.name)
        .join(','),
    );
  });

  it('writes byte-identical files for the same seed, and different data with the same counts for another seed', () => {
    const same = join(scratch, 'same');
    const other = join(scratch, 'other');
    expect(haysim(['--out', same, '--quiet']).code).toBe(0);
    const r = haysim(['--out', other, '--seed', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const first = checksums(join(home, 'hvac_data'));
    expect(checksums(same)).toEqual(first);
    const changed = checksums(other);
    for (const f of CSV_FILES.filter((f) => !['technicians.csv', 'equipment_types.csv', 'parts.csv'].includes(f)))
      expect(changed[f], f).not.toBe(first[f]);
    expect(countsIn(other)).toEqual(DEFAULT_COUNTS);
    expect(JSON.parse(r.stdout)).toMatchObject({ seed: 2, totalRows: DEFAULT_TOTAL, outputs: [{ name: 'csv' }] });
  });

  it('applies --scale and --rows overrides, and prints the summary table', () => {
    const dir = join(scratch, 'scaled');
    const r = haysim(['--out', dir, '--scale', '0.1', '--rows', 'customers=77', '--rows', 'technicians=5,parts=30']);
    expect(r.code, r.stderr).toBe(0);
    const counts = countsIn(dir);
    expect(counts).toMatchObject({ customers: 77, technicians: 5, parts: 30, service_calls: 200, leads: 60 });
    expect(r.stdout).toMatch(/haysim business: HVAC service company, seed 1, scale 0\.1, as of \d{4}-\d{2}-\d{2}, rows customers=77,/);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).overrides).toEqual({ customers: 77, parts: 30, technicians: 5 });
    expect(r.stdout).toMatch(/│ service_calls\s+200 /);
    expect(r.stderr).toBe(''); // no progress bars when stderr is not a terminal
  });
});

describe('haysim business: bad input gives one clear line, exit 2, and writes nothing', () => {
  const file = join(scratch, 'a-file');
  writeFileSync(file, 'x');
  const cases: [string, string[], RegExp][] = [
    ['unknown table', ['--rows', 'custmers=5'], /unknown table 'custmers' \(did you mean 'customers'\?\)/],
    ['non-integer rows', ['--rows', 'customers=1.5'], /--rows "customers=1\.5": expected table=N/],
    ['rows breaking a rule', ['--rows', 'work_orders=5'], /work_orders \(5\) must equal service_calls/],
    ['negative scale', ['--scale', '-2'], /--scale expects a number above 0/],
    ['zero scale', ['--scale', '0'], /--scale expects a number above 0/],
    ['bad --as-of', ['--as-of', '2025-02-30'], /--as-of: expected a date as YYYY-MM-DD, got '2025-02-30'/],
    ['bad seed', ['--seed', 'abc'], /--seed expects a whole number/],
    ['--out is a file', ['--out', file], /--out .*a-file is a file, not a folder/],
    ['--out under a file', ['--out', join(file, 'sub')], /--out .*a-file\/sub cannot be written: a part of the path is a file/],
    ['malformed --db', ['--db', 'not a url'], /--db is not a PostgreSQL URL/],
    ['empty --db', ['--db', ''], /--db is empty/],
    ['huge table', ['--rows', 'customers=99999999999'], /customers: expected a whole number of rows from 0 to 50,000,000, got 99999999999/],
    ['__proto__ as a table', ['--rows', '__proto__=5'], /unknown table '__proto__'/],
    ['a table named twice', ['--rows', 'customers=5,parts=3', '--rows', 'customers=7'], /--rows names customers twice \(5 and 7\)/],
    ['--as-of in 1900', ['--as-of', '1900-01-01'], /--as-of: 1900-01-01 is out of range: expected a date from 2000-01-01 to 2100-12-31/],
    ['information_schema', ['--data-dir', 'store', '--schema', 'information_schema'], /"information_schema" is a PostgreSQL system schema/],
    ['pg_catalog', ['--db', 'postgres://u:secret@127.0.0.1:1/db', '--schema', 'pg_catalog'], /"pg_catalog" is a PostgreSQL system schema/],
    [
      'bad schema',
      ['--db', 'postgres://u:secret@127.0.0.1:1/db', '--schema', 'Bad-Name'],
      /--schema "Bad-Name" is not a valid schema name/,
    ],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, () => {
      const cwd = mkdtempSync(join(scratch, 'bad-'));
      const r = haysim(args, cwd);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^haysim: error: /);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/secret/);
      expect(readdirSync(cwd)).toEqual([]); // not even ./hvac_data
    });
  }

  it('an unreachable database is an I/O failure: exit 1, host named, no password', () => {
    const r = haysim(['--db', 'postgres://demo:secret@127.0.0.1:1/datakwip', '--quiet'], mkdtempSync(join(scratch, 'bad-')));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^haysim: error: postgres connect failed \(postgres:\/\/demo@127\.0\.0\.1:1\/datakwip\)/);
    expect(r.stderr).not.toMatch(/secret|^\s+at /m);
  });
});

describeWithPostgres('haysim business into PostgreSQL', (server) => {
  it('loads every table with its keys, files too when --out is given, and re-runs in place', async () => {
    const url = await server.createDatabase('e2e_business');
    const dir = join(scratch, 'with-db');
    const r = haysim(['--db', url, '--out', dir, '--quiet', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).outputs.map((o: { name: string }) => o.name)).toEqual(['postgres', 'csv']);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const count = async (schema: string) => {
        const union = BUSINESS_TABLES.map((t) => `SELECT '${t.name}' AS t, count(*)::int AS n FROM ${schema}.${t.name}`).join(
          ' UNION ALL ',
        );
        return Object.fromEntries((await client.query(union)).rows.map((x: { t: string; n: number }) => [x.t, x.n]));
      };
      expect(await count('hvac')).toEqual(DEFAULT_COUNTS);
      expect(countsIn(dir)).toEqual(DEFAULT_COUNTS);
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pg_constraint WHERE connamespace = 'hvac'::regnamespace AND contype = 'f'`,
      );
      expect(rows[0].n).toBe(BUSINESS_TABLES.flatMap((t) => t.columns.filter((c) => c.references)).length);
      // again, smaller, into another schema and then over the first one
      expect(haysim(['--db', url, '--schema', 'hvac_small', '--scale', '0.1', '--quiet']).code).toBe(0);
      const again = haysim(['--db', url, '--scale', '0.1', '--quiet']);
      expect(again.code, again.stderr).toBe(0);
      expect(await count('hvac')).toEqual(await count('hvac_small'));
      expect((await count('hvac')).service_calls).toBe(200);
      expect(existsSync(join(scratch, 'hvac_data'))).toBe(false); // --db alone writes no files
    } finally {
      await client.end();
    }
  });
});

describeWithPostgres('haysim business --link-building next to the generated telemetry', (server) => {
  it("gives every linked repair requested in the simulated month its fault event and fault readings on the device's equipment", async () => {
    const url = await server.createDatabase('e2e_link');
    const generated = run(['generate', '--db', url, '--start', '2025-11-01', '--end', '2025-12-01', '--quiet', '--no-validate']);
    expect(generated.code, generated.stderr).toBe(0);
    const linked = haysim(['--link-building', '--db', url, '--as-of', '2025-12-31', '--quiet']);
    expect(linked.code, linked.stderr).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // business times are the site's wall clock; the telemetry's are instants
      const { rows } = await client.query(`
        WITH calls AS (
          SELECT sc.service_call_id, sc.sim_event_ref, d.haystack_equip_ref, sc.requested_at AT TIME ZONE 'America/New_York' AS requested
            FROM hvac.service_calls sc JOIN hvac.installed_devices d USING (device_id)
           WHERE sc.sim_event_ref IS NOT NULL)
        SELECT c.service_call_id, c.sim_event_ref, e.type, e.haystack_id = c.haystack_equip_ref AS same_equip, e.start_ts < c.requested AS before,
               (SELECT count(*)::int FROM core.entity_tag et JOIN core.tag_def td ON td.id = et.tag_id AND td.name = 'equipRef'
                  JOIN core.values_demo v ON v.entity_id = et.entity_id
                 WHERE et.value_ref = e.entity_id AND v.status = 'fault' AND v.ts >= e.start_ts AND v.ts < e.end_ts) AS fault_readings
          FROM calls c LEFT JOIN core.haysim_event e ON e.event_key = c.sim_event_ref
         WHERE c.requested >= '2025-11-01 00:00 America/New_York' AND c.requested < '2025-12-01 00:00 America/New_York'`);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r, JSON.stringify(r)).toMatchObject({ type: 'fault', same_equip: true, before: true });
      for (const r of rows) expect(r.fault_readings, JSON.stringify(r)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});
