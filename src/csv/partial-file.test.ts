import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PartialFile } from './partial-file.js';

describe('PartialFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'haysim-partial-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes under <path>.partial and replaces <path> only on commit', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, 'old\n');
    const file = new PartialFile(path);
    await file.write('x,y\n');
    await file.write('1,2\n');
    await file.end();
    expect((await readdir(dir)).sort()).toEqual(['a.csv', 'a.csv.partial']);
    expect(await readFile(path, 'utf8')).toBe('old\n');
    await file.commit();
    expect(await readdir(dir)).toEqual(['a.csv']);
    expect(await readFile(path, 'utf8')).toBe('x,y\n1,2\n');
  });

  it('discard removes the partial file, even right after it was created, and keeps the previous file', async () => {
    const path = join(dir, 'b.csv');
    await writeFile(path, 'old\n');
    await new PartialFile(path).discard();
    const written = new PartialFile(path);
    await written.write('new\n');
    await written.discard();
    expect(await readdir(dir)).toEqual(['b.csv']);
    expect(await readFile(path, 'utf8')).toBe('old\n');
  });

  it('rejects a write when the folder does not exist', async () => {
    const file = new PartialFile(join(dir, 'missing', 'c.csv'));
    await expect(file.write('x\n').then(() => file.end())).rejects.toThrow(/ENOENT/);
    await file.discard();
  });
});
