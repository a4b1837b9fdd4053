import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirectories } from './make-directories.js';

const root = mkdtempSync(join(tmpdir(), 'haysim-mkdir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('makeDirectories', () => {
  it('creates every missing level and accepts folders that exist', async () => {
    const deep = join(root, 'a', 'b', 'c');
    await makeDirectories(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    await expect(makeDirectories(deep)).resolves.toBeUndefined();
  });

  it('fails with the file system error where a file stands in the way', async () => {
    writeFileSync(join(root, 'file'), '');
    await expect(makeDirectories(join(root, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('fails, rather than hanging as recursive mkdir does, for a folder under /proc', async () => {
    await expect(makeDirectories('/proc/haysim-no-such-dir/x')).rejects.toHaveProperty('code');
  });
});
