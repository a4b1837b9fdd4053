import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputError } from '../../errors.js';
import type { TableRows } from '../generate/business-dataset.js';
import type { Row } from '../tables/table-def.js';
import { OWNER_ROWS, OWNERS, PETS, TINY_OPTIONS, tinyTables } from '../../../test/fixtures/business-tiny-dataset.js';
import { BusinessCsvWriter } from './business-csv-writer.js';
import { writeBusinessDataset } from './write-business-dataset.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'haysim-business-csv-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function writeCsv(out: string, tables: Iterable<TableRows> = tinyTables()) {
  const writer = new BusinessCsvWriter(out);
  await writer.open();
  try {
    return await writeBusinessDataset(TINY_OPTIONS, tables, [writer]);
  } finally {
    await writer.close();
  }
}

const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

describe('BusinessCsvWriter', () => {
  it('writes a header of the column names and quotes only the fields that need it', async () => {
    await writeCsv(dir);
    expect(await readFile(join(dir, 'owners.csv'), 'utf8')).toBe(
      'owner_id,name,email,nickname,kind,active,balance,since,seen_at\n' +
        '1,"Smith, Jane",jane@example.com,,residential,true,1234.50,2024-03-05,2024-03-05 14:30:00\n' +
        '2,"Say ""hi""",hi@example.com,"",commercial,false,-3.00,2023-12-31,\n' +
        '3,"two\nlines\r\nhere",two@example.com, padded ,residential,true,0.00,2020-02-29,2020-02-29 00:00:00\n' +
        '4,Zoë Ñúñez 空調,zoe@example.com,NULL,commercial,false,99999.99,1999-01-01,1999-01-01 23:59:59\n',
    );
    expect(await readFile(join(dir, 'pets.csv'), 'utf8')).toBe('pet_id,owner_id,score\n1,1,9.50\n2,1,0.25\n3,4,-1.00\n');
  });

  it('round-trips through a real CSV parser (PostgreSQL COPY): same values, NULL apart from empty text', async () => {
    await writeCsv(dir);
    const db = new PGlite();
    try {
      await db.exec(
        `CREATE TABLE owners (owner_id int, name text, email text, nickname text, kind text, active boolean, balance numeric(12,2), since date, seen_at timestamp)`,
      );
      await db.query(`COPY owners FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], {
        blob: new Blob([await readFile(join(dir, 'owners.csv'))]),
      });
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT owner_id, name, email, nickname, kind, active, balance::text, since::text, seen_at::text FROM owners ORDER BY owner_id`,
      );
      expect(rows.map((r) => Object.values(r))).toEqual(OWNER_ROWS);
    } finally {
      await db.close();
    }
  });

  it('writes summary.json with the counts and the options, and byte-identical files for identical input', async () => {
    const summary = await writeCsv(join(dir, 'a'));
    await writeCsv(join(dir, 'b'));
    expect(summary).toMatchObject({ tables: { owners: 4, pets: 3 }, seed: 7, scale: 1, asOf: '2025-06-30', overrides: {}, totalRows: 7 });
    expect(JSON.parse(await readFile(join(dir, 'a', 'summary.json'), 'utf8'))).toEqual(summary);
    expect(summary.haysimVersion).toMatch(/^\d+\.\d+\.\d+/);
    const files = (await readdir(join(dir, 'a'))).sort();
    expect(files).toEqual(['owners.csv', 'pets.csv', 'summary.json']);
    for (const f of files) expect(await sha(join(dir, 'b', f)), f).toBe(await sha(join(dir, 'a', f)));
  });

  it('writes under a partial name and renames only when the whole dataset is done', async () => {
    const writer = new BusinessCsvWriter(dir);
    await writer.open();
    await writer.beginTable(OWNERS);
    await writer.write('1,x\n');
    await writer.endTable();
    expect((await readdir(dir)).sort()).toEqual(['owners.csv.partial']);
    await writer.close(); // without finish(): discarded
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves the previous dataset untouched and no partial files when generation fails part way', async () => {
    await writeCsv(dir);
    const before = await Promise.all(['owners.csv', 'pets.csv', 'summary.json'].map((f) => sha(join(dir, f))));
    function* failing(): Generator<Row> {
      yield [1, 1, '1.00'];
      throw new Error('generator broke');
    }
    const tables = [tinyTables()[0]!, { table: PETS, count: 2, rows: failing() }];
    await expect(writeCsv(dir, tables)).rejects.toThrow('generator broke');
    expect((await readdir(dir)).sort()).toEqual(['owners.csv', 'pets.csv', 'summary.json']);
    expect(await Promise.all(['owners.csv', 'pets.csv', 'summary.json'].map((f) => sha(join(dir, f))))).toEqual(before);
  });

  it('reports a folder it cannot create as an OutputError naming the path', async () => {
    await writeFile(join(dir, 'file'), 'x');
    const error = await new BusinessCsvWriter(join(dir, 'file', 'sub')).open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toMatch(/^csv write failed \(.*file\/sub\): a part of the path is a file/);
  });
});
