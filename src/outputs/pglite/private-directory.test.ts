import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgliteStore } from './pglite-store.js';

let root = '';
beforeEach(async () => void (root = await mkdtemp(join(tmpdir(), 'haysim-private-'))));
afterEach(() => rm(root, { recursive: true, force: true }));

/** Opens and closes the store in dataDir, then checks it is private: the folder 0700, no entry open to group or others. */
async function expectPrivateAfterOpening(dataDir: string): Promise<void> {
  const store = new PgliteStore({ dataDir });
  await store.open();
  await store.close();
  expect(((await stat(dataDir)).mode & 0o777).toString(8)).toBe('700');
  expect(await openToOthers(dataDir)).toEqual([]);
}

/** Every entry under dir whose mode lets group or others in, as `path mode`. */
async function openToOthers(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const mode = (await stat(path)).mode & 0o777;
    if (mode & 0o077) found.push(`${path} ${mode.toString(8)}`);
  }
  return found;
}

describe('the embedded store keeps its data directory private', () => {
  it('creates the directory 0700 with nothing in it open to group or others', async () => {
    await expectPrivateAfterOpening(join(root, 'data'));
  }, 180_000);

  it('repairs a directory an older version left world-readable', async () => {
    const dataDir = join(root, 'old');
    await expectPrivateAfterOpening(dataDir);
    await mkdir(join(dataDir, 'extra'), { recursive: true });
    await writeFile(join(dataDir, 'extra', 'file'), 'x');
    await chmod(join(dataDir, 'extra', 'file'), 0o666);
    await chmod(dataDir, 0o755);
    await expectPrivateAfterOpening(dataDir);
  }, 180_000);
});
