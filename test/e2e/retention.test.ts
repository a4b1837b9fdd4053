import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeWithPostgres } from '../helpers/postgres.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');

function generate(args: string[]) {
  return spawnSync(process.execPath, [BIN, 'generate', '--days', '1', '--quiet', '--no-validate', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 120_000,
  });
}

async function hasCoreSchema(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT to_regnamespace('core') IS NOT NULL AS core`);
    return rows[0].core as boolean;
  } finally {
    await client.end();
  }
}

describeWithPostgres('generate --retention', (server) => {
  it.each([
    [['--retention', '0'], /^haysim: error: --retention: expected a positive whole number of days, weeks, months or years/],
    [['--retention', 'abc'], /^haysim: error: --retention: expected /],
    [
      ['--retention', '1y', '--layout', 'wide'],
      /^haysim: error: --retention needs TimescaleDB \(add_retention_policy\); .* has no timescaledb extension/,
    ],
    [['--retention', '90d'], /^haysim: error: --retention needs TimescaleDB/],
  ])('%j on plain PostgreSQL: one line, exit 2, nothing written', async (args, message) => {
    const url = await server.createDatabase('retention');
    const r = generate(['--db', url, ...args]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(await hasCoreSchema(url)).toBe(false);
  });

  it('needs --db', () => {
    const r = generate(['--retention', '1y']);
    expect(r.stderr.trim()).toBe('haysim: error: --retention needs --db URL');
    expect(r.status).toBe(2);
  });
});
