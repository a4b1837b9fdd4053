import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres } from '../helpers/postgres.js';

// `haysim query …` as users run it: the built binary on a store `haysim generate` wrote.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const scratch = mkdtempSync(join(tmpdir(), 'haysim-query-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function haysim(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describeWithPostgres('haysim query on PostgreSQL', (server) => {
  let url: string;
  const q = (...args: string[]) => haysim(['query', ...args, '--db', url]);
  beforeAll(async () => {
    url = await server.createDatabase('q_e2e');
    const g = haysim([
      'generate',
      '--db',
      url,
      '--start',
      '2025-07-14',
      '--end',
      '2025-07-15',
      '--interval',
      '1h',
      '--quiet',
      '--no-validate',
    ]);
    expect(g.code, g.stderr).toBe(0);
  }, 180_000);

  it('prints tables, CSV and JSON with the row count and query time', { timeout: 300_000 }, () => {
    const list = q('equipment', '--type', 'chiller');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/equip_chiller_1 .*chiller/);
    expect(list.stderr).toMatch(/^2 rows in \d+\.\d ms\n$/);
    const csv = q(
      'range',
      'equip_chiller_1',
      '--from',
      '2025-07-14',
      '--to',
      '2025-07-15',
      '--columns',
      'power_kw,cop',
      '--agg',
      'max',
      '--every',
      '6h',
      '--format',
      'csv',
    );
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\n')).toEqual([
      'ts,power_kw,cop',
      // a bare date is local midnight and buckets follow the site's clock: 00, 06, 12, 18 h EDT (04:00Z …)
      expect.stringMatching(/^2025-07-14T04:00:00.000Z,[\d.]+,[\d.]*$/),
      expect.stringMatching(/^2025-07-14T10:00:00.000Z,/),
      expect.stringMatching(/^2025-07-14T16:00:00.000Z,/),
      expect.stringMatching(/^2025-07-14T22:00:00.000Z,/),
      '',
    ]);
    const json = JSON.parse(q('stats', 'equip_chiller_1', '--columns', 'power_kw', '--format', 'json').stdout);
    expect(json).toMatchObject({ columns: ['column', 'unit', 'count', 'min', 'max', 'avg', 'sum'], rowCount: 1, timestamps: 24 });
    expect(json.rows[0]).toMatchObject({ column: 'power_kw', unit: 'kW', count: 24 });
    expect(q('latest', 'equip_chiller_1', '--columns', 'power_kw', '--format', 'json').stdout).toMatch(/"ts":"2025-07-15T03:00:00.000Z"/);
    expect(q('anomalies', 'equip_chiller_1', '--column', 'power_kw', '--op', '>=', '--value', '0').stderr).toMatch(/^24 rows/);
    expect(q('alerts', '--since', '2d', '--format', 'csv').stdout).toMatch(
      /^ts,equipment,severity,message,metric,threshold,value,faultEvent\n/,
    );
    expect(q('sql', 'select count(*)::int as n from core.org').stdout).toMatch(/│ 1 +│/);
  });

  it('refuses bad input with one line and exit 2, and a write changes nothing', { timeout: 300_000 }, async () => {
    const cases: [string[], RegExp][] = [
      [['latest', 'equip_chiller_l'], /unknown equipment "equip_chiller_l": did you mean "equip_chiller_1"\?/],
      [['latest', 'equip_chiller_1', '--columns', 'power'], /unknown column of equip_chiller_1 "power"/],
      [['anomalies', 'equip_chiller_1', '--column', 'power_kw', '--op', '=>', '--value', '1'], /--op "=>": unknown operator/],
      [['anomalies', 'equip_chiller_1', '--column', 'power_kw', '--op', '>'], /needs --value/],
      [['range', 'equip_chiller_1', '--from', '2025-07-15', '--to', '2025-07-14'], /--from .* must be before --to/],
      [['range', 'equip_chiller_1', '--agg', 'avg', '--every', '2m'], /--every "2m": not an allowed interval \(allowed: 1m, 5m/],
      [['range', 'equip_chiller_1', '--from', "2025-07-14'; DROP TABLE core.org; --"], /--from .*expected a date/],
      [['latest', "x'; DROP TABLE core.org; --"], /unknown equipment/],
      [['stats', 'equip_chiller_1', '--columns', 'cop;drop table core.org'], /unknown column/],
      [['alerts', '--severity', "critical' OR '1'='1"], /unknown severity/],
      [['latest', 'equip_chiller_1', '--format', 'xml'], /--format "xml"/],
      [['sql', 'DROP TABLE core.org'], /only a read is allowed .* not DROP/],
      [['sql', "INSERT INTO core.org (key, name) VALUES ('evil', 'evil')"], /not INSERT/],
      [['sql', 'select 1; DROP TABLE core.org'], /one statement only/],
      [['sql', "COPY core.org TO PROGRAM 'touch /tmp/haysim-pwned'"], /not COPY/],
      [['sql', "select nextval('core.entity_id_seq')"], /nextval\(\) is not allowed in a read/],
      [['equipment', '--data-dir', join(scratch, 'none')], /no embedded store in/],
    ];
    for (const [args, message] of cases) {
      const r = args.includes('--data-dir') ? haysim(['query', ...args]) : q(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    const c = new pg.Client(url);
    await c.connect();
    try {
      const { rows } = await c.query(`SELECT (SELECT count(*) FROM core.org)::int AS n, to_regclass('core.org') IS NOT NULL AS org`);
      expect(rows).toEqual([{ n: 1, org: true }]);
    } finally {
      await c.end();
    }
  });
});
